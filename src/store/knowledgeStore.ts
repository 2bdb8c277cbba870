import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { pino, type Logger } from 'pino';
import { formatProblem, type KnowledgeProblem } from '../knowledge/knowledgeProblem.ts';
import { displayPathOf, loadKnowledge, type LoadResult } from '../knowledge/loadKnowledge.ts';
import type { Knowledge } from '../knowledge/schema.ts';
import { createAnswerEngine, type AnswerEngine } from '../search/answerEngine.ts';
import { hashKnowledgeFiles } from './contentHash.ts';
import { countKnowledge, diffKnowledge, type KnowledgeChanges, type KnowledgeCounts } from './diffKnowledge.ts';
import { createSerialQueue } from './serialQueue.ts';
import { watchFolder, type FolderWatcher } from './watchFolder.ts';

export type { KnowledgeChanges, KnowledgeCounts };

/** One validated knowledge base and its engine. Never mutated: a question keeps the snapshot it started with. */
export interface Snapshot {
  readonly engine: AnswerEngine;
  readonly knowledge: Knowledge;
  readonly loadedAt: Date;
  /** 1 for the knowledge loaded at start, +1 for every reload that changed something. */
  readonly version: number;
  /** Hash of the knowledge files this snapshot was built from. */
  readonly contentHash: string;
}

export type ReloadResult =
  | { readonly ok: true; readonly version: number; readonly changes: KnowledgeChanges; readonly counts: KnowledgeCounts }
  | { readonly ok: false; readonly problems: readonly KnowledgeProblem[] };

/** Sent after every reload attempt: the Discord layer posts failures to the mod-log channel. */
export interface ReloadEvent {
  readonly reason: string;
  readonly at: Date;
  readonly result: ReloadResult;
  /** What is served after this reload: the new snapshot, or the last good one when the files are invalid. */
  readonly snapshot: Snapshot;
}

/** The reason given for reloads the file watcher starts, as opposed to `/kb reload` or an edit. */
export const fileChangeReason = 'files changed on disk';

export type ReloadListener = (event: ReloadEvent) => void;

export interface StoreStats {
  readonly version: number;
  readonly loadedAt: Date;
  readonly counts: KnowledgeCounts;
  readonly lastReloadAt: Date | null;
  readonly lastReason: string | null;
  readonly lastResult: { readonly ok: true } | { readonly ok: false; readonly problemCount: number } | null;
  readonly watching: boolean;
}

export interface KnowledgeStore {
  readonly dir: string;
  current(): Snapshot;
  /** Loads and validates every file; swaps only when all of it is valid, else keeps the last good snapshot. */
  reload(reason: string): Promise<ReloadResult>;
  /** The same checks as `reload`, without swapping anything. */
  validate(): Promise<LoadResult>;
  stats(): StoreStats;
  /** Reloads by itself when the files change on disk. */
  watch(): void;
  /** Returns a function that unsubscribes. */
  onReload(listener: ReloadListener): () => void;
  /** Stops watching and waits for a reload in progress. */
  close(): Promise<void>;
}

export interface KnowledgeStoreOptions {
  readonly dir: string;
  readonly logger?: Logger;
  /** Quiet time after the last change on disk before reloading: an editor's save is several events. */
  readonly debounceMs?: number;
}

/** Thrown by `createKnowledgeStore` when there is no valid knowledge to start from. */
export class KnowledgeInvalidError extends Error {
  constructor(
    readonly dir: string,
    readonly problems: readonly KnowledgeProblem[],
  ) {
    super(`The knowledge in ${dir} is not valid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n${problems.map((p) => `  ${formatProblem(p)}`).join('\n')}`);
    this.name = 'KnowledgeInvalidError';
  }
}

// A load whose files changed while they were read is retried, so no snapshot mixes two states.
const maxLoadAttempts = 3;

