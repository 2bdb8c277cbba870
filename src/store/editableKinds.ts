import type { z } from 'zod';
import type { KnowledgeFileKind } from '../knowledge/knowledgeFiles.ts';
import { faqRecordSchema, termRecordSchema, type FaqRecord, type TermRecord } from '../knowledge/schema.ts';
import type { EditKind } from './auditLog.ts';
import type { RecordLayout } from './yamlRecordList.ts';

export type EditableRecord = FaqRecord | TermRecord;

/** What moderators can edit record by record: where those records live and how one is written. */
export interface KindSpec<R extends EditableRecord> {
  readonly kind: EditKind;
  readonly file: KnowledgeFileKind;
  readonly listKey: string;
  readonly label: string;
  readonly schema: z.ZodType<R>;
  readonly layout: RecordLayout;
}

// Field order and styles as the hand-written records use them.
export const faqSpec: KindSpec<FaqRecord> = {
  kind: 'faq',
  file: 'faq',
  listKey: 'faq',
  label: 'FAQ record',
  schema: faqRecordSchema,
  layout: [['id', 'plain'], ['question', 'plain'], ['alternates', 'block-list'], ['answer', 'block'], ['quote', 'block'], ['sources', 'flow-list'], ['related', 'flow-list']],
};

export const termSpec: KindSpec<TermRecord> = {
  kind: 'term',
  file: 'terms',
  listKey: 'terms',
  label: 'term',
  schema: termRecordSchema,
  layout: [['id', 'plain'], ['term', 'plain'], ['aliases', 'flow-list'], ['definition', 'block'], ['quote', 'block'], ['sources', 'flow-list'], ['editorsNote', 'block']],
};

export const specOfKind: { readonly faq: KindSpec<FaqRecord>; readonly term: KindSpec<TermRecord> } = { faq: faqSpec, term: termSpec };
