import path from 'node:path';
import { pino, type Logger } from 'pino';
import { z } from 'zod';
import { displayPathOf, knowledgeFileNames, type KnowledgeFileKind } from '../knowledge/knowledgeFiles.ts';
import { formatProblem, type KnowledgeProblem } from '../knowledge/knowledgeProblem.ts';
import { readTextFile, type ReadLimits } from '../knowledge/readTextFile.ts';
import { faqRecordSchema, termRecordSchema, type FaqRecord, type TermRecord } from '../knowledge/schema.ts';
import { brokenFile, parseYamlText, readYamlFile } from '../knowledge/yamlFile.ts';
import { removeStaleTempFiles, writeFileAtomic, type AtomicWriteHooks } from './atomicWrite.ts';
import { canonicalJson } from './contentHash.ts';
import { appendAuditEntry, defaultAuditLogPath, type Actor, type AuditEntry, type EditAction, type EditKind } from './auditLog.ts';
import type { KnowledgeStore, ReloadResult } from './knowledgeStore.ts';
import { recordVersion } from './recordVersion.ts';
import { runExclusive } from './serialQueue.ts';
import { validateProposal } from './validateProposal.ts';
import { appendRecord, readRecordList, removeRecord, replaceRecord, type RecordLayout } from './yamlRecordList.ts';

export { recordVersion };
export type { Actor, AuditEntry, EditAction, EditKind };

/** What a moderator submits; validated here, whatever the caller's types said. */
export type FaqInput = z.input<typeof faqRecordSchema>;
export type TermInput = z.input<typeof termRecordSchema>;

export type EditFailureReason = 'invalid' | 'conflict' | 'not_found' | 'exists';

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
  | { readonly ok: false; readonly reason: EditFailureReason; readonly message: string; readonly problems?: readonly KnowledgeProblem[] };

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
  /** Tests only: inject failures into the atomic write. */
  readonly fsHooks?: AtomicWriteHooks;
  /** Largest knowledge file, in bytes, read or written (default `defaultMaxFileBytes`, 1 MiB); the store's should match. */
  readonly maxFileBytes?: number;
}

type EditableRecord = FaqRecord | TermRecord;

interface KindSpec<R extends EditableRecord> {
  readonly kind: EditKind;
  readonly file: KnowledgeFileKind;
  readonly listKey: string;
  readonly label: string;
  readonly schema: z.ZodType<R>;
  readonly layout: RecordLayout;
}

// Field order and styles as the hand-written records use them.
const faqSpec: KindSpec<FaqRecord> = {
  kind: 'faq',
  file: 'faq',
  listKey: 'faq',
  label: 'FAQ record',
  schema: faqRecordSchema,
  layout: [['id', 'plain'], ['question', 'plain'], ['alternates', 'block-list'], ['answer', 'block'], ['quote', 'block'], ['sources', 'flow-list'], ['related', 'flow-list']],
};
const termSpec: KindSpec<TermRecord> = {
  kind: 'term',
  file: 'terms',
  listKey: 'terms',
  label: 'term',
  schema: termRecordSchema,
  layout: [['id', 'plain'], ['term', 'plain'], ['aliases', 'flow-list'], ['definition', 'block'], ['sources', 'flow-list']],
};

const actorSchema = z.strictObject({ id: z.string().trim().min(1).max(64), tag: z.string().trim().min(1).max(100) });
const idSchema = faqRecordSchema.shape.id;

