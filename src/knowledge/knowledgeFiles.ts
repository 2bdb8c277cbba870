import path from 'node:path';
import type { TextRead } from './textRead.ts';
import type { YamlFile } from './yamlFile.ts';

/** The files the loader reads, by the kind of record each holds. */
export const knowledgeFileNames = {
  sources: 'sources.yaml',
  faq: 'faq.yaml',
  terms: 'terms.yaml',
  table: 'table.yaml',
  synonyms: 'synonyms.yaml',
} as const;

export type KnowledgeFileKind = keyof typeof knowledgeFileNames;

/**
 * One knowledge file's text (or why there is none), with the path its problems are reported under.
 * `parsed`: that very text already parsed under that path (an edit parses its spliced text to check
 * it), so validation need not parse it again: at 10,000 records a parse takes seconds.
 */
export type FileText = TextRead & { readonly displayPath: string; readonly parsed?: YamlFile };

/** What `parseKnowledge` validates: every knowledge file's text, read from a folder or proposed by an edit. */
export type KnowledgeTexts = Readonly<Record<KnowledgeFileKind, FileText>>;

/** Every knowledge file, parsed. */
export type KnowledgeFiles = Readonly<Record<KnowledgeFileKind, YamlFile>>;

/** A record that passed its schema, with its position in the file's list for error messages. */
export interface Located<T> {
  readonly value: T;
  readonly index: number;
}

/** How a file path is shown in errors: relative to the working directory when inside it. */
export function displayPathOf(filePath: string): string {
  const relative = path.relative(process.cwd(), filePath);
  return relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : filePath;
}
