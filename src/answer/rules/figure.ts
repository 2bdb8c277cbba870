import { englishFigureWords } from './figureWords.ts';
import { singleFacetRule } from './requirementRule.ts';

// Questions whose answer is a figure: an amount, a count, a percentage, a price, or the date of a past event.
const englishPatterns = {
  asked:
    /\b(how (much|many)|what (exact |specific )?(percentage|percent|price|amount|figure|number|sum|valuation)|dollar (amount|figure|value)|exact (number|figure|amount|percentage|date)|what date|what year did|when did)\b/,
};

/** "how much", "when did…": only a record that states a number or a date answers it. */
export const figureRule = singleFacetRule({
  name: 'figure',
  asked: (canonical) => englishPatterns.asked.test(canonical),
  stated: (text) => englishFigureWords.test(text),
  unstated: "The sources don't give that figure or date.",
  explain: 'a figure (a number or a date)',
});
