import path from 'node:path';
import { pino, type Logger } from 'pino';
import { z } from 'zod';
import { displayPathOf, knowledgeFileNames } from '../knowledge/knowledgeFiles.ts';
import { formatProblem, type KnowledgeProblem } from '../knowledge/knowledgeProblem.ts';
import type { ReadLimits } from '../knowledge/readTextFile.ts';
import { faqRecordSchema, type FaqRecord, type TermRecord, type termRecordSchema } from '../knowledge/schema.ts';
import { removeStaleTempFiles, writeFileAtomic, type AtomicWriteHooks } from './atomicWrite.ts';
import { appendAuditEntry, defaultAuditLogPath, type Actor, type AuditEntry, type EditAction, type EditKind } from './auditLog.ts';
import { faqSpec, termSpec, type EditableRecord, type KindSpec } from './editableKinds.ts';
import { openRecordOffThread, planEditOffThread } from './editThread.ts';
import type { KnowledgeStore, ReloadResult } from './knowledgeStore.ts';
import type { KnowledgePublisher } from './sharedKnowledge.ts';
import { idOf, refuse, type EditFailureReason, type EditRefusal } from './planEdit.ts';
import { recordVersion } from './recordVersion.ts';
import { runExclusive } from './serialQueue.ts';
import { findUnsafeText } from './unsafeText.ts';

export { recordVersion };
export type { Actor, AuditEntry, EditAction, EditFailureReason, EditKind };

/** What a moderator submits; validated here, whatever the caller's types said. */
export type FaqInput = z.input<typeof faqRecordSchema>;
export type TermInput = z.input<typeof termRecordSchema>;

export type EditResult<R> =
  | {
      readonly ok: true;
      readonly action: EditAction;
      /** The record as written (for a removal: as it was). */
      readonly record: R;
      /** `recordVersion(record)`: what the next edit of this record must quote. */
      readonly version: string;
      /** The store's reload after the write, when the writer was given a store. */
      readonly reload: ReloadResult | null;
    }
  | EditRefusal;

export interface OpenedRecord<R> {
  readonly record: R;
  readonly version: string;
}

/**
 * Thrown when a record is opened from a file that cannot be read or parsed (a YAML error, an alias
 * bomb, a bad encoding): the moderator must hear what is wrong with the file, not that the record
 * does not exist.
 */
export class KnowledgeFileError extends Error {
  override readonly name = 'KnowledgeFileError';
  constructor(
    readonly fileName: string,
    readonly problems: readonly KnowledgeProblem[],
  ) {
    super(`${fileName} cannot be read right now; fix it first: ${problems.map(formatProblem).join('; ')}`);
  }
}

export interface KnowledgeWriter {
  readonly dir: string;
  readonly auditLogPath: string;
  /**
   * The record as the file holds it now, with the version an edit of it must quote; null when the
   * file has no such record. Throws `KnowledgeFileError` when the file itself cannot be read.
   */
  readFaq(id: string): Promise<OpenedRecord<FaqRecord> | null>;
  addFaq(record: FaqInput, actor: Actor): Promise<EditResult<FaqRecord>>;
  updateFaq(id: string, record: FaqInput, expectedVersion: string, actor: Actor): Promise<EditResult<FaqRecord>>;
  removeFaq(id: string, expectedVersion: string, actor: Actor): Promise<EditResult<FaqRecord>>;
  readTerm(id: string): Promise<OpenedRecord<TermRecord> | null>;
  addTerm(record: TermInput, actor: Actor): Promise<EditResult<TermRecord>>;
  updateTerm(id: string, record: TermInput, expectedVersion: string, actor: Actor): Promise<EditResult<TermRecord>>;
  removeTerm(id: string, expectedVersion: string, actor: Actor): Promise<EditResult<TermRecord>>;
}

export interface KnowledgeWriterOptions {
  readonly dir: string;
  /** Where every change is logged; default `<knowledge dir>/../data/audit.log.jsonl`, outside the watched folder. */
  readonly auditLogPath?: string;
  /** When given, each successful edit is followed by `store.reload()`, whose result comes back with the edit's. */
  readonly store?: Pick<KnowledgeStore, 'reload'>;
  readonly logger?: Logger;
  /**
   * With DATABASE_URL: every edit is published to the other hosts before it is written here, and audited in the
   * database instead of the audit log file.
   */
  readonly publisher?: KnowledgePublisher;
  /** Tests only: inject failures into the atomic write. */
  readonly fsHooks?: AtomicWriteHooks;
  /** Largest knowledge file, in bytes, read or written (default `defaultMaxFileBytes`, 1 MiB); the store's should match. */
  readonly maxFileBytes?: number;
}

const actorSchema = z.strictObject({ id: z.string().trim().min(1).max(64), tag: z.string().trim().min(1).max(100) });
const idSchema = faqRecordSchema.shape.id;

