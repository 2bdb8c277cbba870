import { stat } from 'node:fs/promises';
import path from 'node:path';
import { knowledgeFileNames, type KnowledgeFileKind } from '../knowledge/knowledgeFiles.ts';
import type { FaqRecord, Knowledge, TermRecord } from '../knowledge/schema.ts';
import type { KnowledgeStore } from './knowledgeStore.ts';
import type { OpenedRecord } from './knowledgeWriter.ts';
import { recordVersion } from './recordVersion.ts';

type ServingStore = Pick<KnowledgeStore, 'dir' | 'current'>;

// File times are coarse (a clock tick behind the clock; whole seconds on some file systems), and the
// knowledge is read a while before it is served: a file saved less than this before the load counts
// as saved after it, and is read.
const timestampSlackMs = 2_000;

/**
 * The record as the bot serves it, with the version an edit of it must quote: what a form is filled
 * with at once (reading the file takes seconds at 10,000 records, and Discord gives a form 3 s to
 * open). Null when the record is not served, or when its file was saved after the served knowledge
 * was loaded: then the file must be read, for its new text or for its problems. A change the served
 * knowledge missed is no risk either way: the save checks the version against the file.
 */
export function servedFaq(store: ServingStore, id: string): Promise<OpenedRecord<FaqRecord> | null> {
  return served(store, 'faq', (knowledge) => knowledge.faq.find((record) => record.id === id));
}

export function servedTerm(store: ServingStore, id: string): Promise<OpenedRecord<TermRecord> | null> {
  return served(store, 'terms', (knowledge) => knowledge.terms.find((record) => record.id === id));
}

async function served<R extends FaqRecord | TermRecord>(store: ServingStore, file: KnowledgeFileKind, find: (knowledge: Knowledge) => R | undefined): Promise<OpenedRecord<R> | null> {
  const { knowledge, loadedAt } = store.current();
  const savedAt = await stat(path.join(store.dir, knowledgeFileNames[file])).then((stats) => stats.mtimeMs, () => Number.POSITIVE_INFINITY);
  if (savedAt >= loadedAt.getTime() - timestampSlackMs) return null;
  const record = find(knowledge);
  return record ? { record, version: recordVersion(record) } : null;
}
