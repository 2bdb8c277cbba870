import { englishAmountWords, years } from './figureWords.ts';
import { singleFacetRule } from './requirementRule.ts';

// An amount or a count asked for by name, which a year alone does not state ("through 2030" is no
// dollar amount). A plain "how much does OpenAI pay?" is not: "the same percentage, capped" answers it.
const englishPatterns = {
  asked:
    /\b(what (exact |specific )?(price|amount|figure|number|sum|valuation)|(dollar|money|cash) (amount|figure|value)|exact (number|figure|amount)|how much (money|cash)|how many (dollars|euros))\b/,
};

/** "what's the dollar amount", "what exact number": only a record that states an amount or a count answers it. */
export const amountRule = singleFacetRule({
  name: 'amount',
  asked: (canonical) => englishPatterns.asked.test(canonical),
  stated: (text) => englishAmountWords.test(text.replace(years, ' ')),
  unstated: "The sources don't give that amount.",
  explain: 'an amount or a count (a year is none)',
});
