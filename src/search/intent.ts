/** What kind of answer a question asks for, read from its wording rather than its topic. */
export interface QuestionIntent {
  /** "what is X", "define X", "what does X mean": a glossary term fits best. */
  readonly definition: boolean;
  /** "compare", "vs", "old and new terms": the comparison table fits best. */
  readonly comparison: boolean;
  /** "how much", "what percentage", "when did…": only an answer that states a number or date fits. */
  readonly figure: boolean;
  /** "what percent", "is it 20%": only an answer that states a percentage fits. */
  readonly percentage: boolean;
  /**
   * "what's the dollar amount", "what exact number": an amount or a count asked for by name, which a
   * year alone does not state ("through 2030" is no dollar amount). A plain "how much does OpenAI
   * pay?" is not: "the same percentage, capped" answers it.
   */
  readonly quantity: boolean;
  /**
   * "is azure cheaper than aws?", "which cloud is best?": a judgment between alternatives. Only a
   * record that makes that judgment answers it: one that says so in a form of the word asked
   * ("cheaper", "cheapest"), or for a price judgment one that states a price to compare. A record
   * naming both alternatives has not said which is cheaper. Null when the question asks no judgment.
   */
  readonly judgment: JudgmentAsked | null;
  /**
   * "who runs microsoft?", "who is the ceo of openai?": the person in charge, which only a record
   * naming someone's role states. "Runs" here is not the "runs through 2032" of a licence.
   */
  readonly leadership: boolean;
  /**
   * "is aws down right now?", "is the app not working?": whether a service works at this moment, which
   * a record states only when it speaks of outages or status. A record about the service is no answer.
   */
  readonly status: boolean;
}

/** The judgment a question asks for, as a record would state it. */
export interface JudgmentAsked {
  /** The words it was asked with ("cheaper"). */
  readonly asked: readonly string[];
  /** Matches a record's text that states the judgment in a form of the word asked. */
  readonly stated: RegExp;
  /** Cheaper or dearer: a record stating prices lets the asker compare for themselves. */
  readonly aboutPrice: boolean;
}

const definitionPatterns = [
  /^(what|whats) (is|are) (a |an |the )?\S+( \S+){0,3}$/,
  /^(whats|what s) (a |an |the )?\S+( \S+){0,3}$/,
  /^(define|definition|meaning|explain|describe)\b/,
  /\b(mean|means|meaning|stand for|stands for)$/,
  /^what do(es)? \S+( \S+){0,3} (mean|stand for)\b/,
];

const comparisonPattern =
  /\b(compare|compared|comparison|comparing|vs|versus|table|side by side|difference|differences|before and after|old and new|previous and (new|amended))\b/;

// Questions whose answer is a figure: an amount, a count, a percentage, a price, or the date of a past event.
const figurePattern =
  /\b(how (much|many)|what (exact |specific )?(percentage|percent|price|amount|figure|number|sum|valuation)|dollar (amount|figure|value)|exact (number|figure|amount|percentage|date)|what date|what year did|when did)\b/;

// "what's the exact % of…", "which percentage": a number is asked for; "does the percentage change?" is not.
const askedPercentage = /\b(what|which|exact|specific|how high|how big|how large)( \w+){0,3} (percent|percentage)\b/;

const quantityPattern =
  /\b(what (exact |specific )?(price|amount|figure|number|sum|valuation)|(dollar|money|cash) (amount|figure|value)|exact (number|figure|amount)|how much (money|cash)|how many (dollars|euros))\b/;