export async function createKnowledgeStore({ dir: rawDir, logger = pino({ enabled: false }), debounceMs = 300 }: KnowledgeStoreOptions): Promise<KnowledgeStore> {
  const dir = path.resolve(rawDir);
  const first = await loadStable(dir);
  if (!first.ok) throw new KnowledgeInvalidError(dir, first.problems);

  let snapshot = makeSnapshot(first.knowledge, 1, first.hash);
  /** The files as last read; null when they were changing, so the next check reads them again. */
  let lastSeenHash: string | null = first.hash;
  let last: { at: Date; reason: string; result: ReloadResult } | null = null;
  let watcher: FolderWatcher | null = null;
  const listeners = new Set<ReloadListener>();
  const queue = createSerialQueue();

  const emit = (event: ReloadEvent) => {
    for (const listener of listeners) {
      try {
        listener(event);
      } catch (error) {
        logger.error({ err: error }, 'A knowledge reload listener failed');
      }
    }
  };

  /** Serves `loaded` if it is valid (else keeps the last good snapshot) and tells the listeners. */
  const apply = (loaded: Loaded, reason: string): ReloadResult => {
    lastSeenHash = loaded.hash;
    let result: ReloadResult;
    if (!loaded.ok) {
      result = { ok: false, problems: loaded.problems };
      logger.warn({ dir, reason, problems: loaded.problems.map(formatProblem) }, 'Knowledge is invalid; still serving the last good version');
    } else if (loaded.hash === snapshot.contentHash) {
      result = { ok: true, version: snapshot.version, changes: { added: [], changed: [], removed: [] }, counts: countKnowledge(snapshot.knowledge) };
    } else {
      const changes = diffKnowledge(snapshot.knowledge, loaded.knowledge);
      snapshot = makeSnapshot(loaded.knowledge, snapshot.version + 1, loaded.hash);
      result = { ok: true, version: snapshot.version, changes, counts: countKnowledge(loaded.knowledge) };
      logger.info({ dir, reason, version: snapshot.version, ...changes }, 'Knowledge reloaded');
    }
    last = { at: new Date(), reason, result };
    emit({ reason, at: last.at, result, snapshot });
    return result;
  };

  /**
   * After file events: reload only when the files differ from what was last read. An invalid
   * load is reported only if the files then stay as they are for another debounce period; if they
   * change, it was a save in progress (a file written in chunks) and they are read again instead.
   */
  const reloadIfChanged = async (): Promise<void> => {
    for (let attempt = 1; ; attempt++) {
      if ((await hashKnowledgeFiles(dir)) === lastSeenHash) return;
      const loaded = await loadStable(dir);
      if (!loaded.ok && attempt < maxLoadAttempts) {
        await delay(debounceMs);
        if ((await hashKnowledgeFiles(dir)) !== loaded.hash) continue;
      }
      apply(loaded, fileChangeReason);
      return;
    }
  };

  return {
    dir,
    current: () => snapshot,
    reload: (reason) => queue(async () => apply(await loadStable(dir), reason)),
    validate: () => loadKnowledge(dir),
    stats: () => ({
      version: snapshot.version,
      loadedAt: snapshot.loadedAt,
      counts: countKnowledge(snapshot.knowledge),
      lastReloadAt: last?.at ?? null,
      lastReason: last?.reason ?? null,
      lastResult: last === null ? null : last.result.ok ? { ok: true } : { ok: false, problemCount: last.result.problems.length },
      watching: watcher !== null,
    }),
    watch() {
      if (watcher) return;
      watcher = watchFolder(dir, {
        debounceMs,
        onSettled: () => {
          queue(reloadIfChanged).catch((error: unknown) => logger.error({ err: error, dir }, 'Reloading the knowledge failed'));
        },
        onError: (error) => logger.error({ err: error, dir }, 'Watching the knowledge folder failed'),
      });
      // Catch edits made between the first load and now.
      queue(reloadIfChanged).catch((error: unknown) => logger.error({ err: error, dir }, 'Reloading the knowledge failed'));
    },
    onReload(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      watcher?.close();
      watcher = null;
      await queue(async () => undefined);
    },
  };
}

function makeSnapshot(knowledge: Knowledge, version: number, contentHash: string): Snapshot {
  return Object.freeze({ engine: createAnswerEngine(knowledge), knowledge, loadedAt: new Date(), version, contentHash });
}

/** The files as read, with their hash; a null hash means they changed while being read. */
type Loaded =
  | { readonly ok: true; readonly hash: string; readonly knowledge: Knowledge }
  | { readonly ok: false; readonly hash: string | null; readonly problems: readonly KnowledgeProblem[] };

async function loadStable(dir: string): Promise<Loaded> {
  let hash = await hashKnowledgeFiles(dir);
  for (let attempt = 1; ; attempt++) {
    const result = await loadKnowledge(dir);
    const after = await hashKnowledgeFiles(dir);
    if (after === hash) return { ...result, hash };
    if (attempt === maxLoadAttempts) {
      const problem = { file: displayPathOf(dir), line: null, where: '', message: 'the files kept changing while they were read; reload again once the edit is saved' };
      return { ok: false, hash: null, problems: [problem] };
    }
    hash = after;
  }
}
