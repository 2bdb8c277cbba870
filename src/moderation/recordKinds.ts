import type { FaqRecord, TermRecord } from '../knowledge/schema.ts';
import type { EditKind } from '../store/auditLog.ts';
import type { Actor, EditResult, FaqInput, KnowledgeWriter, OpenedRecord, TermInput } from '../store/knowledgeWriter.ts';
import { servedFaq, servedTerm } from '../store/servedRecord.ts';
import type { KnowledgeStore } from '../store/knowledgeStore.ts';

/** The kinds of record moderators edit one by one. */
export type RecordKind = EditKind;

export interface RecordOfKind {
  readonly faq: FaqRecord;
  readonly term: TermRecord;
}

/** What a moderator writes of a record: everything but its id (given for a new record, kept for an edit). */
export type FaqFields = Omit<FaqInput, 'id'>;
export type TermFields = Omit<TermInput, 'id'>;

export interface FieldsOfKind {
  readonly faq: FaqFields;
  readonly term: TermFields;
}

export type ServingStore = Pick<KnowledgeStore, 'dir' | 'current'>;

/** One kind's way through the writer and the served knowledge. */
export interface KindOps<K extends RecordKind> {
  /** How the record is named in messages: "FAQ record", "term". */
  readonly label: string;
  titleOf(record: RecordOfKind[K]): string;
  /** The text a new record's id is made from. */
  titleOfFields(fields: FieldsOfKind[K]): string;
  served(store: ServingStore, id: string): Promise<OpenedRecord<RecordOfKind[K]> | null>;
  read(writer: KnowledgeWriter, id: string): Promise<OpenedRecord<RecordOfKind[K]> | null>;
  add(writer: KnowledgeWriter, id: string, fields: FieldsOfKind[K], by: Actor): Promise<EditResult<RecordOfKind[K]>>;
  update(writer: KnowledgeWriter, id: string, fields: FieldsOfKind[K], version: string, by: Actor): Promise<EditResult<RecordOfKind[K]>>;
  remove(writer: KnowledgeWriter, id: string, version: string, by: Actor): Promise<EditResult<RecordOfKind[K]>>;
}

export const kindOps: { readonly [K in RecordKind]: KindOps<K> } = {
  faq: {
    label: 'FAQ record',
    titleOf: (record) => record.question,
    titleOfFields: (fields) => fields.question,
    served: servedFaq,
    read: (writer, id) => writer.readFaq(id),
    add: (writer, id, fields, by) => writer.addFaq({ ...fields, id }, by),
    update: (writer, id, fields, version, by) => writer.updateFaq(id, { ...fields, id }, version, by),
    remove: (writer, id, version, by) => writer.removeFaq(id, version, by),
  },
  term: {
    label: 'term',
    titleOf: (record) => record.term,
    titleOfFields: (fields) => fields.term,
    served: servedTerm,
    read: (writer, id) => writer.readTerm(id),
    add: (writer, id, fields, by) => writer.addTerm({ ...fields, id }, by),
    update: (writer, id, fields, version, by) => writer.updateTerm(id, { ...fields, id }, version, by),
    remove: (writer, id, version, by) => writer.removeTerm(id, version, by),
  },
};