export function createKnowledgeWriter(options: KnowledgeWriterOptions): KnowledgeWriter {
  const dir = path.resolve(options.dir);
  const auditLogPath = path.resolve(options.auditLogPath ?? defaultAuditLogPath(dir));
  const logger = options.logger ?? pino({ enabled: false });
  const limits: ReadLimits = options.maxFileBytes === undefined ? {} : { maxFileBytes: options.maxFileBytes };
  const filePath = (spec: KindSpec<EditableRecord>) => path.join(dir, knowledgeFileNames[spec.file]);

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
      const parsed = spec.schema.safeParse(request.input, { reportInput: true });
      if (!parsed.success) {
        const problems = parsed.error.issues.map((issue) => inputProblem(spec, dir, request.input, issue));
        return refuse('invalid', `The ${spec.label} is not valid, so nothing was saved.`, problems);
      }
      record = parsed.data;
    }

    return runExclusive(dir, async () => {
      const target = filePath(spec);
      const read = await readTextFile(target, limits);
      const parsedFile = read.text === null ? brokenFile(displayPathOf(target), read.problem.message, read.problem.line) : parseYamlText(read.text, displayPathOf(target));
      if (read.text === null || parsedFile.problems.length > 0) {
        return refuse('invalid', `${knowledgeFileNames[spec.file]} cannot be read right now; fix it first.`, parsedFile.problems);
      }
      const text = read.text;
      const list = readRecordList(text, spec.listKey);
      const id = request.id ?? record?.id ?? '';
      const index = list.items.findIndex((item) => idOf(item) === id);
      let before: R | null = null;
      if (action !== 'add') {
        const current = list.items[index];
        if (index < 0 || current === undefined) return refuse('not_found', `There is no ${spec.label} "${id}"; someone may have removed it.`);
        before = normalize(spec, current);
        if (recordVersion(before) !== request.expectedVersion) {
          return refuse('conflict', `The ${spec.label} "${id}" was changed by someone else since you opened it; reopen it and try again.`);
        }
      }
      // Saving a record unchanged (opened and saved as is) writes and logs nothing.
      if (before && record && canonicalJson(before) === canonicalJson(record)) {
        return { ok: true, action, record, version: recordVersion(record), reload: null };
      }
      if (record && (action === 'add' || record.id !== id)) {
        const owner = (await idsInUse(dir, limits)).get(record.id);
        if (owner) return refuse('exists', `The id "${record.id}" is already used by ${owner}; choose another id.`);
      }

      const newText =
        record === null ? removeRecord(list, index)
        : action === 'add' ? appendRecord(list, record, spec.layout)
        : replaceRecord(list, index, record, spec.layout);
      const check = await validateProposal(dir, { [spec.file]: newText }, limits);
      if (!check.ok) return refuse('invalid', 'This edit would make the knowledge invalid, so nothing was saved.', check.problems);

      await removeStaleTempFiles(target);
      await writeFileAtomic(target, newText, options.fsHooks);
      const entry: AuditEntry = { at: new Date().toISOString(), actor, action, kind: spec.kind, id, before, after: record };
      await appendAuditEntry(auditLogPath, entry).catch((error: unknown) => logger.error({ err: error, entry }, 'Could not append to the audit log'));
      logger.info({ action, kind: spec.kind, id, actor }, 'Knowledge edited');

      const result = (record ?? before)!;
      const reload = options.store ? await options.store.reload({ kind: 'edit', change: `${action} ${spec.kind}:${id}`, by: actor.tag }) : null;
      return { ok: true, action, record: result, version: recordVersion(result), reload };
    });
  }

  async function read<R extends EditableRecord>(spec: KindSpec<R>, id: string): Promise<OpenedRecord<R> | null> {
    if (!idSchema.safeParse(id).success) return null;
    const file = await readYamlFile(filePath(spec), displayPathOf(filePath(spec)), limits);
    if (file.problems.length > 0) throw new KnowledgeFileError(knowledgeFileNames[spec.file], file.problems);
    const data = file.data;
    const list = isRecord(data) ? data[spec.listKey] : undefined;
    const item: unknown = Array.isArray(list) ? list.find((entry) => idOf(entry) === id) : undefined;
    if (item === undefined) return null;
    const record = normalize(spec, item);
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

function refuse(reason: EditFailureReason, message: string, problems?: readonly KnowledgeProblem[]): EditResult<never> {
  return problems ? { ok: false, reason, message, problems } : { ok: false, reason, message };
}

/** The record as the loader would see it (defaults filled in), so its version matches the served one. */
function normalize<R extends EditableRecord>(spec: KindSpec<R>, item: unknown): R {
  const parsed = spec.schema.safeParse(item);
  // A record broken by hand still gets a stable version; the edit's validation reports what is wrong.
  return parsed.success ? parsed.data : (item as R);
}

function inputProblem(spec: KindSpec<EditableRecord>, dir: string, input: unknown, issue: z.core.$ZodIssue): KnowledgeProblem {
  const id = idOf(input);
  const field = issue.path.map((key) => (typeof key === 'number' ? `[${key}]` : `.${String(key)}`)).join('');
  const message = issue.code === 'invalid_type' && issue.input === undefined ? 'is required' : issue.message;
  return { file: displayPathOf(path.join(dir, knowledgeFileNames[spec.file])), line: null, where: `${spec.listKey}${id ? ` (${id})` : ''}${field}`, message };
}

/**
 * Every record id in the shared id space (FAQ, terms, table) and what uses it, e.g. `term "azure"`.
 * A file that cannot be read adds none; validating the edit then reports what is wrong with it.
 */
async function idsInUse(dir: string, limits: ReadLimits): Promise<Map<string, string>> {
  const owners = new Map<string, string>();
  const dataOf = async (kind: KnowledgeFileKind): Promise<unknown> => {
    const filePath = path.join(dir, knowledgeFileNames[kind]);
    return (await readYamlFile(filePath, displayPathOf(filePath), limits)).data;
  };
  const lists = [['faq', 'faq', 'FAQ record'], ['terms', 'terms', 'term']] as const;
  for (const [file, key, label] of lists) {
    const data = await dataOf(file);
    const list = isRecord(data) ? data[key] : undefined;
    if (Array.isArray(list)) for (const item of list) if (idOf(item)) owners.set(idOf(item)!, `${label} "${idOf(item)}"`);
  }
  const table = await dataOf('table');
  const tableId = isRecord(table) ? idOf(table.table) : null;
  if (tableId) owners.set(tableId, 'the comparison table');
  return owners;
}

function idOf(item: unknown): string | null {
  return isRecord(item) && typeof item.id === 'string' ? item.id : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
