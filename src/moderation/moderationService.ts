import type { Logger } from 'pino';
import type { KnowledgeWriter } from '../store/knowledgeWriter.ts';
import type { Actor } from '../store/knowledgeWriter.ts';
import { addQuestionAsAlternate, type AlternateAdded } from './alternates.ts';
import { findConfusions, type ConfusionsFound } from './confusions.ts';
import { createGapReview, type GapReview, type ReviewableLog } from './gapReview.ts';
import { createRecordEdits, type RecordEdits } from './recordEdits.ts';
import type { ServingStore } from './recordKinds.ts';
import type { Refusal } from './refusal.ts';

export type { AlternateAdded, ConfusionsFound, Refusal };
export type { Edited, OpenedForEdit } from './recordEdits.ts';
export type { FaqFields, RecordKind, TermFields } from './recordKinds.ts';
export type { OfferedRecord, QuestionScope, ReviewableLog } from './gapReview.ts';

/** Who does it: the moderator's id and name, as the audit log records them. */
export type Moderator = Actor;

export interface ModerationDeps {
  /** The knowledge being served: what edits open, ids are made against, and previews are asked of. */
  readonly store: ServingStore;
  /** Writes the files: validated first, atomic, audited, published to the other hosts with DATABASE_URL, reloaded. */
  readonly writer: KnowledgeWriter;
  /** The question log, for the gap review; absent or off: the review is refused. */
  readonly questionLog?: ReviewableLog | undefined;
  readonly logger?: Logger | undefined;
}

/**
 * Everything a moderator does to the knowledge, whatever the front end (`/kb` in Discord, `npm run kb` in a
 * terminal): plain data in, plain data out. Who may do it is the front end's check; who did it is given with
 * every change, and which servers' questions a report covers is given with the report.
 */
export interface ModerationService {
  readonly records: RecordEdits;
  readonly gaps: GapReview;
  /** Adds `question` as a phrasing of FAQ record `recordId` (and to the regression questions when it reaches it). */
  addAlternate(recordId: string, question: string, by: Moderator): Promise<AlternateAdded | Refusal>;
  /** The served knowledge's FAQ phrasings asked with themselves left out (off the caller's thread): which reach another record. */
  confusions(): Promise<ConfusionsFound | Refusal>;
}

export function createModerationService(deps: ModerationDeps): ModerationService {
  const log = deps.questionLog?.enabled ? deps.questionLog : undefined;
  const alternates = { store: deps.store, writer: deps.writer, ...(log ? { dismiss: (keys: readonly string[]) => log.dismiss(keys) } : {}) };
  return {
    records: createRecordEdits(deps),
    gaps: createGapReview({ ...alternates, questionLog: deps.questionLog, logger: deps.logger }),
    addAlternate: (recordId, question, by) => addQuestionAsAlternate(alternates, recordId, question, by),
    confusions: () => findConfusions(deps.store.current().knowledge),
  };
}
