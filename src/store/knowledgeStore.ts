import path from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { pino, type Logger } from 'pino';
import { formatProblem, type KnowledgeProblem } from '../knowledge/knowledgeProblem.ts';
import type { KnowledgeTexts } from '../knowledge/knowledgeFiles.ts';
import { loadKnowledge } from '../knowledge/loadKnowledge.ts';
import type { LoadResult } from '../knowledge/parseKnowledge.ts';
import type { ReadLimits } from '../knowledge/readTextFile.ts';
import { readKnowledgeTexts } from '../knowledge/readKnowledgeTexts.ts';
import type { Knowledge } from '../knowledge/schema.ts';
import { buildAnswerEngine, createAnswerEngine, type AnswerEngine, type EngineOptions } from '../answer/answerEngine.ts';
import { runInSlices } from '../search/buildSteps.ts';
import { hashKnowledgeFiles, hashKnowledgeTexts } from './contentHash.ts';
import { countKnowledge, fingerprintDiffSteps, type KnowledgeChanges, type KnowledgeCounts } from './diffKnowledge.ts';
import { loadStableOffThread } from './loadOffThread.ts';
import { loadStable, maxLoadAttempts, type Loaded } from './loadStable.ts';
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

/** What started a reload: the file watcher, a moderator's request, or an edit made through the writer. */
export type ReloadTrigger =
  | { readonly kind: 'files' }
  | { readonly kind: 'request'; readonly by: string }
  | { readonly kind: 'edit'; readonly change: string; readonly by: string };

/** The trigger as a person reads it, for logs and /kb stats. */
export function describeTrigger(trigger: ReloadTrigger): string {
  switch (trigger.kind) {
    case 'files':
      return 'files changed on disk';
    case 'request':
      return `reload requested by ${trigger.by}`;
    case 'edit':
      return `${trigger.change} by ${trigger.by}`;
  }
}

/** Sent after every reload attempt: the Discord layer posts failures to the mod-log channel. */
export interface ReloadEvent {
  readonly trigger: ReloadTrigger;
  readonly at: Date;
  readonly result: ReloadResult;
  /** What is served after this reload: the new snapshot, or the last good one when the files are invalid. */
  readonly snapshot: Snapshot;
}

export type ReloadListener = (event: ReloadEvent) => void;

export interface StoreStats {
  readonly version: number;
  readonly loadedAt: Date;
  readonly counts: KnowledgeCounts;
  readonly lastReloadAt: Date | null;
  readonly lastReason: string | null;
  readonly lastResult: { readonly ok: true } | { readonly ok: false; readonly problemCount: number } | null;
  /** True while a watcher is attached to the folder now at `dir` (false while it is missing). */
  readonly watching: boolean;
}

export interface KnowledgeStore {
  readonly dir: string;
  current(): Snapshot;
  /** Loads and validates every file; swaps only when all of it is valid, else keeps the last good snapshot. */
  reload(trigger: ReloadTrigger): Promise<ReloadResult>;
  /** The same checks as `reload`, without swapping anything. */
  validate(): Promise<LoadResult>;
  stats(): StoreStats;
  /** Reloads by itself when the files change on disk. */
  watch(): void;
  /** Returns a function that unsubscribes. */
  onReload(listener: ReloadListener): () => void;
  /** Stops watching and waits for a reload in progress, at most `closeTimeoutMs`. */
  close(): Promise<void>;
}

