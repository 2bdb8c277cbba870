/**
 * What a question may ask for that only some records state: a percentage, an amount, someone's
 * role… A record that does not state it cannot be the answer, however well its words match ("what
 * exact percentage does OpenAI pay?" is not answered by "at the same percentage"). Each rule is one
 * module of this shape; `decide` runs every rule of the list in `index.ts` the same way.
 */
export interface RequirementRule {
  /** Names the rule: in a reply's `unstated.kind`, in explanations, in measurements. */
  readonly name: string;
  /** What a record may state for this rule, each one bit of `states` (most rules have one). */
  readonly facets: readonly string[];
  /** What the question asks for under this rule; null when it asks nothing of the kind. */
  asks(question: QuestionText): RuleAsk | null;
  /** The facets a record's text states, as bits (bit i: `facets[i]`). Worked out once per record, when the engine is built. */
  states(recordText: string): number;
  /** The sentence a reply says when no record offered states what was asked. */
  unstated(ask: RuleAsk): string;
  /** What the question asks for, in words, for `ask --explain`: "a percentage". */
  explain(ask: RuleAsk): string;
}

/** The question as the rules read it. */
export interface QuestionText {
  /** The question part, normalised and rewritten with every word kept ("whats the exact percent openai pay microsoft"). */
  readonly canonical: string;
}

export interface RuleAsk {
  /** The facets (bits, as in `states`) any one of which a record must state to answer. */
  readonly accepts: number;
  /** The words it was asked with, where the reply names them ("cheaper"); empty otherwise. */
  readonly words: readonly string[];
}

/** A rule with one facet: the question asks for it or not, the record states it or not. */
export function singleFacetRule({
  name,
  asked,
  stated,
  unstated,
  explain,
}: {
  readonly name: string;
  readonly asked: (canonical: string) => boolean;
  readonly stated: (recordText: string) => boolean;
  readonly unstated: string;
  readonly explain: string;
}): RequirementRule {
  const ask: RuleAsk = { accepts: 1, words: [] };
  return {
    name,
    facets: [name],
    asks: (question) => (asked(question.canonical) ? ask : null),
    states: (recordText) => (stated(recordText) ? 1 : 0),
    unstated: () => unstated,
    explain: () => explain,
  };
}
