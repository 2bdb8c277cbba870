import { KnowledgeFileError, type Actor, type EditAction, type KnowledgeWriter, type OpenedRecord } from '../store/knowledgeWriter.ts';
import type { Reply } from '../reply/replyModel.ts';
import { newRecordId } from './recordIds.ts';
import { kindOps, type FieldsOfKind, type KindOps, type RecordKind, type RecordOfKind, type ServingStore } from './recordKinds.ts';
import type { Refusal } from './refusal.ts';

/** A record opened for editing or removal, with the version a save or removal of it must quote. */
export interface OpenedForEdit<K extends RecordKind> {
  readonly ok: true;
  readonly kind: K;
  readonly id: string;
  readonly record: RecordOfKind[K];
  readonly version: string;
  /** Its question or term, as members see it. */
  readonly title: string;
}

/** A record added, saved or removed. */
export interface Edited<K extends RecordKind> {
  readonly ok: true;
  readonly action: EditAction;
  readonly kind: K;
  readonly id: string;
  /** The record as written (for a removal: as it was). */
  readonly record: RecordOfKind[K];
  /** What the next edit of it must quote. */
  readonly version: string;
  /** The knowledge version served after the edit; null when the reload after it did not swap the knowledge in. */
  readonly servedVersion: number | null;
  /** What members get for the record now; null after a removal. */
  readonly preview: Reply | null;
}

export interface RecordEditsDeps {
  readonly store: ServingStore;
  readonly writer: KnowledgeWriter;
}

/** Add, open, save and remove, one record at a time: every check and write goes through the writer. */
export function createRecordEdits({ store, writer }: RecordEditsDeps) {
  /** The record as its file holds it now, or why not. */
  async function fromFile<K extends RecordKind>(kind: K, id: string): Promise<OpenedForEdit<K> | Refusal> {
    const ops: KindOps<K> = kindOps[kind];
    try {
      const read = await ops.read(writer, id);
      return read ? opened(kind, id, read) : { ok: false, reason: 'not_found', message: `There is no ${ops.label} with the id "${id}".` };
    } catch (error) {
      if (!(error instanceof KnowledgeFileError)) throw error;
      return { ok: false, reason: 'unreadable_file', message: error.message, fileName: error.fileName, problems: error.problems };
    }
  }

  function opened<K extends RecordKind>(kind: K, id: string, { record, version }: OpenedRecord<RecordOfKind[K]>): OpenedForEdit<K> {
    return { ok: true, kind, id, record, version, title: kindOps[kind].titleOf(record) };
  }

  function edited<K extends RecordKind>(kind: K, result: Awaited<ReturnType<KindOps<K>['add']>>): Edited<K> | Refusal {
    if (!result.ok) return result;
    const { id } = result.record;
    return {
      ok: true,
      action: result.action,
      kind,
      id,
      record: result.record,
      version: result.version,
      servedVersion: result.reload?.ok ? result.reload.version : null,
      preview: result.action === 'remove' ? null : store.current().engine.replyFor(kind, id),
    };
  }

  /** The FAQ records that link to `id` in the served knowledge (`faq:<id>` each). */
  function linkersOf(kind: RecordKind, id: string): string[] {
    if (kind !== 'faq') return [];
    return store
      .current()
      .knowledge.faq.filter((record) => record.id !== id && record.related.includes(id))
      .map((record) => `faq:${record.id}`);
  }

  function linkedRefusal(kind: RecordKind, id: string): Refusal | null {
    const linkers = linkersOf(kind, id);
    if (linkers.length === 0) return null;
    const verb = linkers.length === 1 ? 'links' : 'link';
    return {
      ok: false,
      reason: 'linked',
      linkers,
      message: `${kind}:${id} cannot be removed: ${linkers.join(', ')} ${verb} to it (related). Take it out of their related list first, then remove it.`,
    };
  }

  return {
    /**
     * The record to fill an edit with: the served copy unless its file was saved since the served
     * knowledge was loaded (then the file, for its new text or its problems). Fast at any size,
     * and safe either way: a save quotes the version, which the writer checks against the file.
     */
    async open<K extends RecordKind>(kind: K, id: string): Promise<OpenedForEdit<K> | Refusal> {
      const ops: KindOps<K> = kindOps[kind];
      const served = await ops.served(store, id);
      if (served) return opened(kind, id, served);
      return fromFile(kind, id);
    },

    /** The record as its file holds it now: what a save starts from (the fields a form could not hold, the links). */
    async read<K extends RecordKind>(kind: K, id: string): Promise<OpenedForEdit<K> | Refusal> {
      return fromFile(kind, id);
    },

    /** The record as a removal would remove it; refused while other records link to it. */
    async openForRemoval<K extends RecordKind>(kind: K, id: string): Promise<OpenedForEdit<K> | Refusal> {
      const record = await this.open(kind, id);
      if (!record.ok) return record;
      return linkedRefusal(kind, id) ?? record;
    },

    /** The id a new record with this question or term would get (ids are shared by every kind). */
    newId(title: string): string {
      return newRecordId(store.current().knowledge, title);
    },

    /** A new record, its id made from its question or term. */
    async add<K extends RecordKind>(kind: K, fields: FieldsOfKind[K], by: Actor): Promise<Edited<K> | Refusal> {
      const ops: KindOps<K> = kindOps[kind];
      return edited(kind, await ops.add(writer, this.newId(ops.titleOfFields(fields)), fields, by));
    },

    /** The record `id` as `fields` say, if its file still holds `version` of it. */
    async save<K extends RecordKind>(kind: K, id: string, version: string, fields: FieldsOfKind[K], by: Actor): Promise<Edited<K> | Refusal> {
      const ops: KindOps<K> = kindOps[kind];
      return edited(kind, await ops.update(writer, id, fields, version, by));
    },

    /** Removes the record `id` if its file still holds `version` of it and no record links to it. */
    async remove<K extends RecordKind>(kind: K, id: string, version: string, by: Actor): Promise<Edited<K> | Refusal> {
      const linked = linkedRefusal(kind, id);
      if (linked) return linked;
      const ops: KindOps<K> = kindOps[kind];
      return edited(kind, await ops.remove(writer, id, version, by));
    },
  };
}

export type RecordEdits = ReturnType<typeof createRecordEdits>;
