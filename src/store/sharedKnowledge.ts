import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { pino, type Logger } from 'pino';
import { z } from 'zod';
import { decodeUtf8 } from '../knowledge/decodeUtf8.ts';
import { displayPathOf, knowledgeFileNames, type KnowledgeFileKind, type KnowledgeTexts } from '../knowledge/knowledgeFiles.ts';
import { formatProblem } from '../knowledge/knowledgeProblem.ts';
import type { ReadLimits } from '../knowledge/readTextFile.ts';
import { readKnowledgeTexts } from '../knowledge/readKnowledgeTexts.ts';
import { migratePostgres } from '../database/pgMigrations.ts';
import { createClient, createPool, describePgProblem } from '../database/postgres.ts';
import { removeStaleTempFiles, writeFileAtomic } from './atomicWrite.ts';
import type { AuditEntry } from './auditLog.ts';
import { hashKnowledgeTexts } from './contentHash.ts';
import type { KnowledgeStore } from './knowledgeStore.ts';
import { runExclusive } from './serialQueue.ts';
import { validateProposal } from './validateProposal.ts';

/** The channel every host listens on; the payload is the new version's number. */
const channel = 'faqbot_knowledge';
/** This host's last version, in DATA_DIR: tells at start whether the files were edited while the bot was stopped. */
export const knowledgeVersionFileName = 'knowledge-version.json';
const kinds = Object.keys(knowledgeFileNames) as KnowledgeFileKind[];

/** What publishing an edit came to: published; refused because another host published first; or not possible now. */
export type PublishOutcome = { readonly ok: true } | { readonly ok: false; readonly reason: 'moved_on' | 'unavailable'; readonly message: string };

/** What the writer needs of the shared knowledge: publish an edit before writing it, and audit it. */
export interface KnowledgePublisher {
  /**
   * Publishes the folder as it will be with `kind`'s file replaced by `bytes`, on top of the version this host has.
   * `moved_on`: another host published first; its version is in the folder now, so the edit must be planned again.
   */
  publish(kind: KnowledgeFileKind, bytes: Uint8Array, reason: string): Promise<PublishOutcome>;
  audit(entry: AuditEntry): Promise<void>;
}

export interface SharedKnowledgeStatus {
  /** Listening for other hosts' versions, and able to publish. */
  readonly connected: boolean;
  readonly problem: string | null;
  /** The version this host's folder holds; null before the first one. */
  readonly version: number | null;
}

export interface SharedKnowledge extends KnowledgePublisher {
  status(): SharedKnowledgeStatus;
  close(): Promise<void>;
}

export interface SharedKnowledgeOptions {
  readonly url: string;
  readonly store: Pick<KnowledgeStore, 'dir' | 'current' | 'reload' | 'onReload'>;
  readonly dataDir: string;
  readonly limits?: ReadLimits;
  readonly logger?: Logger;
  /** How long to wait before connecting again after the database was lost (ms). */
  readonly retryMs?: number;
  /** How this host is named in the versions it publishes and the audit log. */
  readonly host?: string;
}

const versionRow = z.object({ seq: z.number().int(), content_hash: z.string(), host: z.string(), reason: z.string(), files: z.record(z.string(), z.string()) });
type VersionRow = z.infer<typeof versionRow>;
const appliedSchema = z.object({ seq: z.number().int(), hash: z.string() });
type Applied = z.infer<typeof appliedSchema>;

/**
 * With DATABASE_URL, the knowledge folders of every host follow one history of versions in the
 * database. A saved /kb edit is published (as the whole set of files, with its content hash) before
 * it is written locally; a file edit a host picks up and serves is published after. A version is
 * published only as number n + 1 on top of n, so of two saves at once one wins; the other host takes
 * the winner's version and plans its edit again, which the record's own version check then refuses
 * if the same record changed. Every other host hears of a version at once (LISTEN/NOTIFY), validates
 * it as a reload would, writes the changed files atomically and reloads: a version that does not
 * validate is never written, so a broken version is served nowhere.
 *
 * While the database is unreachable the host serves its folder as it is, refuses /kb edits (they could
 * not reach the other hosts), and connects again every `retryMs`; then it takes the newest version,
 * or publishes its own files if only they changed meanwhile.
 */
