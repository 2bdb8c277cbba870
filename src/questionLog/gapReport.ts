import { createHash } from 'node:crypto';
import { z } from 'zod';
import { normalizeText } from '../text/normalizeText.ts';
import { nowOf, readFromEach, type LogReader } from './logReader.ts';
import type { GapRowsRead } from './logStore.ts';

export type { GapRowsRead };

const dayMs = 24 * 60 * 60 * 1000;
/** Grouping keys at least this alike are one question asked two ways (3 of 4 content stems shared, say). */
const mergeSimilarity = 0.6;
/** Bounds the work of one key when thousands share its rarest stems (generated or hostile logs). */
const maxComparisonsPerKey = 2000;

export type GapOutcome = 'no_match' | 'suggestions' | 'not_helpful';

export interface RecordPointer {
  readonly kind: string;
  readonly id: string;
}

/** One question members asked that the bot did not answer well, its phrasings grouped. */
export interface GapRow {
  /** Stable while the group's main phrasing is: what buttons carry. */
  readonly id: string;
  /** The group's most common phrasing. */
  readonly question: string;
  readonly count: number;
  /** The group's most common outcome. */
  readonly outcome: GapOutcome;
  readonly lastAsked: number;
  /** Records offered as suggestions, most offered first. */
  readonly candidates: readonly RecordPointer[];
  /** The record members picked for this question, when their picks agree. */
  readonly membersChose: (RecordPointer & { readonly picks: number }) | null;
  /** Every grouping key in the group (what dismissing hides). */
  readonly keys: readonly string[];
}

// Rows come back from a file anyone with disk access could have edited: read them as outside input.
const questionRowSchema = z.object({
  question: z.string(),
  normalized: z.string(),
  status: z.enum(['answered', 'suggestions', 'no_match']),
  at: z.number().int(),
  suggestions: z.string(),
  down: z.number().int(),
  up: z.number().int(),
});
const labelRowSchema = z.object({ normalized: z.string(), kind: z.string().nullable(), record_id: z.string().nullable() });
const pointerSchema = z.array(z.string().regex(/^(faq|term|table):[a-z0-9-]*$/)).catch([]);

interface Group {
  keys: Set<string>;
  phrasings: Map<string, { text: string; count: number; at: number }>;
  outcomes: Map<GapOutcome, number>;
  offered: Map<string, number>;
  count: number;
  lastAsked: number;
}

export interface GapQuery {
  readonly days: number;
  /** How many rows, most asked first (25 unless told). */
  readonly limit?: number;
  /** One server's questions and labels only (a moderator of another server than the knowledge servers); null or absent: all. */
  readonly guildId?: string | null;
}

/**
 * The unanswered, unsure and not-helpful questions of the last `days` days, near-identical
 * phrasings grouped, most asked first. An answer nobody disputed (more "Not helpful" than
 * "Helpful" votes) is not a gap. Several logs (one per host) are read as one. Null when a log
 * cannot be read.
 */
export async function gapReport(logs: LogReader | readonly LogReader[], query: GapQuery): Promise<GapRow[] | null> {
  const read = await readGapRows(logs, query);
  return read === null ? null : groupGaps(read, query);
}

/** The rows a report of `query` groups, read from every log; null when one cannot be read. */
export async function readGapRows(logs: LogReader | readonly LogReader[], { days, guildId = null }: GapQuery): Promise<GapRowsRead | null> {
  const window = { since: nowOf(logs) - days * dayMs, guildId };
  return readFromEach(logs, async (log) => {
    const rows = await log.gapRows(window);
    return rows === null ? null : { questions: rows.questions, labels: rows.labels };
  });
}

