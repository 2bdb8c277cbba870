import path from 'node:path';
import { displayPathOf, knowledgeFileNames, type KnowledgeFileKind } from '../knowledge/knowledgeFiles.ts';
import type { KnowledgeProblem } from '../knowledge/knowledgeProblem.ts';
import { readTextFile, type ReadLimits } from '../knowledge/readTextFile.ts';
import { brokenFile, parseYamlText, readYamlFile } from '../knowledge/yamlFile.ts';
import type { EditAction, EditKind } from './auditLog.ts';
import { canonicalJson } from './contentHash.ts';
import { specOfKind, type EditableRecord, type KindSpec } from './editableKinds.ts';
import { recordVersion } from './recordVersion.ts';
import { validateProposal } from './validateProposal.ts';
import { appendRecord, readRecordList, removeRecord, replaceRecord } from './yamlRecordList.ts';

// The reading, parsing and validating half of an edit: at thousands of records it is seconds of
// work, so the writer runs it in a worker thread (editThread) and keeps only the write for itself.

/** `unavailable`: the shared database (DATABASE_URL) could not be reached, so the edit could not reach the other hosts. */
export type EditFailureReason = 'invalid' | 'conflict' | 'not_found' | 'exists' | 'unavailable';

export interface EditRefusal {
  readonly ok: false;
  readonly reason: EditFailureReason;
  readonly message: string;
  readonly problems?: readonly KnowledgeProblem[];
}

export interface EditRequest {
  readonly dir: string;
  readonly limits: ReadLimits;
  readonly kind: EditKind;
  readonly action: EditAction;
  /** The record updated or removed; null for an addition. */
  readonly id: string | null;
  /** The record as it should become, already validated; null for a removal. */
  readonly record: EditableRecord | null;
  readonly expectedVersion: string | null;
}

export type EditPlan =
  | EditRefusal
  | {
      readonly ok: true;
      readonly id: string;
      /** The record as the file holds it now; null for an addition. */
      readonly before: EditableRecord | null;
      /**
       * The file's new text, UTF-8 encoded, in a buffer of its own: the edit thread hands it over
       * without copying (a copied 9 MB string takes the receiving thread ~60 ms to take in).
       * Null when the record was saved unchanged (nothing to write).
       */
      readonly change: { readonly file: string; readonly bytes: Uint8Array } | null;
    };

export type OpenedFromFile = { readonly ok: true; readonly record: EditableRecord | null } | { readonly ok: false; readonly problems: readonly KnowledgeProblem[] };

/** The record `id` as its file holds it now (null when there is none), or what is wrong with the file. */
export async function openRecordOf(dir: string, kind: EditKind, id: string, limits: ReadLimits): Promise<OpenedFromFile> {
  const spec: KindSpec<EditableRecord> = specOfKind[kind];
  const filePath = path.join(dir, knowledgeFileNames[spec.file]);
  const file = await readYamlFile(filePath, displayPathOf(filePath), limits);
  if (file.problems.length > 0) return { ok: false, problems: file.problems };
  const data = file.data;
  const list = isRecord(data) ? data[spec.listKey] : undefined;
  const item: unknown = Array.isArray(list) ? list.find((entry) => idOf(entry) === id) : undefined;
  return { ok: true, record: item === undefined ? null : normalize(spec, item) };
}

