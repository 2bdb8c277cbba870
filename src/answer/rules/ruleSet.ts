import type { Unstated } from '../../reply/replyModel.ts';
import type { QuestionText, RequirementRule, RuleAsk } from './requirementRule.ts';

/** What a question asks for under one rule, with the rule's facets placed among all rules' bits. */
export interface AskedRequirement {
  readonly rule: RequirementRule;
  readonly ask: RuleAsk;
  /** `ask.accepts` shifted to the rule's place in a record's flags. */
  readonly accepts: number;
}

/** The rules as the engine runs them: each rule's facets one range of bits in a record's flags. */
export interface RuleSet {
  readonly rules: readonly RequirementRule[];
  /** Every facet of every rule that `recordText` states: worked out once per record. */
  statesOf(recordText: string): number;
  /** What the question asks for, rule by rule (most questions: nothing). */
  askedBy(question: QuestionText): readonly AskedRequirement[];
}

/** Flags fit in 32 bits: at most this many facets across all rules. */
const maxFacets = 32;

export function createRuleSet(rules: readonly RequirementRule[]): RuleSet {
  const offsets: number[] = [];
  let next = 0;
  for (const rule of rules) {
    offsets.push(next);
    next += rule.facets.length;
  }
  if (next > maxFacets) throw new Error(`The requirement rules have ${next} facets; a record's flags hold ${maxFacets}.`);
  const none: readonly AskedRequirement[] = [];
  return {
    rules,
    statesOf(recordText) {
      let flags = 0;
      rules.forEach((rule, i) => {
        flags |= rule.states(recordText) << offsets[i]!;
      });
      return flags >>> 0;
    },
    askedBy(question) {
      let asked: AskedRequirement[] | null = null;
      rules.forEach((rule, i) => {
        const ask = rule.asks(question);
        if (ask) (asked ??= []).push({ rule, ask, accepts: (ask.accepts << offsets[i]!) >>> 0 });
      });
      return asked ?? none;
    },
  };
}

/** The first requirement a record with `flags` does not meet, in rule order; null when it meets them all. */
export function firstUnmet(asked: readonly AskedRequirement[], flags: number): AskedRequirement | null {
  for (const requirement of asked) if ((flags & requirement.accepts) === 0) return requirement;
  return null;
}

/** What a reply says the sources do not state. */
export function unstatedOf(requirement: AskedRequirement): Unstated {
  return { kind: requirement.rule.name, words: requirement.ask.words, message: requirement.rule.unstated(requirement.ask) };
}
