import { stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { sortProblems, type KnowledgeProblem } from '../knowledge/knowledgeProblem.ts';
import { displayPathOf } from '../knowledge/knowledgeFiles.ts';
import { issuesToProblems } from '../knowledge/issuesToProblems.ts';
import { readYamlFile, type YamlFile } from '../knowledge/yamlFile.ts';
import type { Reply, ReplyStatus } from '../reply/replyModel.ts';
import type { AnswerEngine } from '../answer/answerEngine.ts';
import { maxQuestionLength, normalizeText } from '../text/normalizeText.ts';

/**
 * Real member questions and the record each must reach, kept next to the knowledge so moderators
 * extend it. Any edit that sends one of them elsewhere is a regression that `npm run validate` lists.
 */
export const regressionsFileName = 'regressions.yaml';

const expectation = z
  .string({ error: 'must be text' })
  .trim()
  .regex(/^(?:(?:faq|term):[a-z0-9]+(?:-[a-z0-9]+)*|table|none)$/, {
    error: 'must be faq:<id>, term:<id>, table, or none (the question must not be answered)',
  });

const regressionSchema = z.strictObject({
  q: z.string({ error: 'must be text' }).trim().min(1, { error: 'must not be empty' }).max(maxQuestionLength),
  expect: expectation,
});

export interface Regression {
  readonly q: string;
  /** `faq:<id>`, `term:<id>`, `table` or `none`. */
  readonly expect: string;
  /** Where the question is written, for error messages. */
  readonly file: string;
  readonly line: number | null;
}

export type RegressionsLoadResult =
  | { readonly ok: true; readonly regressions: readonly Regression[]; /** null when the folder has no regressions file */ readonly file: string | null }
  | { readonly ok: false; readonly problems: readonly KnowledgeProblem[] };

export async function loadRegressions(dir: string): Promise<RegressionsLoadResult> {
  const filePath = path.join(dir, regressionsFileName);
  const exists = await stat(filePath).then(() => true, () => false);
  if (!exists) return { ok: true, regressions: [], file: null };
  return regressionsOfFile(await readYamlFile(filePath, displayPathOf(filePath)));
}

/** The regression questions of a regressions file as parsed, checked as `npm run validate` checks them. */
export function regressionsOfFile(file: YamlFile): RegressionsLoadResult {
  if (file.problems.length > 0) return { ok: false, problems: file.problems };

  const problems: KnowledgeProblem[] = [];
  const top = file.data;
  const list = isRecord(top) ? top.regressions : undefined;
  if (!Array.isArray(list)) {
    return { ok: false, problems: [file.problemAt(['regressions'], 'the file must start with "regressions:" and a list of questions (each "- q: …" with "expect: …")')] };
  }
  for (const key of Object.keys(top as Record<string, unknown>)) {
    if (key !== 'regressions') problems.push(file.problemAt([key], 'unknown section (expected "regressions:")'));
  }

  const regressions: Regression[] = [];
  const seen = new Map<string, number>();
  list.forEach((item: unknown, index) => {
    const result = regressionSchema.safeParse(item, { reportInput: true });
    if (!result.success) {
      problems.push(...issuesToProblems(file, ['regressions', index], result.error.issues, 'unknown field (only "q" and "expect")'));
      return;
    }
    const line = file.lineOf(['regressions', index]);
    const key = normalizeText(result.data.q);
    const first = seen.get(key);
    if (first !== undefined) problems.push(file.problemAt(['regressions', index, 'q'], `the same question is already listed as regressions[${first}]`));
    else seen.set(key, index);
    regressions.push({ ...result.data, file: file.displayPath, line });
  });
  return problems.length > 0 ? { ok: false, problems: sortProblems(problems) } : { ok: true, regressions, file: file.displayPath };
}


/** A question that no longer reaches the record it must. */
export interface RegressionFailure {
  readonly regression: Regression;
  /** What the engine does now: `faq:<id>`, `term:<id>`, `table` or `none`. */
  readonly got: string;
  /** Title of the record it reached, or of the suggestions offered instead. */
  readonly gotTitle: string;
  readonly status: ReplyStatus;
  readonly confidence: number;
  /** Set when the expected record is not in the knowledge at all (renamed or removed). */
  readonly note: string | null;
}

export interface RegressionReport {
  readonly total: number;
  readonly passed: number;
  readonly failures: readonly RegressionFailure[];
}

/** What a reply amounts to, in the notation of `expect`. */
export function outcomeOf(reply: Reply): string {
  if (reply.status !== 'answered') return 'none';
  return reply.kind === 'table' ? 'table' : `${reply.kind}:${reply.id}`;
}

export function runRegressions(engine: AnswerEngine, regressions: readonly Regression[]): RegressionReport {
  const known = new Set(['table', 'none', ...engine.knowledge.faq.map((r) => `faq:${r.id}`), ...engine.knowledge.terms.map((t) => `term:${t.id}`)]);
  const failures: RegressionFailure[] = [];
  for (const regression of regressions) {
    const reply = engine.ask(regression.q);
    const got = outcomeOf(reply);
    if (got === regression.expect) continue;
    const gotTitle = reply.status === 'suggestions' ? reply.suggestions.map((s) => s.title).join(' | ') : reply.status === 'answered' ? reply.title : '';
    const note = known.has(regression.expect) ? null : `there is no ${regression.expect} in the knowledge (renamed or removed?)`;
    failures.push({ regression, got, gotTitle, status: reply.status, confidence: reply.status === 'chat' ? 0 : reply.confidence.value, note });
  }
  return { total: regressions.length, passed: regressions.length - failures.length, failures };
}

/** `knowledge/regressions.yaml:12 "can openai use aws?": expected faq:any-cloud-provider, got term:azure "Azure" (confidence 0.61)` */
export function formatRegressionFailure(failure: RegressionFailure): string {
  const { regression: r } = failure;
  const location = r.line === null ? r.file : `${r.file}:${r.line}`;
  const got =
    failure.status === 'answered' ? `${failure.got} "${failure.gotTitle}"`
    : failure.status === 'suggestions' ? `no answer, only suggestions (${failure.gotTitle})`
    : 'no answer';
  const note = failure.note ? ` — ${failure.note}` : '';
  return `${location} ${JSON.stringify(r.q)}: expected ${r.expect}, got ${got} (confidence ${failure.confidence})${note}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