export interface KnowledgeStoreOptions {
  readonly dir: string;
  readonly logger?: Logger;
  /** Quiet time after the last change on disk before reloading: an editor's save is several events. */
  readonly debounceMs?: number;
  /** How often the watcher checks that `dir` is still the folder it watches (replaced by `mv`, a re-pointed symlink). */
  readonly folderPollMs?: number;
  /** Largest knowledge file, in bytes (default `defaultMaxFileBytes`, 1 MiB). */
  readonly maxFileBytes?: number;
  /** A file read slower than this is reported as a problem (default 10 s). */
  readonly readTimeoutMs?: number;
  /** `close()` waits at most this long for a reload in progress (default 5 s). */
  readonly closeTimeoutMs?: number;
  /**
   * Knowledge files this large in total (default 64 KiB) are read and validated in a worker thread
   * on reload, so the bot keeps answering meanwhile. In place, parsing and validating hold the
   * thread for about 0.8 ms per KiB (the bundled 43 KiB: 35–50 ms); a worker adds most of a second
   * of start-up to the reload instead.
   */
  readonly offThreadFromBytes?: number;
  /** How every engine of this store is built (the decision with the sentence encoder's neighbours: `meaningEngineOptions`). */
  readonly engine?: EngineOptions;
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

export async function createKnowledgeStore(options: KnowledgeStoreOptions): Promise<KnowledgeStore> {
  const { logger = pino({ enabled: false }), debounceMs = 300, folderPollMs = 1_000, closeTimeoutMs = 5_000, offThreadFromBytes = 64 * 1024 } = options;
  const dir = path.resolve(options.dir);
  const limits: ReadLimits = {
    ...(options.maxFileBytes === undefined ? {} : { maxFileBytes: options.maxFileBytes }),
    ...(options.readTimeoutMs === undefined ? {} : { timeoutMs: options.readTimeoutMs }),
  };
  const first = await loadStable(dir, limits);
  if (!first.ok) throw new KnowledgeInvalidError(dir, first.problems);

  let snapshot = snapshotOf(createAnswerEngine(first.knowledge, options.engine), first.knowledge, 1, first.hash);
  let lastBytes = first.bytes;
  let fingerprints = first.fingerprints;
  /** A reload of large knowledge is read in a worker; the files rarely change size much from one load to the next. */
  const load = async (firstRead?: KnowledgeTexts): Promise<Loaded> => {
    const loaded = lastBytes >= offThreadFromBytes ? await loadStableOffThread(dir, limits) : await loadStable(dir, limits, firstRead);
    lastBytes = loaded.bytes;
    return loaded;
  };
  /** The files as last read; null when they were changing, so the next check reads them again. */
  let lastSeenHash: string | null = first.hash;
  let last: { at: Date; trigger: ReloadTrigger; result: ReloadResult } | null = null;
  let watcher: FolderWatcher | null = null;
  let closed = false;
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
  const apply = async (loaded: Loaded, trigger: ReloadTrigger): Promise<ReloadResult> => {
    const reason = describeTrigger(trigger);
    lastSeenHash = loaded.hash;
    let result: ReloadResult;
    if (!loaded.ok) {
      result = { ok: false, problems: loaded.problems };
      logger.warn({ dir, reason, problems: loaded.problems.map(formatProblem) }, 'Knowledge is invalid; still serving the last good version');
    } else if (loaded.hash === snapshot.contentHash) {
      result = { ok: true, version: snapshot.version, changes: { added: [], changed: [], removed: [] }, counts: countKnowledge(snapshot.knowledge) };
    } else {
      const changes = await runInSlices(fingerprintDiffSteps(fingerprints, loaded.fingerprints));
      // Built in slices: questions keep being answered from the current snapshot until the swap.
      const engine = await buildAnswerEngine(loaded.knowledge, options.engine);
      snapshot = snapshotOf(engine, loaded.knowledge, snapshot.version + 1, loaded.hash);
      fingerprints = loaded.fingerprints;
      result = { ok: true, version: snapshot.version, changes, counts: countKnowledge(loaded.knowledge) };
      logger.info({ dir, reason, version: snapshot.version, ...changes }, 'Knowledge reloaded');
    }
    last = { at: new Date(), trigger, result };
    emit({ trigger, at: last.at, result, snapshot });
    return result;
  };

  /**
   * After file events: reload only when the files differ from what was last read. An invalid
   * load is reported only if the files then stay as they are for another debounce period; if they
   * change, it was a save in progress (a file written in chunks) and they are read again instead.
   */
  const reloadIfChanged = async (): Promise<void> => {
    for (let attempt = 1; !closed; attempt++) {
      const texts = await readKnowledgeTexts(dir, limits);
      if (hashKnowledgeTexts(texts) === lastSeenHash) return;
      const loaded = await load(texts);
      if (!loaded.ok && attempt < maxLoadAttempts) {
        await delay(debounceMs);
        if ((await hashKnowledgeFiles(dir, limits)) !== loaded.hash) continue;
      }
      if (closed) return;
      await apply(loaded, { kind: 'files' });
      return;
    }
  };

  return {
    dir,
    current: () => snapshot,
    reload: (trigger) => queue(async () => apply(await load(), trigger)),
    validate: () => loadKnowledge(dir, limits),
    stats: () => ({
      version: snapshot.version,
      loadedAt: snapshot.loadedAt,
      counts: countKnowledge(snapshot.knowledge),
      lastReloadAt: last?.at ?? null,
      lastReason: last ? describeTrigger(last.trigger) : null,
      lastResult: last === null ? null : last.result.ok ? { ok: true } : { ok: false, problemCount: last.result.problems.length },
      watching: watcher?.watching() ?? false,
    }),
    watch() {
      if (watcher || closed) return;
      watcher = watchFolder(dir, {
        debounceMs,
        pollMs: folderPollMs,
        onReplaced: () => logger.info({ dir }, 'The knowledge folder was replaced; watching the new one'),
        onSettled: () => {
          if (closed) return;
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
      closed = true;
      watcher?.close();
      watcher = null;
      // Every read is bounded already; this bounds the wait for a shutdown, whatever is in progress.
      let timer: NodeJS.Timeout | undefined;
      const gaveUp = new Promise<'timeout'>((resolve) => {
        timer = setTimeout(() => resolve('timeout'), closeTimeoutMs);
      });
      const outcome = await Promise.race([queue(async () => 'done' as const), gaveUp]);
      clearTimeout(timer);
      if (outcome === 'timeout') logger.warn({ dir, closeTimeoutMs }, 'Stopped waiting for a knowledge reload in progress');
    },
  };
}

function snapshotOf(engine: AnswerEngine, knowledge: Knowledge, version: number, contentHash: string): Snapshot {
  return Object.freeze({ engine, knowledge, loadedAt: new Date(), version, contentHash });
}
