import { z } from 'zod';
import type { Logger } from 'pino';
import { startWorker } from '../store/startWorker.ts';
import type { GapQuery, GapRow } from './gapReport.ts';
import type { ReportSource } from './logStore.ts';

/** What the gap reports need of the bot's question log: its clock, where its rows are, and its version (which writes what is queued first). */
export interface ReportableLog {
  now(): number;
  reportSource(): ReportSource;
  version(): Promise<string | null>;
}

/** Builds the report of `query` on the log's rows as of `now`; null when they cannot be read. */
export type GapReportBuilder = (source: ReportSource, now: number, query: GapQuery) => Promise<GapRow[] | null>;

export interface GapReportsOptions {
  /** How long a report is reused: for `/kb gaps` while the log is unchanged, for buttons whatever the log did since. */
  readonly maxAgeMs?: number;
  /** How a report is built (a worker thread unless told). */
  readonly build?: GapReportBuilder;
  readonly logger?: Logger;
  /** Milliseconds of a clock that only goes forward (the reports' age). */
  readonly clock?: () => number;
}

/** Enough rows for every gap button: `/kb gaps` shows the first ten, its buttons name any of these. */
const rowsKept = 1000;
const reportsKept = 8;

interface Built {
  readonly version: string;
  readonly at: number;
  readonly rows: Promise<GapRow[] | null>;
}

/**
 * The bot's gap reports: built in a worker thread, so members' questions and /healthz are answered
 * while thousands of questions are grouped, and kept a short while, so the buttons under a report
 * act on the rows the moderator saw without grouping everything again.
 */
export class GapReports {
  readonly #log: ReportableLog;
  readonly #maxAgeMs: number;
  readonly #build: GapReportBuilder;
  readonly #clock: () => number;
  /** By scope: the days and the one server a report covers (`all` for every server). */
  readonly #built = new Map<string, Built>();

  constructor(log: ReportableLog, { maxAgeMs = 120_000, build, logger, clock = () => performance.now() }: GapReportsOptions = {}) {
    this.#log = log;
    this.#maxAgeMs = maxAgeMs;
    this.#build = build ?? ((source, now, query) => buildInWorker(source, now, query, logger));
    this.#clock = clock;
  }

  /**
   * The report of the last `days` days (of one server's questions when `guildId` is set): the one
   * built last if the log has not changed since, else a new one.
   */
  async report(days: number, guildId: string | null = null): Promise<GapRow[] | null> {
    const version = await this.#log.version();
    if (version === null) return null;
    const built = this.#young(days, guildId);
    if (built && built.version === version) return built.rows;
    return this.#start(days, guildId, version).rows;
  }

  /** The row `id` of the latest report of `days` days still young (what the moderator pressed under), or of a new one. */
  async row(days: number, id: string): Promise<GapRow | null | undefined> {
    const built = this.#young(days, null);
    const row = built ? (await built.rows)?.find((candidate) => candidate.id === id) : undefined;
    if (row) return row;
    const rows = await this.report(days);
    return rows === null ? null : rows.find((candidate) => candidate.id === id);
  }

  #young(days: number, guildId: string | null): Built | undefined {
    const built = this.#built.get(scopeKey(days, guildId));
    return built && this.#clock() - built.at <= this.#maxAgeMs ? built : undefined;
  }

  #start(days: number, guildId: string | null, version: string): Built {
    const key = scopeKey(days, guildId);
    const rows = this.#build(this.#log.reportSource(), this.#log.now(), { days, limit: rowsKept, guildId });
    const built: Built = { version, at: this.#clock(), rows };
    this.#built.delete(key);
    this.#built.set(key, built);
    for (const stale of [...this.#built.keys()].slice(0, Math.max(0, this.#built.size - reportsKept))) this.#built.delete(stale);
    // A report that failed is not kept: the next request tries again.
    void rows.then(
      (result) => result === null && this.#built.get(key) === built && this.#built.delete(key),
      () => this.#built.get(key) === built && this.#built.delete(key),
    );
    return built;
  }
}

const scopeKey = (days: number, guildId: string | null) => `${days}:${guildId ?? 'all'}`;

const replySchema = z.union([z.object({ ok: z.literal(true), rows: z.array(z.unknown()) }), z.object({ ok: z.literal(false), problem: z.string() })]);

/** `gapReport` in a worker thread; null (with the reason logged) when it cannot be built. */
export function buildInWorker(source: ReportSource, now: number, query: GapQuery, logger?: Logger): Promise<GapRow[] | null> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (rows: GapRow[] | null, problem?: string) => {
      if (settled) return;
      settled = true;
      if (problem !== undefined) logger?.warn({ problem }, `The gap report could not be built: ${problem}`);
      resolve(rows);
    };
    const worker = startWorker('gapWorker', { source, now, query }, import.meta.url);
    worker.once('message', (raw: unknown) => {
      const reply = replySchema.safeParse(raw);
      if (!reply.success) settle(null, 'the report thread sent something else than a report');
      // The rows are this project's own gapReport's, sent back whole.
      else if (reply.data.ok) settle(reply.data.rows as GapRow[]);
      else settle(null, reply.data.problem);
    });
    worker.once('error', (error) => settle(null, error.message));
    worker.once('exit', (code) => settle(null, `the report thread stopped (exit code ${code}) before sending the report`));
  });
}
