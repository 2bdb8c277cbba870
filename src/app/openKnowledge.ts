import path from 'node:path';
import type { Logger } from 'pino';
import type { KnowledgeProblem } from '../knowledge/knowledgeProblem.ts';
import { createKnowledgeStore, KnowledgeInvalidError, type KnowledgeStore } from '../store/knowledgeStore.ts';
import { createKnowledgeWriter, type KnowledgeWriter } from '../store/knowledgeWriter.ts';

export interface OpenKnowledge {
  readonly store: KnowledgeStore;
  /** Edits the files (the moderators' tools), validated first, audited in `<dataDir>/audit.log.jsonl`. */
  readonly writer: KnowledgeWriter;
  close(): Promise<void>;
}

export type OpenKnowledgeResult = { readonly ok: true; readonly knowledge: OpenKnowledge } | { readonly ok: false; readonly problems: readonly KnowledgeProblem[] };

/**
 * The live knowledge: validated at start, then watched, so edits to the files are served within seconds, or refused
 * with the last good knowledge kept when they do not validate. A knowledge base that does not validate at start is
 * returned as its problems: the caller decides what that means (the bot will not start on it).
 */
export async function openKnowledge(
  { knowledgeDir, dataDir, maxKnowledgeFileBytes }: { knowledgeDir: string; dataDir: string; maxKnowledgeFileBytes: number },
  logger: Logger,
): Promise<OpenKnowledgeResult> {
  let store: KnowledgeStore;
  try {
    store = await createKnowledgeStore({ dir: knowledgeDir, maxFileBytes: maxKnowledgeFileBytes, logger: logger.child({ component: 'knowledge' }) });
  } catch (error) {
    if (error instanceof KnowledgeInvalidError) return { ok: false, problems: error.problems };
    throw error;
  }
  store.watch();
  const writer = createKnowledgeWriter({
    dir: knowledgeDir,
    auditLogPath: path.join(dataDir, 'audit.log.jsonl'),
    store,
    maxFileBytes: maxKnowledgeFileBytes,
    logger: logger.child({ component: 'knowledge-writer' }),
  });
  return { ok: true, knowledge: { store, writer, close: () => store.close() } };
}
