import { decide, type Decision } from '../../src/answer/decide.ts';
import { answerMessage, type DialogueOptions, type Stages } from '../../src/answer/dialogue.ts';
import { engineSteps, type EngineParts } from '../../src/answer/engineBuilder.ts';
import { defaultEngineTuning } from '../../src/answer/engineTuning.ts';
import { fuseCandidates } from '../../src/answer/fuseCandidates.ts';
import { lexicalPolicy } from '../../src/answer/lexicalPolicy.ts';
import { readQuestion, type Reading } from '../../src/answer/readQuestion.ts';
import { requirementRules, type RequirementRule } from '../../src/answer/rules/index.ts';
import type { Knowledge } from '../../src/knowledge/schema.ts';
import { runToEnd } from '../../src/search/buildSteps.ts';

/** An FAQ record of a knowledge base written inline for one test. */
export interface MicroRecord {
  readonly id: string;
  readonly question: string;
  readonly alternates?: readonly string[];
  readonly answer: string;
  readonly related?: readonly string[];
}

/** A knowledge base of a few records, written in the test that uses it (never the shipped article). */
export function microKnowledge(faq: readonly MicroRecord[], extra: Partial<Pick<Knowledge, 'terms' | 'synonyms'>> = {}): Knowledge {
  return {
    about: { topic: 'a small town', example: faq[0]?.question ?? 'What is new?' },
    sources: [{ id: 'notice', title: 'Town notice' }],
    faq: faq.map(({ id, question, alternates = [], answer, related = [] }) => ({ id, question, alternates: [...alternates], answer, related: [...related], sources: ['notice'] })),
    terms: extra.terms ?? [],
    table: {
      id: 'fees',
      title: 'Old and new fees',
      columns: ['Fee', 'Old', 'New'],
      rows: [{ feature: 'Parking permit', aliases: [], cells: ['10 dollars', '12 dollars'] }],
      triggers: ['compare the fees'],
      sources: ['notice'],
    },
    synonyms: extra.synonyms ?? {},
    concepts: {},
  };
}

/** The engine's parts, built at once with the default tuning, the lexical policy and `rules`. */
export function partsOf(knowledge: Knowledge, rules: readonly RequirementRule[] = requirementRules): EngineParts {
  return runToEnd(engineSteps(knowledge, { tuning: defaultEngineTuning, policy: lexicalPolicy(defaultEngineTuning), rules }));
}

/** The stages as the engine wires them, over `parts`. */
export function stagesOf(parts: EngineParts): Stages {
  const decider = { catalog: parts.catalog, policy: parts.policy, rowNamed: parts.rows.rowNamed };
  return {
    reader: parts.reader,
    lexical: parts.lexical,
    tuning: parts.tuning,
    decideReading: (reading: Reading, meaning) => decide(decider, reading, fuseCandidates(parts.catalog, reading, parts.lexical.rank(reading), meaning, parts.tuning.meaningCandidates)),
  };
}

/** The decision for `question` alone, through every stage up to the dialogue. */
export function decisionOf(parts: EngineParts, question: string, options: DialogueOptions = {}): Decision {
  return answerMessage(stagesOf(parts), readQuestion(parts.reader, question), options);
}

/** The id of the record a decision answers with first, or null. */
export function answeredId(parts: EngineParts, decision: Decision): string | null {
  return decision.action === 'answer' ? (parts.catalog.records[decision.answers[0].record]?.id ?? null) : null;
}
