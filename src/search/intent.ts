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

/** `canonical` is the normalised question with every word kept. */
export function readIntent(canonical: string): QuestionIntent {
  return {
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
