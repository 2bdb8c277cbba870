/**
 * What kind of record a question's wording asks for, whatever its topic: a glossary term ("what is
 * X"), the comparison table ("old vs new"). Read from English wording.
 */
export interface Wording {
  /** "what is X", "define X", "what does X mean": a glossary term fits best. */
  readonly definition: boolean;
  /** "compare", "vs", "old and new terms": the comparison table fits best. */
  readonly comparison: boolean;
}

const englishPatterns = {
  definition: [
    /^(what|whats) (is|are) (a |an |the )?\S+( \S+){0,3}$/,
    /^(whats|what s) (a |an |the )?\S+( \S+){0,3}$/,
    /^(define|definition|meaning|explain|describe)\b/,
    /\b(mean|means|meaning|stand for|stands for)$/,
    /^what do(es)? \S+( \S+){0,3} (mean|stand for)\b/,
  ],
  comparison: /\b(compare|compared|comparison|comparing|vs|versus|table|side by side|difference|differences|before and after|old and new|previous and (new|amended))\b/,
};

/** `canonical` is the normalised question with every word kept. */
export function readWording(canonical: string): Wording {
  return {
    definition: englishPatterns.definition.some((pattern) => pattern.test(canonical)),
    comparison: englishPatterns.comparison.test(canonical),
  };
}

/** The English words that only express a comparison, removed to see which table row is meant. */
export const englishComparisonWords = /\b(compare|compared|comparison|comparing|vs|versus|table|side by side|difference|differences|show|row|for|the|of|in|me|and)\b/g;