export async function startSharedKnowledge(options: SharedKnowledgeOptions): Promise<SharedKnowledge> {
  const { url, store, dataDir, limits = {}, logger = pino({ enabled: false }), retryMs = 5_000 } = options;
  const dir = path.resolve(store.dir);
  const host = options.host ?? `${hostname()}:${process.pid}`;
  const stateFile = path.join(dataDir, knowledgeVersionFileName);
  let pool: pg.Pool | null = null;
  let listener: pg.Client | null = null;
  let connected = false;
  let problem: string | null = null;
  let warned = false;
  let closed = false;
  let retryTimer: NodeJS.Timeout | null = null;
  let applied: Applied | null = await readState(stateFile);
  /** The folder's hash while this module writes it: its own reload is not a file edit to publish. */
  let writing: string | null = null;

  const trouble = (error: unknown) => {
    problem = describePgProblem(error, url);
    const wasConnected = connected;
    connected = false;
    void disconnect();
    if (!warned || wasConnected) {
      warned = true;
      logger.warn({ problem }, `The shared knowledge database is unavailable: serving this host's knowledge as it is, /kb edits refused until it is back: ${problem}`);
    }
    if (!closed && retryTimer === null) {
      retryTimer = setTimeout(() => {
        retryTimer = null;
        void connect();
      }, retryMs);
      retryTimer.unref();
    }
  };

  const disconnect = async () => {
    const [oldPool, oldListener] = [pool, listener];
    pool = null;
    listener = null;
    await oldListener?.end().catch(() => undefined);
    await oldPool?.end().catch(() => undefined);
  };

  const connect = async (): Promise<void> => {
    if (closed) return;
    try {
      await disconnect();
      pool = createPool(url, { max: 2 }, () => undefined);
      await migratePostgres(pool);
      listener = createClient(url);
      listener.on('error', (error) => trouble(error));
      listener.on('end', () => !closed && connected && trouble(new Error('the connection was closed')));
      listener.on('notification', (message) => {
        if (message.channel !== channel) return;
        runExclusive(dir, () => catchUp(false)).catch((error: unknown) => trouble(error));
      });
      await listener.connect();
      await listener.query(`LISTEN ${channel}`);
      await runExclusive(dir, () => catchUp(true));
      connected = true;
      if (problem !== null) logger.info({ version: applied?.seq ?? null }, 'The shared knowledge database is back');
      problem = null;
      warned = false;
    } catch (error) {
      trouble(error);
    }
  };

  const latest = async (): Promise<VersionRow | null> => {
    const { rows } = await pool!.query('SELECT seq, content_hash, host, reason, files FROM faqbot.knowledge_versions ORDER BY seq DESC LIMIT 1');
    return rows[0] === undefined ? null : versionRow.parse(rows[0]);
  };

  /**
   * Brings this host in line with the newest version (run while no edit of the folder runs). At (re)connection
   * `reconciling`: files edited here while the database was out of reach, on top of the version they came from, are
   * published instead of replaced.
   */
  const catchUp = async (reconciling: boolean): Promise<void> => {
    if (pool === null) return;
    const newest = await latest();
    if (newest !== null && applied !== null && newest.seq === applied.seq && !reconciling) return;
    const folder = await readKnowledgeTexts(dir, limits);
    const folderHash = hashKnowledgeTexts(folder);
    const servedAsIs = folderHash === store.current().contentHash;
    if (newest === null) {
      if (servedAsIs) await insertVersion(1, folder, folderHash, 'the first host');
      return;
    }
    if (newest.content_hash === folderHash) {
      await remember({ seq: newest.seq, hash: folderHash });
      return;
    }
    const editedHereOnly = reconciling && servedAsIs && applied !== null && applied.seq === newest.seq && applied.hash === newest.content_hash;
    if (editedHereOnly && (await insertVersion(newest.seq + 1, folder, folderHash, 'files edited while the database was unreachable'))) return;
    await apply(await fetchVersion(newest.seq));
  };

  const fetchVersion = async (seq: number): Promise<VersionRow> => {
    const { rows } = await pool!.query('SELECT seq, content_hash, host, reason, files FROM faqbot.knowledge_versions WHERE seq = $1', [seq]);
    return versionRow.parse(rows[0]);
  };

  /** Writes a version into this host's folder, if it validates, and serves it. */
  const apply = async (version: VersionRow): Promise<void> => {
    const texts: Partial<Record<KnowledgeFileKind, string>> = {};
    for (const kind of kinds) {
      const text = version.files[knowledgeFileNames[kind]];
      if (text !== undefined) texts[kind] = text;
    }
    const check = await validateProposal(dir, texts, limits);
    if (!check.ok) {
      logger.error({ version: version.seq, from: version.host, problems: check.problems.map(formatProblem) }, 'A knowledge version from another host does not validate here; not writing it, still serving the last good knowledge');
      return;
    }
    const folder = await readKnowledgeTexts(dir, limits);
    writing = version.content_hash;
    try {
      for (const kind of kinds) {
        const text = texts[kind];
        if (text === undefined || folder[kind].text === text) continue;
        const file = path.join(dir, knowledgeFileNames[kind]);
        await removeStaleTempFiles(file).catch(() => undefined);
        await writeFileAtomic(file, text);
      }
      await remember({ seq: version.seq, hash: version.content_hash });
      logger.info({ version: version.seq, from: version.host, reason: version.reason }, 'Wrote the knowledge version another host published');
      await store.reload({ kind: 'request', by: `${version.host} (knowledge version ${version.seq}: ${version.reason})` });
    } finally {
      writing = null;
    }
  };

  /** Publishes `seq`; false when another host published that number first. */
  const insertVersion = async (seq: number, texts: KnowledgeTexts, hash: string, reason: string): Promise<boolean> => {
    const files: Record<string, string> = {};
    for (const kind of kinds) {
      const text = texts[kind].text;
      if (text !== null) files[knowledgeFileNames[kind]] = text;
    }
    try {
      await pool!.query(
        `WITH published AS (INSERT INTO faqbot.knowledge_versions (seq, content_hash, files, host, reason) VALUES ($1, $2, $3, $4, $5) RETURNING seq)
         SELECT pg_notify($6, seq::text) FROM published`,
        [seq, hash, JSON.stringify(files), host, reason, channel],
      );
    } catch (error) {
      if ((error as { code?: unknown }).code === '23505') return false;
      throw error;
    }
    await remember({ seq, hash });
    logger.info({ version: seq, reason }, 'Published the knowledge version to the other hosts');
    return true;
  };

  const remember = async (state: Applied) => {
    applied = state;
    await writeState(stateFile, state).catch((error: unknown) => logger.warn({ err: error, file: stateFile }, 'Could not note the knowledge version in DATA_DIR'));
  };

  /** A file edit this host picked up and now serves: published, unless it is a version this module wrote. */
  const unsubscribe = store.onReload((event) => {
    if (!event.result.ok || !connected || closed) return;
    const hash = event.snapshot.contentHash;
    if (hash === writing || hash === applied?.hash) return;
    runExclusive(dir, async () => {
      if (pool === null || applied === null) return;
      const folder = await readKnowledgeTexts(dir, limits);
      const folderHash = hashKnowledgeTexts(folder);
      // Changed again since: the next reload publishes it.
      if (folderHash !== store.current().contentHash || folderHash === applied.hash) return;
      if (await insertVersion(applied.seq + 1, folder, folderHash, `files edited on ${host}`)) return;
      logger.warn('A file edit on this host crossed a version another host published first; the newer version is kept and this edit is replaced');
      await catchUp(false);
    }).catch((error: unknown) => trouble(error));
  });

  await connect();

  return {
    async publish(kind, bytes, reason) {
      if (!connected || pool === null || applied === null) {
        return { ok: false, reason: 'unavailable', message: `the shared knowledge database is unavailable (${problem ?? 'not connected yet'})` };
      }
      const decoded = decodeUtf8(Buffer.from(bytes));
      if (decoded.text === null) return { ok: false, reason: 'unavailable', message: decoded.problem.message };
      const folder = await readKnowledgeTexts(dir, limits);
      const texts: KnowledgeTexts = { ...folder, [kind]: { text: decoded.text, displayPath: displayPathOf(path.join(dir, knowledgeFileNames[kind])) } };
      try {
        if (await insertVersion(applied.seq + 1, texts, hashKnowledgeTexts(texts), reason)) return { ok: true };
        // Another host was first: take its version (the caller holds the folder), then the edit is planned again.
        await catchUp(false);
        return { ok: false, reason: 'moved_on', message: 'another host published a newer version first' };
      } catch (error) {
        trouble(error);
        return { ok: false, reason: 'unavailable', message: `the shared knowledge database is unavailable (${problem})` };
      }
    },
    async audit(entry) {
      if (pool === null) throw new Error(`the shared knowledge database is unavailable (${problem ?? 'not connected'})`);
      await pool.query('INSERT INTO faqbot.audit_log (at, host, entry) VALUES ($1, $2, $3)', [entry.at, host, JSON.stringify(entry)]);
    },
    status: () => ({ connected, problem, version: applied?.seq ?? null }),
    async close() {
      closed = true;
      unsubscribe();
      if (retryTimer) clearTimeout(retryTimer);
      await disconnect();
    },
  };
}

async function readState(file: string): Promise<Applied | null> {
  try {
    const parsed = appliedSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

async function writeState(file: string, state: Applied): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(state)}\n`, { mode: 0o600 });
  await rename(temp, file);
}
