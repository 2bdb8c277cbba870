import type { z } from 'zod';
import { checkCrossReferences } from './checkCrossReferences.ts';
import type { KnowledgeFileKind, KnowledgeFiles, KnowledgeTexts, Located } from './knowledgeFiles.ts';
import { sortProblems, type KnowledgeProblem } from './knowledgeProblem.ts';
import {
  aboutSchema,
  comparisonTableSchema,
  faqRecordSchema,
  sourceSchema,
  synonymsFileSchema,
  termRecordSchema,
  type Knowledge,
} from './schema.ts';
import { issuesToProblems } from './issuesToProblems.ts';
import { brokenFile, parseYamlText, type YamlFile } from './yamlFile.ts';

export type LoadResult =
  | { readonly ok: true; readonly knowledge: Knowledge }
  | { readonly ok: false; readonly problems: readonly KnowledgeProblem[] };

/**
 * Validates the knowledge in `texts`, touching no file: the same rules whether the texts were just
 * read from the folder or are an edit not yet written. Each record is checked on its own, so one
 * bad record hides nothing: every problem in every file is reported, then the cross-record rules
 * run over the records that passed.
 */
export function parseKnowledge(texts: KnowledgeTexts): LoadResult {
  const files = parseAll(texts);
  const problems: KnowledgeProblem[] = Object.values(files).flatMap((file) => [...file.problems]);

  const sources = validateList(files.sources, 'sources', sourceSchema, problems, { otherSections: ['about'] });
  const about = validateOptional(files.sources, 'about', aboutSchema, problems);
  const faq = validateList(files.faq, 'faq', faqRecordSchema, problems);
  // `terms: []` (or `terms:` alone) is a glossary with no terms yet; a file without `terms:` is a mistake.
  const terms = validateList(files.terms, 'terms', termRecordSchema, problems, { mayBeEmpty: true });
  const table = validateOne(files.table, 'table', comparisonTableSchema, problems);
  const wordGroups = validateOne(files.synonyms, null, synonymsFileSchema, problems);
  const synonyms = wordGroups?.synonyms ?? {};
  const concepts = wordGroups?.concepts ?? {};

  const declared = { sources: declaredIds(files.sources, 'sources'), faq: declaredIds(files.faq, 'faq') };
  problems.push(...checkCrossReferences({ sources, faq, terms, table, synonyms, declared }, files));
  if (problems.length > 0 || !table) return { ok: false, problems: sortProblems(problems) };
  const knowledge: Knowledge = {
    about: { topic: about?.topic ?? null, example: about?.example ?? faq[0]?.value.question ?? '' },
    sources: sources.map((s) => s.value),
    faq: faq.map((r) => r.value),
    terms: terms.map((t) => t.value),
    table,
    synonyms,
    concepts,
  };
  return { ok: true, knowledge };
}

function parseAll(texts: KnowledgeTexts): KnowledgeFiles {
  const parse = (kind: KnowledgeFileKind): YamlFile => {
    const file = texts[kind];
    return file.text === null ? brokenFile(file.displayPath, file.problem.message, file.problem.line) : (file.parsed ?? parseYamlText(file.text, file.displayPath));
  };
  return { sources: parse('sources'), faq: parse('faq'), terms: parse('terms'), table: parse('table'), synonyms: parse('synonyms') };
}

/** Validates `file.data[key]` as a list, record by record, keeping the records that pass. */
function validateList<Schema extends z.ZodType>(
  file: YamlFile,
  key: string,
  schema: Schema,
  problems: KnowledgeProblem[],
  { mayBeEmpty = false, otherSections = [] as readonly string[] } = {},
): Located<z.output<Schema>>[] {
  if (file.problems.length > 0) return [];
  const top = file.data;
  // A file that exists must hold its list: without the `key:` line (or saved in an encoding that
  // hid it), reading it as "no records" would silently drop every one of them.
  const list: unknown = isRecord(top) ? top[key] : undefined;
  if (list === undefined || (list === null && !mayBeEmpty)) {
    problems.push(file.problemAt([key], `is required: the file must start with "${key}:" and a list of records`));
    return [];
  }
  if (list === null) return [];
  if (!Array.isArray(list)) {
    problems.push(file.problemAt([key], 'must be a list of records (each starting with "- ")'));
    return [];
  }
  if (isRecord(top)) reportUnknownTopLevelKeys(file, top, [key, ...otherSections], problems);
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

/** Validates `file.data[key]` when the file has that section; null when it has not, or it is invalid. */
function validateOptional<Schema extends z.ZodType>(file: YamlFile, key: string, schema: Schema, problems: KnowledgeProblem[]): z.output<Schema> | null {
  if (file.problems.length > 0 || !isRecord(file.data) || file.data[key] === undefined || file.data[key] === null) return null;
  const result = schema.safeParse(file.data[key], { reportInput: true });
  if (result.success) return result.data;
  problems.push(...issuesToProblems(file, [key], result.error.issues));
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
