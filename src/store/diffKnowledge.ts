import type { Knowledge } from '../knowledge/schema.ts';
import type { BuildSteps } from '../search/buildSteps.ts';
import { recordVersion } from './recordVersion.ts';

/** What a reload changed, by record: `faq:<id>`, `term:<id>`, `source:<id>`, `table`, `synonyms`. */
export interface KnowledgeChanges {
  readonly added: readonly string[];
  readonly changed: readonly string[];
  readonly removed: readonly string[];
}

export interface KnowledgeCounts {
  readonly faq: number;
  readonly terms: number;
  readonly tableRows: number;
  readonly sources: number;
  readonly synonymGroups: number;
}

export function countKnowledge(knowledge: Knowledge): KnowledgeCounts {
  return {
    faq: knowledge.faq.length,
    terms: knowledge.terms.length,
    tableRows: knowledge.table.rows.length,
    sources: knowledge.sources.length,
    synonymGroups: Object.keys(knowledge.synonyms).length,
  };
}

/**
 * A short hash of every record, to tell what a reload changed without keeping or comparing whole
 * records: computed where the knowledge is parsed (a worker thread, for a large knowledge base).
 */
export interface KnowledgeFingerprints {
  readonly faq: readonly (readonly [id: string, fingerprint: string])[];
  readonly term: readonly (readonly [id: string, fingerprint: string])[];
  readonly source: readonly (readonly [id: string, fingerprint: string])[];
  readonly table: string;
  readonly synonyms: string;
}

export function fingerprintKnowledge(knowledge: Knowledge): KnowledgeFingerprints {
  const byId = (records: readonly { readonly id: string }[]) => records.map((record) => [record.id, recordVersion(record)] as const);
  return {
    faq: byId(knowledge.faq),
    term: byId(knowledge.terms),
    source: byId(knowledge.sources),
    table: recordVersion(knowledge.table),
    // The table and the synonyms are one record each: a moderator edits them as a whole.
    synonyms: recordVersion(knowledge.synonyms),
  };
}

/** What changed between two loads, in steps of a thousand records: a reload must not hold up replies. */
export function* fingerprintDiffSteps(before: KnowledgeFingerprints, after: KnowledgeFingerprints): BuildSteps<KnowledgeChanges> {
  const changes = { added: [] as string[], changed: [] as string[], removed: [] as string[] };
  for (const prefix of ['faq', 'term', 'source'] as const) yield* compareById(prefix, before[prefix], after[prefix], changes);
  if (before.table !== after.table) changes.changed.push('table');
  if (before.synonyms !== after.synonyms) changes.changed.push('synonyms');
  return changes;
}

function* compareById(
  prefix: string,
  before: readonly (readonly [string, string])[],
  after: readonly (readonly [string, string])[],
  changes: { added: string[]; changed: string[]; removed: string[] },
): BuildSteps<void> {
  const old = new Map<string, string>();
  for (const [i, [id, fingerprint]] of before.entries()) {
    old.set(id, fingerprint);
    if (i % 100 === 99) yield;
  }
  const seen = new Set<string>();
  for (const [i, [id, fingerprint]] of after.entries()) {
    seen.add(id);
    const previous = old.get(id);
    if (previous === undefined) changes.added.push(`${prefix}:${id}`);
    else if (previous !== fingerprint) changes.changed.push(`${prefix}:${id}`);
    if (i % 100 === 99) yield;
  }
  for (const id of old.keys()) if (!seen.has(id)) changes.removed.push(`${prefix}:${id}`);
}
