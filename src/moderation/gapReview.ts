import type { Logger } from 'pino';
import type { GapRow } from '../questionLog/gapReport.ts';
import { GapReports, type ReportableLog } from '../questionLog/gapReports.ts';
import type { Actor } from '../store/knowledgeWriter.ts';
import { addQuestionAsAlternate, type AlternateAdded, type AlternatesDeps } from './alternates.ts';
import type { ServingStore } from './recordKinds.ts';
import { refusal, type Refusal } from './refusal.ts';

/**
 * Whose questions a moderator's reports cover: every server's and the DMs' (a knowledge server's moderator), or
 * one server's only. Who may see which is the front end's decision; the review only applies it.
 */
export type QuestionScope = { readonly kind: 'every server' } | { readonly kind: 'own server'; readonly guildId: string };

/** What the gap review needs of the question log. */
export interface ReviewableLog extends ReportableLog {
  readonly enabled: boolean;
  /** Hides gap rows with these grouping keys until they are asked again. */
  dismiss(groupingKeys: readonly string[]): void;
}

/** An FAQ record a gap's question could become a phrasing of. */
export interface OfferedRecord {
  readonly id: string;
  readonly title: string;
}

/** How many records the engine weighed are looked at, and how many records are offered in all. */
const weighedLooked = 8;
const offeredMax = 10;

export interface GapReviewDeps extends AlternatesDeps {
  readonly store: ServingStore;
  readonly questionLog?: ReviewableLog | undefined;
  readonly logger?: Logger | undefined;
}

/**
 * The gap review: the questions members asked that the bot did not answer well, and what a moderator does with
 * one (add it as an alternate, start a new FAQ record from it, dismiss it). A gap is named by its row id within the
 * report of `days` days it was listed in.
 */
export function createGapReview(deps: GapReviewDeps) {
  let reports: GapReports | null = null;

  function logOrRefusal(): { log: ReviewableLog; reports: GapReports } | Refusal {
    const log = deps.questionLog;
    if (!log?.enabled) return refusal('log_off', 'The question log is off on this bot (QUESTION_LOG=off), so there is nothing to review.');
    // Built off the caller's thread and kept a short while, so the actions on a row act on the rows the moderator saw.
    reports ??= new GapReports(log, deps.logger ? { logger: deps.logger } : {});
    return { log, reports };
  }

  const unreadable = () => refusal('log_unreadable', 'The question log cannot be read right now.');

  async function gap(days: number, gapId: string): Promise<{ readonly ok: true; readonly gap: GapRow; readonly log: ReviewableLog } | Refusal> {
    const opened = logOrRefusal();
    if ('ok' in opened) return opened;
    const row = await opened.reports.row(days, gapId);
    if (row === null) return unreadable();
    if (!row) return refusal('gap_gone', 'That question is no longer in the gap list (dismissed, answered or past the retention period).');
    return { ok: true, gap: row, log: opened.log };
  }

  return {
    /** The gaps of the last `days` days in `scope`, most asked first. */
    async gaps(days: number, scope: QuestionScope): Promise<{ readonly ok: true; readonly rows: readonly GapRow[] } | Refusal> {
      const opened = logOrRefusal();
      if ('ok' in opened) return opened;
      const rows = await opened.reports.report(days, scope.kind === 'own server' ? scope.guildId : null);
      return rows === null ? unreadable() : { ok: true, rows };
    },

    /** The gap `gapId` of the report of `days` days. */
    async gap(days: number, gapId: string): Promise<{ readonly ok: true; readonly gap: GapRow } | Refusal> {
      const found = await gap(days, gapId);
      return found.ok ? { ok: true, gap: found.gap } : found;
    },

    /** The FAQ records to offer for a gap's question: members' own pick first, then the records the engine weighed, then those it suggested. */
    async recordsFor(days: number, gapId: string): Promise<{ readonly ok: true; readonly gap: GapRow; readonly records: readonly OfferedRecord[] } | Refusal> {
      const found = await gap(days, gapId);
      if (!found.ok) return found;
      const row = found.gap;
      const { engine } = deps.store.current();
      const titles = new Map(engine.knowledge.faq.map((record) => [record.id, record.question]));
      const ids: string[] = [];
      const offer = (kind: string, id: string) => {
        if (kind === 'faq' && titles.has(id) && !ids.includes(id)) ids.push(id);
      };
      if (row.membersChose) offer(row.membersChose.kind, row.membersChose.id);
      const weighed = new Map(engine.explain(row.question).candidates.map(({ record }) => [`${record.kind}:${record.id}`, record] as const));
      for (const record of [...weighed.values()].slice(0, weighedLooked)) offer(record.kind, record.id);
      for (const ref of row.candidates) offer(ref.kind, ref.id);
      return { ok: true, gap: row, records: ids.slice(0, offeredMax).map((id) => ({ id, title: titles.get(id) ?? '' })) };
    },

    /** Adds the gap's question as an alternate of FAQ record `recordId`, and hides the gap. */
    async addAsAlternate(days: number, gapId: string, recordId: string, by: Actor): Promise<(AlternateAdded & { readonly question: string }) | Refusal> {
      const found = await gap(days, gapId);
      if (!found.ok) return found;
      const added = await addQuestionAsAlternate(deps, recordId, found.gap.question, by, found.gap.keys);
      return added.ok ? { ...added, question: found.gap.question } : added;
    },

    /** Hides the gap until members ask it again. */
    async dismiss(days: number, gapId: string): Promise<{ readonly ok: true; readonly gap: GapRow } | Refusal> {
      const found = await gap(days, gapId);
      if (!found.ok) return found;
      found.log.dismiss(found.gap.keys);
      return { ok: true, gap: found.gap };
    },
  };
}

export type GapReview = ReturnType<typeof createGapReview>;