/** The report of rows read by `readGapRows`: checked, grouped by key, close keys merged, ranked. */
export function groupGaps(read: GapRowsRead, { limit = 25 }: GapQuery): GapRow[] {
  const groups: Group[] = [];
  const byKey = new Map<string, Group>();
  for (const raw of read.questions) {
    const parsed = questionRowSchema.safeParse(raw);
    if (!parsed.success) continue;
    const row = parsed.data;
    const outcome: GapOutcome | null = row.status === 'answered' ? (row.down > row.up ? 'not_helpful' : null) : row.status;
    if (outcome === null) continue;
    let group = byKey.get(row.normalized);
    if (!group) {
      group = { keys: new Set([row.normalized]), phrasings: new Map(), outcomes: new Map(), offered: new Map(), count: 0, lastAsked: 0 };
      byKey.set(row.normalized, group);
      groups.push(group);
    }
    group.count++;
    group.lastAsked = Math.max(group.lastAsked, row.at);
    increment(group.outcomes, outcome);
    const phrasing = normalizeText(row.question);
    const seen = group.phrasings.get(phrasing);
    if (!seen) group.phrasings.set(phrasing, { text: row.question, count: 1, at: row.at });
    else seen.count++;
    for (const pointer of pointerSchema.parse(safeJson(row.suggestions))) increment(group.offered, pointer);
  }

  const merged = mergeAlike(groups);
  const labels = labelRows(read.labels);
  return merged
    .sort((a, b) => b.count - a.count || b.lastAsked - a.lastAsked)
    .slice(0, limit)
    .map((group) => toRow(group, labels));
}

/**
 * Folds each group, most asked first, into the first kept group holding a key at least
 * `mergeSimilarity` alike (Jaccard of stems), or keeps it. Comparing every key with every other
 * grew with the square of the keys (3,000 different gaps: 21 s); only keys that share a stem
 * among their rarest ones can be that alike (prefix filtering), so only those are compared, and
 * never more than `maxComparisonsPerKey` of them.
 */
function mergeAlike(groups: readonly Group[]): Group[] {
  const ordered = [...groups].sort((a, b) => b.count - a.count);
  const stemSets = ordered.map((group) => alikeStems(firstKey(group)));
  // Stems as numbers, rarest first: the order every key's stems are listed and prefixed in.
  const frequency = new Map<string, number>();
  for (const stems of stemSets) for (const stem of stems) frequency.set(stem, (frequency.get(stem) ?? 0) + 1);
  const rank = new Map([...frequency.entries()].sort((a, b) => a[1] - b[1] || (a[0] < b[0] ? -1 : 1)).map(([stem], i) => [stem, i]));
  const keys = stemSets.map((stems) => Int32Array.from(stems, (stem) => rank.get(stem)!).sort());

  const result: Group[] = [];
  const resultOf = new Int32Array(ordered.length);
  const seenBy = new Int32Array(ordered.length).fill(-1);
  const keysWithStem = new Map<number, number[]>();
  ordered.forEach((group, i) => {
    const key = keys[i]!;
    const prefix = prefixLength(key.length);
    let into = -1;
    let comparisons = 0;
    probe: for (let p = 0; p < prefix; p++) {
      for (const j of keysWithStem.get(key[p]!) ?? []) {
        if (seenBy[j] === i) continue;
        seenBy[j] = i;
        const target = resultOf[j]!;
        // Only an earlier kept group than the one found already can change where this one goes.
        if (into !== -1 && target >= into) continue;
        if (++comparisons > maxComparisonsPerKey) break probe;
        if (similarity(key, keys[j]!) >= mergeSimilarity) into = target;
      }
    }
    for (let p = 0; p < prefix; p++) {
      const list = keysWithStem.get(key[p]!);
      if (list) list.push(i);
      else keysWithStem.set(key[p]!, [i]);
    }
    if (into === -1) {
      resultOf[i] = result.length;
      result.push(group);
      return;
    }
    resultOf[i] = into;
    mergeInto(result[into]!, group);
  });
  return result;
}