// Each judgment by its comparative and superlative forms (what a question asks with), then the other
// forms a record may state it in. The plain "good" and "bad" are not listed: nearly every text has them.
const judgments: readonly { readonly asked: readonly string[]; readonly alsoStated: readonly string[]; readonly aboutPrice?: true }[] = [
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
const anyJudgment = judgments.flatMap((judgment) => judgment.asked).join('|');
// Alternatives set against each other: "X cheaper than Y", "better, X or Y", "X vs Y … faster". A "which
// is best for me?" names none: records on each option may answer it ("seniors pay half fare").
const judgmentBetweenAlternatives = new RegExp(
  `\\b(${anyJudgment}) than\\b|\\b(${anyJudgment})\\b.*\\b(or|vs|versus)\\b|\\b(or|vs|versus)\\b.*\\b(${anyJudgment})\\b`,
);

// Advice on what to do ("is it better to renew online or in person?", "the best way to pay"): a record
// saying how each works answers it without judging.
const askedForAdvice = new RegExp(`\\b(is it|would it be|it is|its|it s) (\\w+ )?(${anyJudgment}) to\\b|\\b(${anyJudgment}) (way|time|option|place) to\\b`);

function readJudgment(canonical: string): JudgmentAsked | null {
  if (!judgmentBetweenAlternatives.test(canonical) || askedForAdvice.test(canonical)) return null;
  const found = judgments
    .map((judgment) => ({ judgment, words: judgment.asked.filter((form) => new RegExp(`\\b${form}\\b`).test(canonical)) }))
    .filter(({ words }) => words.length > 0);
  if (found.length === 0) return null;
  const forms = found.flatMap(({ judgment }) => [...judgment.asked, ...judgment.alsoStated]);
  return {
    asked: found.flatMap(({ words }) => words),
    stated: new RegExp(`\\b(${forms.join('|')})\\b`, 'i'),
    aboutPrice: found.every(({ judgment }) => judgment.aboutPrice === true),
  };
}

const roles = 'ceo|chief executive|boss|president|director|head|founder|cofounder|co founder|chair|chairman|chairwoman|chairperson|leader|manager|owner';
const leadershipPattern = new RegExp(`^(who|whos|who s) (runs|leads|heads|manages|founded|is (in charge|running|leading|heading|managing)|(is )?(the )?(${roles}) of)\\b`);

/**
 * What a record must name to answer a question about who is in charge: someone's role, or who
 * runs it ("the night buses are run by…", "its operator").
 */
export const statedRole = /\b(ceo|chief executive|president|director|head of|founder|co-?founder|chair|chairman|chairwoman|chairperson|leader|boss|manager|operators?|(run|operated|managed|led|headed) by)\b/i;

const statusPattern = /^(is|are|was)( \S+){1,3} (down|offline|broken|not working|having (an |some )?(outage|outages|issues|problems))( (right )?now| today| again| for (anyone|everyone))?$/;

/** What a record must speak of to say whether something works right now. */
export const statedStatus = /\b(outages?|offline|down|status|disruptions?|not working|broken)\b/i;

/** `canonical` is the normalised question with every word kept. */
export function readIntent(canonical: string): QuestionIntent {
  return {
    status: statusPattern.test(canonical),
    leadership: leadershipPattern.test(canonical),
    judgment: readJudgment(canonical),
    definition: definitionPatterns.some((pattern) => pattern.test(canonical)),
    comparison: comparisonPattern.test(canonical),
    figure: figurePattern.test(canonical),
    percentage: askedPercentage.test(canonical),
    quantity: quantityPattern.test(canonical),
  };
}

/** The words that only express the comparison, removed to see which table row is meant. */
export const comparisonWords = /\b(compare|compared|comparison|comparing|vs|versus|table|side by side|difference|differences|show|row|for|the|of|in|me|and)\b/g;

/** The words around the thing a definition question asks about: "what is (a) X", "what does X mean". */
export const definitionFrame = /^(what|whats|what s) (is |are )?(a |an |the )?|^(define|definition of|meaning of|explain|describe) (a |an |the )?|^what do(es)? | (mean|means|meaning|stand for|stands for)$/g;

/** What a question asks for that not every record states, in words: for explaining why a record did not answer. */
export function describeAsked(intent: QuestionIntent): string[] {
  const asked: string[] = [];
  if (intent.percentage) asked.push('a percentage');
  else if (intent.quantity) asked.push('an amount or a count (a year is none)');
  else if (intent.figure) asked.push('a figure (a number or a date)');
  if (intent.judgment) asked.push(`a judgment between alternatives: ${intent.judgment.asked.join(', ')}${intent.judgment.aboutPrice ? ' (or prices)' : ''}`);
  if (intent.leadership) asked.push("someone's role (who is in charge)");
  if (intent.status) asked.push('whether something works right now (an outage or status)');
  return asked;
}
