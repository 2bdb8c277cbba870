import type { Knowledge } from '../knowledge/schema.ts';

/** A slug for a new record's id, from its question or term. */
export function slugFrom(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48)
    .replace(/-+$/, '') || 'record';
}

/**
 * The id a new record titled `title` gets: its slug, numbered (`-2`, `-3` …) while a served record
 * of any kind has it. Ids are shared across kinds, so `faq:x` and `term:x` never name two things.
 */
export function newRecordId(knowledge: Knowledge, title: string): string {
  const taken = new Set([...knowledge.faq.map((record) => record.id), ...knowledge.terms.map((record) => record.id), knowledge.table.id]);
  const base = slugFrom(title);
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}
