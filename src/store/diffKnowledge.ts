import type { Knowledge } from '../knowledge/schema.ts';
import { canonicalJson } from './contentHash.ts';

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

export function diffKnowledge(before: Knowledge, after: Knowledge): KnowledgeChanges {
  const changes = { added: [] as string[], changed: [] as string[], removed: [] as string[] };
  compareById('faq', before.faq, after.faq, changes);
  compareById('term', before.terms, after.terms, changes);
  compareById('source', before.sources, after.sources, changes);
  // The table and the synonyms are one record each: a moderator edits them as a whole.
  if (canonicalJson(before.table) !== canonicalJson(after.table)) changes.changed.push('table');
  if (canonicalJson(before.synonyms) !== canonicalJson(after.synonyms)) changes.changed.push('synonyms');
  return changes;
}

function compareById(
  prefix: string,
  before: readonly { readonly id: string }[],
  after: readonly { readonly id: string }[],
  changes: { added: string[]; changed: string[]; removed: string[] },
): void {
  const old = new Map(before.map((record) => [record.id, canonicalJson(record)]));
  const seen = new Set<string>();
  for (const record of after) {
    seen.add(record.id);
    const previous = old.get(record.id);
    if (previous === undefined) changes.added.push(`${prefix}:${record.id}`);
    else if (previous !== canonicalJson(record)) changes.changed.push(`${prefix}:${record.id}`);
  }
  for (const id of old.keys()) if (!seen.has(id)) changes.removed.push(`${prefix}:${id}`);
}