/** Works out what an edit would write, or why it must be refused; writes nothing. */
export async function planEdit(request: EditRequest): Promise<EditPlan> {
  const { dir, limits, action, record } = request;
  const spec: KindSpec<EditableRecord> = specOfKind[request.kind];
  const target = path.join(dir, knowledgeFileNames[spec.file]);
  const read = await readTextFile(target, limits);
  const parsedFile = read.text === null ? brokenFile(displayPathOf(target), read.problem.message, read.problem.line) : parseYamlText(read.text, displayPathOf(target));
  if (read.text === null || parsedFile.document === null || parsedFile.problems.length > 0) {
    return refuse('invalid', `${knowledgeFileNames[spec.file]} cannot be read right now; fix it first.`, parsedFile.problems);
  }
  const list = readRecordList(read.text, spec.listKey, parsedFile.displayPath, { document: parsedFile.document, data: parsedFile.data });
  const id = request.id ?? record?.id ?? '';
  const index = list.items.findIndex((item) => idOf(item) === id);
  let before: EditableRecord | null = null;
  if (action !== 'add') {
    const current = list.items[index];
    if (index < 0 || current === undefined) return refuse('not_found', `There is no ${spec.label} "${id}"; someone may have removed it.`);
    before = normalize(spec, current);
    if (recordVersion(before) !== request.expectedVersion) {
      return refuse('conflict', `The ${spec.label} "${id}" was changed by someone else since you opened it; reopen it and try again.`);
    }
  }
  // Saving a record unchanged (opened and saved as is) writes and logs nothing.
  if (before && record && canonicalJson(before) === canonicalJson(record)) return { ok: true, id, before, change: null };
  if (record && (action === 'add' || record.id !== id)) {
    const owner = (await idsInUse(dir, limits, { file: spec.file, items: list.items })).get(record.id);
    if (owner) return refuse('exists', `The id "${record.id}" is already used by ${owner}; choose another id.`);
  }

  if (action === 'remove' && spec.kind === 'faq') {
    const links = linksTo(id, list.items);
    if (links.length > 0) {
      const linkers = [...new Set(links.map((link) => link.from))];
      return refuse(
        'invalid',
        `faq:${id} cannot be removed: ${linkers.map((from) => `faq:${from}`).join(', ')} ${linkers.length === 1 ? 'links' : 'link'} to it (related). ` +
          `Take it out of their related list first (/kb faq edit, or the file), then remove it.`,
        links.map((link) => parsedFile.problemAt([spec.listKey, link.index, 'related', link.position], `links to faq:${id}, which is being removed`)),
      );
    }
  }

  const edited =
    record === null ? removeRecord(list, index)
    : action === 'add' ? appendRecord(list, record, spec.layout)
    : replaceRecord(list, index, record, spec.layout);
  const check = await validateProposal(dir, { [spec.file]: edited }, limits);
  if (!check.ok) return refuse('invalid', 'This edit would make the knowledge invalid, so nothing was saved.', check.problems);
  // A file with old Mac line endings stays one.
  const written = read.lineBreaks === 'cr' ? edited.text.replaceAll('\n', '\r') : edited.text;
  return { ok: true, id, before, change: { file: target, bytes: new TextEncoder().encode(written) } };
}

/** Where the FAQ records of `items` list `id` as related: the linking record's id, its index and the place in its list. */
function linksTo(id: string, items: readonly unknown[]): { from: string; index: number; position: number }[] {
  const links: { from: string; index: number; position: number }[] = [];
  items.forEach((item, index) => {
    const related = isRecord(item) ? item.related : undefined;
    const from = idOf(item);
    if (!Array.isArray(related) || from === null || from === id) return;
    related.forEach((entry, position) => {
      if (entry === id) links.push({ from, index, position });
    });
  });
  return links;
}

export function refuse(reason: EditFailureReason, message: string, problems?: readonly KnowledgeProblem[]): EditRefusal {
  return problems ? { ok: false, reason, message, problems } : { ok: false, reason, message };
}

/** The record as the loader would see it (defaults filled in), so its version matches the served one. */
function normalize<R extends EditableRecord>(spec: KindSpec<R>, item: unknown): R {
  const parsed = spec.schema.safeParse(item);
  // A record broken by hand still gets a stable version; the edit's validation reports what is wrong.
  return parsed.success ? parsed.data : (item as R);
}

/**
 * Every record id in the shared id space (FAQ, terms, table) and what uses it, e.g. `term "azure"`;
 * `edited`: the records of the file being edited, as read for the edit.
 * A file that cannot be read adds none; validating the edit then reports what is wrong with it.
 */
async function idsInUse(dir: string, limits: ReadLimits, edited: { readonly file: KnowledgeFileKind; readonly items: readonly unknown[] }): Promise<Map<string, string>> {
  const owners = new Map<string, string>();
  const dataOf = async (kind: KnowledgeFileKind): Promise<unknown> => {
    const filePath = path.join(dir, knowledgeFileNames[kind]);
    return (await readYamlFile(filePath, displayPathOf(filePath), limits)).data;
  };
  const lists = [['faq', 'faq', 'FAQ record'], ['terms', 'terms', 'term']] as const;
  for (const [file, key, label] of lists) {
    // The edited file's records were just read: not again.
    const data = file === edited.file ? null : await dataOf(file);
    const list = file === edited.file ? edited.items : isRecord(data) ? data[key] : undefined;
    if (Array.isArray(list)) for (const item of list) if (idOf(item)) owners.set(idOf(item)!, `${label} "${idOf(item)}"`);
  }
  const table = await dataOf('table');
  const tableId = isRecord(table) ? idOf(table.table) : null;
  if (tableId) owners.set(tableId, 'the comparison table');
  return owners;
}

export function idOf(item: unknown): string | null {
  return isRecord(item) && typeof item.id === 'string' ? item.id : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