/**
 * Two keys at least `mergeSimilarity` alike share that share of the larger one's stems, so
 * (their stems in one order) each key's first `length - ceil(share × length) + 1` stems hold one
 * they share. A key of no stems is alike to no other.
 */
function prefixLength(length: number): number {
  // A hair under the product: where it is whole, floating point must not round it up (a shorter prefix could miss a pair).
  return length === 0 ? 0 : length - Math.ceil(mergeSimilarity * length - 1e-9) + 1;
}

/** The stems `keySimilarity` compares, once each. */
function alikeStems(key: string): string[] {
  return [...new Set(key.split(' ').filter(Boolean))];
}

/** `keySimilarity` of two keys as sorted stem numbers: shared over all (Jaccard), in the same arithmetic. */
function similarity(a: Int32Array, b: Int32Array): number {
  let shared = 0;
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i] === b[j]) {
      shared++;
      i++;
      j++;
    } else if (a[i]! < b[j]!) i++;
    else j++;
  }
  const all = a.length + b.length - shared;
  return all === 0 ? 0 : shared / all;
}

function firstKey(group: Group): string {
  return group.keys.values().next().value ?? '';
}

function mergeInto(into: Group, group: Group): void {
  for (const key of group.keys) into.keys.add(key);
  into.count += group.count;
  into.lastAsked = Math.max(into.lastAsked, group.lastAsked);
  for (const [outcome, n] of group.outcomes) increment(into.outcomes, outcome, n);
  for (const [pointer, n] of group.offered) increment(into.offered, pointer, n);
  for (const [phrasing, seen] of group.phrasings) {
    const existing = into.phrasings.get(phrasing);
    if (!existing) into.phrasings.set(phrasing, { ...seen });
    else existing.count += seen.count;
  }
}

function toRow(group: Group, labels: ReadonlyMap<string, Map<string, number>>): GapRow {
  // Most asked first; between equals, the first asked (the phrasing the others echo).
  const phrasings = [...group.phrasings.values()].sort((a, b) => b.count - a.count || a.at - b.at);
  const keys = [...group.keys];
  const picks = new Map<string, number>();
  for (const key of keys) for (const [pointer, n] of labels.get(key) ?? []) increment(picks, pointer, n);
  const [top, second] = [...picks.entries()].sort((a, b) => b[1] - a[1]);
  // Picks agree when one record has more of them than any other (and it is a record, not "none").
  const agreed = top && top[0] !== 'none' && (!second || top[1] > second[1]) ? { ...pointerOf(top[0]), picks: top[1] } : null;
  return {
    id: createHash('sha256').update(keys[0] ?? '').digest('hex').slice(0, 12),
    question: phrasings[0]?.text ?? '',
    count: group.count,
    outcome: mostCommon(group.outcomes) ?? 'no_match',
    lastAsked: group.lastAsked,
    candidates: [...group.offered.entries()].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([pointer]) => pointerOf(pointer)),
    membersChose: agreed,
    keys,
  };
}

function labelRows(rows: readonly unknown[]): Map<string, Map<string, number>> {
  const byKey = new Map<string, Map<string, number>>();
  for (const raw of rows) {
    const parsed = labelRowSchema.safeParse(raw);
    if (!parsed.success) continue;
    const { normalized, kind, record_id: id } = parsed.data;
    const pointer = kind && id !== null ? `${kind}:${id}` : 'none';
    let counts = byKey.get(normalized);
    if (!counts) byKey.set(normalized, (counts = new Map()));
    increment(counts, pointer);
  }
  return byKey;
}

function pointerOf(pointer: string): RecordPointer {
  const colon = pointer.indexOf(':');
  return { kind: pointer.slice(0, colon), id: pointer.slice(colon + 1) };
}

function increment<K>(map: Map<K, number>, key: K, by = 1): void {
  map.set(key, (map.get(key) ?? 0) + by);
}

function mostCommon<K>(map: ReadonlyMap<K, number>): K | undefined {
  return [...map.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return [];
  }
}
