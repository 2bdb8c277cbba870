import { englishAmountWords, englishReferringCounts, years } from './figureWords.ts';
import { singleFacetRule } from './requirementRule.ts';

// An amount or a count asked for by name, which a year alone does not state ("through 2030" is no
// dollar amount). So is the price a past deal was made at ("how much did Microsoft pay for its
// shares?"): a record that names the deal without its price is no answer. A plain "how much does
// OpenAI pay?" is not: "the same percentage, capped" answers it.
const englishPatterns = {
  asked:
    /\b(what (exact |specific )?(price|amount|figure|number|sum|valuation)|(dollar|money|cash) (amount|figure|value)|exact (number|figure|amount)|how much (money|cash)|how many (dollars|euros)|how much (did|had) (\w+ ){1,4}(pay|paid|spend|spent|invest|invested|cost)\b)\b/,
};

/** "what's the dollar amount", "what exact number": only a record that states an amount or a count answers it. */
export const amountRule = singleFacetRule({
  name: 'amount',
  asked: (canonical) => englishPatterns.asked.test(canonical),
  // Tested on the text as it is first: taking out years and referring counts leaves no amount that was
  // not there before (each is a whole word, replaced by a space), and most records state none at all,
  // so the two replacements (a copy of the text each) are made only for the few that may.
  stated: (text) => englishAmountWords.test(text) && englishAmountWords.test(text.replace(years, ' ').replace(englishReferringCounts, ' ')),
  unstated: "The sources don't give that amount.",
  explain: 'an amount or a count (a year, or "the two companies", is none)',
});
