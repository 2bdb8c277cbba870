import { singleFacetRule } from './requirementRule.ts';

// "what's the exact % of…", "which percentage": a number is asked for; "does the percentage change?" is not.
const englishPatterns = {
  asked: /\b(what|which|exact|specific|how high|how big|how large)( \w+){0,3} (percent|percentage)\b/,
  // A percentage itself: "at the same percentage" names none.
  stated: /\d\s*(%|percent\b)|\b(one|two|three|four|five|ten|twenty|fifty|hundred) percent\b/i,
};
/**
 * What every percentage stated holds: looked for first, in a third of the time, because most
 * records have none and `stated` would read them to the end for nothing.
 */
const percentSignOrWord = /%|percent/i;

/** "what percent", "which percentage": only a record that gives a percentage answers it. */
export const percentageRule = singleFacetRule({
  name: 'percentage',
  asked: (canonical) => englishPatterns.asked.test(canonical),
  stated: (text) => percentSignOrWord.test(text) && englishPatterns.stated.test(text),
  unstated: "The sources don't give that percentage.",
  explain: 'a percentage',
});
