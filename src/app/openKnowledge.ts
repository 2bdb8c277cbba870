import path from 'node:path';
import type { Logger } from 'pino';
import type { KnowledgeProblem } from '../knowledge/knowledgeProblem.ts';
import type { EngineOptions } from '../answer/answerEngine.ts';
import { createKnowledgeStore, KnowledgeInvalidError, type KnowledgeStore } from '../store/knowledgeStore.ts';
import { createKnowledgeWriter, type KnowledgeWriter } from '../store/knowledgeWriter.ts';
import { startSharedKnowledge, type SharedKnowledge } from '../store/sharedKnowledge.ts';

export interface OpenKnowledge {
  readonly store: KnowledgeStore;
  /**
   * Edits the files (the moderators' tools), validated first, audited in `<dataDir>/audit.log.jsonl`; with
   * DATABASE_URL published to every host first and audited in the database.
   */
  readonly writer: KnowledgeWriter;
  /** With DATABASE_URL: the versions shared with the other hosts. */
  readonly shared: SharedKnowledge | null;
  close(): Promise<void>;
}

export type OpenKnowledgeResult = { readonly ok: true; readonly knowledge: OpenKnowledge } | { readonly ok: false; readonly problems: readonly KnowledgeProblem[] };

/**
 * The live knowledge: validated at start, then watched, so edits to the files are served within seconds, or refused
 * with the last good knowledge kept when they do not validate. A knowledge base that does not validate at start is
 * returned as its problems: the caller decides what that means (the bot will not start on it).
 */
export async function openKnowledge(
  {
    knowledgeDir,
    dataDir,
    maxKnowledgeFileBytes,
    databaseUrl,
    watch = true,
  }: { knowledgeDir: string; dataDir: string; maxKnowledgeFileBytes: number; databaseUrl?: string | undefined; watch?: boolean },
  logger: Logger,
  /** How the store's engines are built (`meaningEngineOptions` with MEANING=on). */
  engine: EngineOptions = {},
): Promise<OpenKnowledgeResult> {
  let store: KnowledgeStore;
  try {
    store = await createKnowledgeStore({ dir: knowledgeDir, maxFileBytes: maxKnowledgeFileBytes, logger: logger.child({ component: 'knowledge' }), engine });
  } catch (error) {
    if (error instanceof KnowledgeInvalidError) return { ok: false, problems: error.problems };
    throw error;
  }
  // A terminal command that edits once and exits has nothing to watch for.
  if (watch) store.watch();
  // Connected (or found unreachable, then retried in the background) before the bot answers: the newest version
  // another host published is served from the first question on.
  const shared = databaseUrl
    ? await startSharedKnowledge({ url: databaseUrl, store, dataDir, limits: { maxFileBytes: maxKnowledgeFileBytes }, logger: logger.child({ component: 'shared-knowledge' }) })
    : null;
  const writer = createKnowledgeWriter({
    dir: knowledgeDir,
    auditLogPath: path.join(dataDir, 'audit.log.jsonl'),
    store,
    maxFileBytes: maxKnowledgeFileBytes,
    logger: logger.child({ component: 'knowledge-writer' }),
    ...(shared ? { publisher: shared } : {}),
  });
  return {
    ok: true,
    knowledge: {
      store,
      writer,
      shared,
      close: async () => {
        await shared?.close();
        await store.close();
      },
    },
  };
}
