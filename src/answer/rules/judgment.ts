import { englishPrice } from './figureWords.ts';
import type { RequirementRule } from './requirementRule.ts';

// Each judgment by its comparative and superlative forms (what a question asks with), then the other
// forms a record may state it in. The plain "good" and "bad" are not listed: nearly every text has them.
const englishJudgments: readonly { readonly asked: readonly string[]; readonly alsoStated: readonly string[]; readonly aboutPrice?: true }[] = [
  { asked: ['better', 'best'], alsoStated: [] },
  { asked: ['worse', 'worst'], alsoStated: [] },
  { asked: ['cheaper', 'cheapest', 'less expensive', 'least expensive'], alsoStated: ['cheap', 'inexpensive'], aboutPrice: true },
  { asked: ['pricier', 'priciest', 'costlier', 'more expensive', 'most expensive', 'dearer'], alsoStated: ['expensive', 'pricey', 'costly'], aboutPrice: true },
  { asked: ['faster', 'fastest', 'quicker', 'quickest'], alsoStated: ['fast', 'quick'] },
  { asked: ['slower', 'slowest'], alsoStated: ['slow'] },
  { asked: ['safer', 'safest', 'more secure', 'most secure'], alsoStated: ['safe', 'secure'] },
  { asked: ['easier', 'easiest'], alsoStated: ['easy'] },
  { asked: ['more reliable', 'most reliable'], alsoStated: ['reliable'] },
  { asked: ['more popular', 'most popular'], alsoStated: ['popular'] },
];
const anyJudgment = englishJudgments.flatMap((judgment) => judgment.asked).join('|');
const englishPatterns = {
  // Alternatives set against each other: "X cheaper than Y", "better, X or Y", "X vs Y … faster". A
  // "which is best for me?" names none: records on each option may answer it ("seniors pay half fare").
  betweenAlternatives: new RegExp(`\\b(${anyJudgment}) than\\b|\\b(${anyJudgment})\\b.*\\b(or|vs|versus)\\b|\\b(or|vs|versus)\\b.*\\b(${anyJudgment})\\b`),
  // Advice on what to do ("is it better to renew online or in person?", "the best way to pay"): a
  // record saying how each works answers it without judging.
  advice: new RegExp(`\\b(is it|would it be|it is|its|it s) (\\w+ )?(${anyJudgment}) to\\b|\\b(${anyJudgment}) (way|time|option|place) to\\b`),
  askedForms: englishJudgments.map((judgment) => judgment.asked.map((form) => ({ form, pattern: new RegExp(`\\b${form}\\b`) }))),
  statedForms: englishJudgments.map((judgment) => new RegExp(`\\b(${[...judgment.asked, ...judgment.alsoStated].join('|')})\\b`, 'i')),
  // Any of `statedForms`, or a price (`englishPrice`): a record stating none, as most do, is read once rather than eleven times.
  statedAny: new RegExp(
    `\\b(${englishJudgments.flatMap((judgment) => [...judgment.asked, ...judgment.alsoStated]).join('|')})\\b|${englishPrice.source}`,
    'i',
  ),
};

// One facet per judgment, then one for a price: a record stating prices lets the asker compare for themselves.
const priceBit = 1 << englishJudgments.length;

/**
 * "is azure cheaper than aws?", "which cloud is best?": a judgment between alternatives. Only a record
 * that makes that judgment answers it: one that says so in a form of the word asked ("cheaper",
 * "cheapest"), or for a price judgment one that states a price to compare. A record naming both
 * alternatives has not said which is cheaper.
 */
export const judgmentRule: RequirementRule = {
  name: 'judgment',
  facets: [...englishJudgments.map((judgment) => judgment.asked[0]!), 'price'],
  asks({ canonical }) {
    if (!englishPatterns.betweenAlternatives.test(canonical) || englishPatterns.advice.test(canonical)) return null;
    let accepts = 0;
    let allAboutPrice = true;
    const words: string[] = [];
    englishPatterns.askedForms.forEach((forms, i) => {
      const found = forms.filter(({ pattern }) => pattern.test(canonical));
      if (found.length === 0) return;
      accepts |= 1 << i;
      allAboutPrice &&= englishJudgments[i]!.aboutPrice === true;
      words.push(...found.map(({ form }) => form));
    });
    if (accepts === 0) return null;
    return { accepts: allAboutPrice ? accepts | priceBit : accepts, words };
  },
  states(recordText) {
    if (!englishPatterns.statedAny.test(recordText)) return 0;
    let stated = englishPrice.test(recordText) ? priceBit : 0;
    englishPatterns.statedForms.forEach((pattern, i) => {
      if (pattern.test(recordText)) stated |= 1 << i;
    });
    return stated;
  },
  unstated: (ask) => `The sources don't say which is ${ask.words.join(' or ')}.`,
  explain: (ask) => `a judgment between alternatives: ${ask.words.join(', ')}${ask.accepts & priceBit ? ' (or prices)' : ''}`,
};
