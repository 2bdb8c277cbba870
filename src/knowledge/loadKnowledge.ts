import path from 'node:path';
import type { z } from 'zod';
import { checkCrossReferences } from './checkCrossReferences.ts';
import { sortProblems, type KnowledgeProblem } from './knowledgeProblem.ts';
import {
  comparisonTableSchema,
  faqRecordSchema,
  sourceSchema,
  synonymsFileSchema,
  termRecordSchema,
  type Knowledge,
} from './schema.ts';
import { issuesToProblems } from './issuesToProblems.ts';
import { readYamlFile, type YamlFile } from './yamlFile.ts';

export const knowledgeFileNames = {
  sources: 'sources.yaml',
  faq: 'faq.yaml',
  terms: 'terms.yaml',
  table: 'table.yaml',
  synonyms: 'synonyms.yaml',
} as const;

export type KnowledgeFileKind = keyof typeof knowledgeFileNames;

export type LoadResult =
  | { readonly ok: true; readonly knowledge: Knowledge }
  | { readonly ok: false; readonly problems: readonly KnowledgeProblem[] };

/** How a file path is shown in errors: relative to the working directory when inside it. */
export function displayPathOf(filePath: string): string {
  const relative = path.relative(process.cwd(), filePath);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : filePath;
}

/**
 * Reads and validates every knowledge file in `dir`. Each record is checked on its own, so one
 * bad record hides nothing: every problem in every file is reported, then the cross-record rules
 * run over the records that passed.
 */
export async function loadKnowledge(dir: string): Promise<LoadResult> {
  const files = await readAll(dir);
  const problems: KnowledgeProblem[] = Object.values(files).flatMap((file) => [...file.problems]);

  const sources = validateList(files.sources, 'sources', sourceSchema, problems);
  const faq = validateList(files.faq, 'faq', faqRecordSchema, problems);
  const terms = validateList(files.terms, 'terms', termRecordSchema, problems, { optional: true });
  const table = validateOne(files.table, 'table', comparisonTableSchema, problems);
  const wordGroups = validateOne(files.synonyms, null, synonymsFileSchema, problems);
  const synonyms = wordGroups?.synonyms ?? {};
  const concepts = wordGroups?.concepts ?? {};

  const declared = { sources: declaredIds(files.sources, 'sources'), faq: declaredIds(files.faq, 'faq') };
  problems.push(...checkCrossReferences({ sources, faq, terms, table, synonyms, declared }, files));
  if (problems.length > 0 || !table) return { ok: false, problems: sortProblems(problems) };
  const knowledge: Knowledge = {
    sources: sources.map((s) => s.value),
    faq: faq.map((r) => r.value),
    terms: terms.map((t) => t.value),
    table,
    synonyms,
    concepts,
  };
  return { ok: true, knowledge };
}

export type KnowledgeFiles = Readonly<Record<KnowledgeFileKind, YamlFile>>;

/** A record that passed its schema, with its position in the file's list for error messages. */
export interface Located<T> {
  readonly value: T;
  readonly index: number;
}

async function readAll(dir: string): Promise<KnowledgeFiles> {
  const entries = await Promise.all(
    Object.entries(knowledgeFileNames).map(async ([kind, name]) => {
      const filePath = path.join(dir, name);
      return [kind, await readYamlFile(filePath, displayPathOf(filePath))] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<KnowledgeFileKind, YamlFile>;
}

/** Validates `file.data[key]` as a list, record by record, keeping the records that pass. */
function validateList<Schema extends z.ZodType>(
  file: YamlFile,
  key: string,
  schema: Schema,
  problems: KnowledgeProblem[],
  { optional = false } = {},
): Located<z.output<Schema>>[] {
  if (file.problems.length > 0) return [];
  const top = file.data;
  const list: unknown = isRecord(top) ? top[key] : undefined;
  if (list === undefined || list === null) {
    if (!optional) problems.push(file.problemAt([key], `is required: the file must start with "${key}:" and a list of records`));
    return [];
  }
  if (!Array.isArray(list)) {
    problems.push(file.problemAt([key], 'must be a list of records (each starting with "- ")'));
    return [];
  }
  if (isRecord(top)) reportUnknownTopLevelKeys(file, top, [key], problems);
  const valid: Located<z.output<Schema>>[] = [];
  list.forEach((item, index) => {
    const result = schema.safeParse(item, { reportInput: true });
    if (result.success) valid.push({ value: result.data, index });
    else problems.push(...issuesToProblems(file, [key, index], result.error.issues));
  });
  return valid;
}

/** Validates one object: `file.data[key]`, or the whole file when `key` is null. */
function validateOne<Schema extends z.ZodType>(
  file: YamlFile,
  key: string | null,
  schema: Schema,
  problems: KnowledgeProblem[],
): z.output<Schema> | null {
  if (file.problems.length > 0) return null;
  const top = file.data;
  if (key !== null && isRecord(top)) reportUnknownTopLevelKeys(file, top, [key], problems);
  const value: unknown = key === null ? (top ?? {}) : isRecord(top) ? top[key] : undefined;
  if (value === undefined) {
    problems.push(file.problemAt([], `is required: the file must start with "${key}:"`));
    return null;
  }
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  problems.push(...issuesToProblems(file, key === null ? [] : [key], result.error.issues));
  return null;
}

function reportUnknownTopLevelKeys(
  file: YamlFile,
  top: Record<string, unknown>,
  allowed: readonly string[],
  problems: KnowledgeProblem[],
): void {
  for (const key of Object.keys(top)) {
    if (!allowed.includes(key)) problems.push(file.problemAt([key], `unknown section (expected ${allowed.map((k) => `"${k}:"`).join(' or ')})`));
  }
}


function declaredIds(file: YamlFile, key: string): Set<string> {
  const list = isRecord(file.data) ? file.data[key] : undefined;
  if (!Array.isArray(list)) return new Set();
  return new Set(list.map((item: unknown) => (isRecord(item) ? item.id : undefined)).filter((id): id is string => typeof id === 'string'));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
