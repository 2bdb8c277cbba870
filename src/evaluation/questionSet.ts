import { z } from 'zod';
import type { MeaningMatch } from '../meaning/phrasingIndex.ts';
import type { AnswerEngine } from '../answer/answerEngine.ts';
import { toJsonReply } from '../render/renderJson.ts';

const common = {
  q: z.string().min(1),
  style: z.string().min(1).optional(),
  /** A first question: `q` is a follow-up asked in reply to the bot's answer to it. */
  previous: z.string().min(1).optional(),
};
const answerableSchema = z.strictObject({
  ...common,
  facts: z.array(z.array(z.string().min(1)).min(1)).min(1),
  not: z.array(z.string().min(1)).optional(),
});
const abstainSchema = z.strictObject({ ...common, abstain: z.literal(true) });
export type EvalQuestion = z.infer<typeof answerableSchema> | z.infer<typeof abstainSchema>;

/** The shape a line means to have, so a problem names its field (a union's error names none). */
const schemaOf = (json: unknown) => (typeof json === 'object' && json !== null && 'abstain' in json ? abstainSchema : answerableSchema);

export class QuestionSetError extends Error {
  override readonly name = 'QuestionSetError';
}

/**
 * One question per JSONL line: `{"q", "facts": [[alt, …], …], "not"?: [str, …], "style"?, "previous"?}`
 * or `{"q", "abstain": true, "style"?}`. Throws with the line number and fields of the first bad line.
 */
export function parseQuestionSet(text: string, fileName: string): EvalQuestion[] {
  const questions: EvalQuestion[] = [];
  text.split('\n').forEach((line, i) => {
    if (!line.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new QuestionSetError(`${fileName}:${i + 1}: not valid JSON`);
    }
    const result = schemaOf(json).safeParse(json);
    if (!result.success) {
      const problems = result.error.issues.map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message));
      throw new QuestionSetError(`${fileName}:${i + 1}: ${problems.join('; ')} (expected {"q", "facts"} or {"q", "abstain": true})`);
    }
    questions.push(result.data);
  });
  return questions;
}

export type Outcome = 'right' | 'wrong' | 'unsure' | 'held back' | 'answered off-topic';

export interface ScoredQuestion {
  readonly question: EvalQuestion;
  readonly outcome: Outcome;
  /** What the bot answered: `faq:<id>`, `term:<id>`, `table`, or its status when it did not answer. */
  readonly got: string;
  readonly confidence: number;
}

export interface StyleScore {
  readonly style: string;
  readonly answerable: number;
  readonly right: number;
  readonly wrong: number;
  readonly unsure: number;
  readonly offTopic: number;
  readonly heldBack: number;
}

export interface SetScore {
  readonly questions: readonly ScoredQuestion[];
  readonly styles: readonly StyleScore[];
  readonly total: StyleScore;
}

/**
 * The rule of the shared scorer: an answerable question is right when the reply is `answered`,
 * its text holds one string of every fact group and none of `not` (a `not` string starting with
 * "\n" only at the start of a line); wrong when answered otherwise; unsure when not answered.
 * An off-topic question is held back when the reply is not `answered`. Case-insensitive.
 * `neighboursOf`: the sentence encoder's nearest records to a question, computed beforehand (MEANING=on).
 */
export function scoreQuestionSet(engine: AnswerEngine, questions: readonly EvalQuestion[], neighboursOf: (text: string) => readonly MeaningMatch[] | null = () => null): SetScore {
  const scored = questions.map((question): ScoredQuestion => {
    const previous = question.previous ? engine.ask(question.previous, { meaning: neighboursOf(question.previous) }) : null;
    const reply = toJsonReply(
      engine.ask(question.q, {
        meaning: neighboursOf(question.q),
        ...(previous?.status === 'answered' && previous.kind ? { previous: { kind: previous.kind, id: previous.id ?? '', title: previous.title } } : {}),
      }),
    );
    const got = reply.status === 'answered' ? (reply.kind === 'table' ? 'table' : `${reply.kind}:${reply.id}`) : reply.status;
    const text = `\n${reply.text.toLowerCase()}`;
    const answered = reply.status === 'answered';
    let outcome: Outcome;
    if ('abstain' in question) outcome = answered ? 'answered off-topic' : 'held back';
    else {
      const holdsFacts = question.facts.every((group) => group.some((fact) => text.includes(fact.toLowerCase())));
      const contradicts = (question.not ?? []).some((bad) => text.includes(bad.toLowerCase()));
      outcome = !answered ? 'unsure' : holdsFacts && !contradicts ? 'right' : 'wrong';
    }
    return { question, outcome, got, confidence: reply.confidence };
  });
  const styleNames = [...new Set(scored.map(({ question }) => styleOf(question)))].sort();
  const tally = (style: string, items: readonly ScoredQuestion[]): StyleScore => ({
    style,
    answerable: items.filter(({ question }) => !('abstain' in question)).length,
    right: items.filter(({ outcome }) => outcome === 'right').length,
    wrong: items.filter(({ outcome }) => outcome === 'wrong').length,
    unsure: items.filter(({ outcome }) => outcome === 'unsure').length,
    offTopic: items.filter(({ question }) => 'abstain' in question).length,
    heldBack: items.filter(({ outcome }) => outcome === 'held back').length,
  });
  return {
    questions: scored,
    styles: styleNames.map((style) => tally(style, scored.filter(({ question }) => styleOf(question) === style))),
    total: tally('all', scored),
  };
}

export function styleOf(question: EvalQuestion): string {
  return question.style ?? ('abstain' in question ? 'off-topic' : 'answerable');
}

/** Right answers among answerable questions, and off-topic held back, as fractions (1 when there are none). */
export function rates(score: StyleScore): { right: number; wrong: number; heldBack: number } {
  return {
    right: score.answerable ? score.right / score.answerable : 1,
    wrong: score.answerable ? score.wrong / score.answerable : 0,
    heldBack: score.offTopic ? score.heldBack / score.offTopic : 1,
  };
}