export function createKnowledgeWriter(options: KnowledgeWriterOptions): KnowledgeWriter {
  const dir = path.resolve(options.dir);
  const auditLogPath = path.resolve(options.auditLogPath ?? defaultAuditLogPath(dir));
  const logger = options.logger ?? pino({ enabled: false });
  const limits: ReadLimits = options.maxFileBytes === undefined ? {} : { maxFileBytes: options.maxFileBytes };

  /** One edit, start to finish, while no other edit of this folder runs. */
  async function edit<R extends EditableRecord>(
    spec: KindSpec<R>,
    action: EditAction,
    request: { id: string | null; input: unknown; expectedVersion: string | null },
    rawActor: Actor,
  ): Promise<EditResult<R>> {
    const actor = actorSchema.parse(rawActor);
    if (request.id !== null && !idSchema.safeParse(request.id).success) {
      return refuse('invalid', `${JSON.stringify(request.id.slice(0, 80))} is not a valid ${spec.label} id: ids are lowercase slugs such as "ip-license".`);
    }
    let record: R | null = null;
    if (action !== 'remove') {
      // Before the schema: its messages about such a field would not say what is wrong with it.
      const unsafe = findUnsafeText(request.input);
      if (unsafe) {
        const id = idOf(request.input);
        const field = unsafe.path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${key}`)).join('');
        const where = `${spec.listKey}${id ? ` (${id})` : ''}${field}`;
        return refuse('invalid', `The ${spec.label} has a character that is not allowed, so nothing was saved.`, [
          { file: displayPathOf(path.join(dir, knowledgeFileNames[spec.file])), line: null, where, message: unsafe.problem },
        ]);
      }
      const parsed = spec.schema.safeParse(request.input, { reportInput: true });
      if (!parsed.success) {
        const problems = parsed.error.issues.map((issue) => inputProblem(spec, dir, request.input, issue));
        return refuse('invalid', `The ${spec.label} is not valid, so nothing was saved.`, problems);
      }
      record = parsed.data;
    }

    return runExclusive(dir, async () => {
      // Planned again (at most twice) when another host published a version first: its version is in the folder by then.
      for (let attempt = 1; ; attempt++) {
        const plan = await planEditOffThread({ dir, limits, kind: spec.kind, action, id: request.id, record, expectedVersion: request.expectedVersion });
        if (!plan.ok) return plan;
        // The edit thread sends plain data: the records are of this kind, as parsed by its schema there.
        const before = plan.before as R | null;
        const result = (record ?? before)!;
        if (!plan.change) return { ok: true, action, record: result, version: recordVersion(result), reload: null };

        if (options.publisher) {
          const published = await options.publisher.publish(spec.file, plan.change.bytes, `${action} ${spec.kind}:${plan.id} by ${actor.tag}`);
          if (!published.ok && published.reason === 'moved_on' && attempt < 3) continue;
          if (!published.ok) {
            return published.reason === 'moved_on'
              ? refuse('conflict', `The knowledge was changed on another host while you saved; reopen the ${spec.label} and try again.`)
              : refuse('unavailable', `Nothing was saved: ${published.message}. The bot keeps answering from the knowledge it has; try again when the database is back.`);
          }
        }
        await removeStaleTempFiles(plan.change.file);
        await writeFileAtomic(plan.change.file, plan.change.bytes, options.fsHooks);
        const entry: AuditEntry = { at: new Date().toISOString(), actor, action, kind: spec.kind, id: plan.id, before, after: record };
        // The bot's log names the moderator by tag, never by Discord id (the audit log keeps both).
        await (options.publisher ? options.publisher.audit(entry) : appendAuditEntry(auditLogPath, entry)).catch((error: unknown) =>
          logger.error({ err: error, entry: { ...entry, actor: actor.tag } }, 'Could not append to the audit log'),
        );
      logger.info({ action, kind: spec.kind, id: plan.id, actor: actor.tag }, 'Knowledge edited');

        const reload = options.store ? await options.store.reload({ kind: 'edit', change: `${action} ${spec.kind}:${plan.id}`, by: actor.tag }) : null;
        return { ok: true, action, record: result, version: recordVersion(result), reload };
      }
    });
  }

  async function read<R extends EditableRecord>(spec: KindSpec<R>, id: string): Promise<OpenedRecord<R> | null> {
    if (!idSchema.safeParse(id).success) return null;
    const opened = await openRecordOffThread(dir, spec.kind, id, limits);
    if (!opened.ok) throw new KnowledgeFileError(knowledgeFileNames[spec.file], opened.problems);
    if (opened.record === null) return null;
    const record = opened.record as R;
    return { record, version: recordVersion(record) };
  }

  return {
    dir,
    auditLogPath,
    readFaq: (id) => read(faqSpec, id),
    addFaq: (record, actor) => edit(faqSpec, 'add', { id: null, input: record, expectedVersion: null }, actor),
    updateFaq: (id, record, expectedVersion, actor) => edit(faqSpec, 'update', { id, input: record, expectedVersion }, actor),
    removeFaq: (id, expectedVersion, actor) => edit(faqSpec, 'remove', { id, input: null, expectedVersion }, actor),
    readTerm: (id) => read(termSpec, id),
    addTerm: (record, actor) => edit(termSpec, 'add', { id: null, input: record, expectedVersion: null }, actor),
    updateTerm: (id, record, expectedVersion, actor) => edit(termSpec, 'update', { id, input: record, expectedVersion }, actor),
    removeTerm: (id, expectedVersion, actor) => edit(termSpec, 'remove', { id, input: null, expectedVersion }, actor),
  };
}

function inputProblem(spec: KindSpec<EditableRecord>, dir: string, input: unknown, issue: z.core.$ZodIssue): KnowledgeProblem {
  const id = idOf(input);
  const field = issue.path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('');
  const message = issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message;
  return { file: displayPathOf(path.join(dir, knowledgeFileNames[spec.file])), line: null, where: `${spec.listKey}${id ? ` (${id})` : ''}${field}`, message };
}
