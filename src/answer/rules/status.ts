import { singleFacetRule } from './requirementRule.ts';

const englishPatterns = {
  asked: /^(is|are|was)( \S+){1,3} (down|offline|broken|not working|having (an |some )?(outage|outages|issues|problems))( (right )?now| today| again| for (anyone|everyone))?$/,
  stated: /\b(outages?|offline|down|status|disruptions?|not working|broken)\b/i,
};

/**
 * "is aws down right now?": whether a service works at this moment, which a record states only when
 * it speaks of outages or status. A record about the service is no answer.
 */
export const statusRule = singleFacetRule({
  name: 'status',
  asked: (canonical) => englishPatterns.asked.test(canonical),
  stated: (text) => englishPatterns.stated.test(text),
  unstated: "I can't tell whether it works right now: the sources don't cover outages.",
  explain: 'whether something works right now (an outage or status)',
});
