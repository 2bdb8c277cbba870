import type { RecordRef } from '../reply/replyModel.ts';
import type { Relation } from './relations.ts';

/** A record the engine can answer with, numbered by its place in the catalog. */
export interface CatalogRecord extends RecordRef {
  /** Position in its knowledge list (faq or terms); 0 for the table. */
  readonly position: number;
}

/**
 * Every record of the knowledge, and what is known of each without a question: what it states
 * (requirement flags, worked out once when the engine is built), who acts on whom in its phrasings,
 * and which records it names as related. Later stages refer to records by their number here.
 */
export interface RecordCatalog {
  readonly records: readonly CatalogRecord[];
  /** The record the index names `kind:id`. */
  numberOf(key: string): number | undefined;
  /** Each record's requirement flags: which facets of which rules its text states (see `RuleSet`). */
  readonly flags: Uint32Array;
  /** Whether two FAQ records name each other (either one the other) as related. */
  related(a: number, b: number): boolean;
  /** Who acts on whom in a record's phrasings (its question and alternates), read once when the engine is built. */
  relations(record: number): readonly Relation[];
}

/** How the index names a record: kinds have separate id spaces in principle. */
export function keyOf(record: Pick<RecordRef, 'kind' | 'id'>): string {
  return `${record.kind}:${record.id}`;
}

export function refOf(record: RecordRef): RecordRef {
  return { kind: record.kind, id: record.id, title: record.title };
}
