import type { FaqRecord, Knowledge } from '../src/knowledge/schema.ts';
import { seededRandom } from './syntheticKnowledge.ts';

/**
 * How a query differs from the phrasing it was made from: `typo`, one or two words misspelt;
 * `paraphrased`, the opening asked another way, a word dropped, a word replaced by a related one and
 * two words swapped; `both`, paraphrased with one word misspelt.
 */
export const queryKinds = ['typo', 'paraphrased', 'both'] as const;
export type QueryKind = (typeof queryKinds)[number];

export interface GeneratedQuery {
  readonly text: string;
  /** The record whose phrasing the query was made from: a searcher should rank it first. */
  readonly recordId: string;
  readonly kind: QueryKind;
}

/** The openings of generated phrasings (see `syntheticKnowledge`), which a paraphrase asks another way. */
const openers = ['How does', 'Can we', 'What is the', 'When will the', 'Why does the', 'Is there a', 'Who owns the', 'Where is the'];

/** How people open the same question in a chat: words the phrasings never have, some of which the real knowledge has. */
const chattyOpeners = [
  'hey, quick question: how does',
  'any idea why the',
  'is it true that the',
  'could someone explain the',
  "so what's going on with the",
  'what happens with the',
  'does anyone know if the',
  'pls explain',
];

/** Everyday words people use for the generated vocabulary's domain words; none of them is in that vocabulary. */
const relatedWords: Readonly<Record<string, string>> = {
  agreement: 'deal',
  alliance: 'coalition',
  amendment: 'change',
  analytics: 'metrics',
  audit: 'review',
  backup: 'copy',
  billing: 'charges',
  budget: 'spending',
  contract: 'pact',
  cost: 'price',
  customer: 'client',
  datacenter: 'facility',
  deployment: 'rollout',
  developer: 'programmer',
  device: 'gadget',
  energy: 'electricity',
  enterprise: 'business',
  feature: 'capability',
  growth: 'expansion',
  hardware: 'equipment',
  incident: 'outage',
  invoice: 'bill',
  latency: 'delay',
  license: 'permit',
  limit: 'cap',
  migration: 'move',
  milestone: 'goal',
  monitoring: 'tracking',
  partner: 'ally',
  partnership: 'collaboration',
  payment: 'fee',
  privacy: 'confidentiality',
  processor: 'cpu',
  provider: 'supplier',
  quota: 'allowance',
  region: 'area',
  release: 'launch',
  requirement: 'need',
  revenue: 'income',
  roadmap: 'plan',
  security: 'protection',
  software: 'programs',
  storage: 'disk',
  strategy: 'approach',
  subscription: 'membership',
  subsidy: 'grant',
  support: 'help',
  upgrade: 'update',
  vendor: 'seller',
};

const letters = 'abcdefghijklmnopqrstuvwxyz';

/** One edit inside the word, never its first letter: two letters swapped, one left out, replaced or added. */
function misspell(word: string, random: () => number): string {
  const at = 1 + Math.floor(random() * (word.length - 2));
  const letter = letters[Math.floor(random() * letters.length)] as string;
  switch (Math.floor(random() * 4)) {
    case 0:
      return word.slice(0, at) + word[at + 1] + word[at] + word.slice(at + 2);
    case 1:
      return word.slice(0, at) + word.slice(at + 1);
    case 2:
      return word.slice(0, at) + letter + word.slice(at + 1);
    default:
      return word.slice(0, at) + letter + word.slice(at);
  }
}

/** Misspells `count` different words of five or more letters (of three or more when none is that long). */
function misspellWords(words: string[], count: number, random: () => number): void {
  const atLeast = (length: number) => words.flatMap((word, at) => (word.length >= length ? [at] : []));
  const long = atLeast(5).length > 0 ? atLeast(5) : atLeast(3);
  for (let n = 0; n < count && long.length > 0; n++) {
    const [at] = long.splice(Math.floor(random() * long.length), 1) as [number];
    const word = words[at] as string;
    // Swapping two equal letters, or writing a letter over itself, would leave the word as it was.
    let misspelt = misspell(word, random);
    while (misspelt === word) misspelt = misspell(word, random);
    words[at] = misspelt;
  }
}

/**
 * `count` queries, each from a different generated record, a third of each kind in turn: the
 * record's question (without its number) or one of its alternates, half and half, changed as its
 * kind says. `count` may not exceed the number of generated records.
 */
export function generatedQueries(knowledge: Knowledge, count: number): GeneratedQuery[] {
  const random = seededRandom(count + 1);
  const records = knowledge.faq.filter((faq) => faq.id.startsWith('generated-'));
  if (count > records.length) throw new Error(`generatedQueries: ${count} queries need as many generated records, there are ${records.length}`);
  const used = new Set<string>();
  const queries: GeneratedQuery[] = [];
  while (queries.length < count) {
    const record = records[Math.floor(random() * records.length)] as FaqRecord;
    if (used.has(record.id)) continue;
    used.add(record.id);
    const phrasing = random() < 0.5 ? record.question.replace(/ \d+$/, '') : (record.alternates[Math.floor(random() * record.alternates.length)] ?? record.question);
    const kind = queryKinds[queries.length % queryKinds.length] as QueryKind;
    let opener = openers.find((candidate) => phrasing.startsWith(`${candidate} `)) ?? '';
    const words = phrasing.slice(opener.length).replace(/\?$/, '').split(' ').filter(Boolean);
    if (kind !== 'typo') {
      opener = chattyOpeners[Math.floor(random() * chattyOpeners.length)] as string;
      if (words.length >= 4) words.splice(Math.floor(random() * words.length), 1);
      const replaceable = words.flatMap((word, at) => (relatedWords[word] ? [at] : []));
      const replaced = replaceable[Math.floor(random() * replaceable.length)];
      if (replaced !== undefined) words[replaced] = relatedWords[words[replaced] as string] as string;
      if (words.length >= 3) {
        const at = Math.floor(random() * (words.length - 1));
        [words[at], words[at + 1]] = [words[at + 1] as string, words[at] as string];
      }
    }
    misspellWords(words, kind === 'typo' ? 1 + Math.floor(random() * 2) : kind === 'both' ? 1 : 0, random);
    queries.push({ text: `${opener} ${words.join(' ')}${kind === 'typo' ? '?' : ''}`.trim(), recordId: record.id, kind });
  }
  return queries;
}

/** What a set of generated queries is made of, to check it is what its label says. */
export interface QueryVariety {
  readonly queries: number;
  readonly byKind: Readonly<Record<QueryKind, number>>;
  readonly distinctTexts: number;
  readonly distinctRecords: number;
  /** Queries identical to a phrasing of their record (with or without its question mark): none should be. */
  readonly unchanged: number;
  /** Paraphrases (and both) with a word of the generated vocabulary replaced by a related word. */
  readonly withRelatedWord: number;
}

export function varietyOf(knowledge: Knowledge, queries: readonly GeneratedQuery[]): QueryVariety {
  const byId = new Map(knowledge.faq.map((faq) => [faq.id, faq]));
  const related = new Set(Object.values(relatedWords));
  const byKind = { typo: 0, paraphrased: 0, both: 0 };
  let unchanged = 0;
  let withRelatedWord = 0;
  for (const query of queries) {
    byKind[query.kind]++;
    const record = byId.get(query.recordId);
    const phrasings = record ? [record.question.replace(/ \d+$/, ''), ...record.alternates].map((text) => text.toLowerCase().replace(/\?$/, '')) : [];
    if (phrasings.includes(query.text.toLowerCase().replace(/\?$/, ''))) unchanged++;
    if (query.kind !== 'typo' && query.text.split(' ').some((word) => related.has(word))) withRelatedWord++;
  }
  return {
    queries: queries.length,
    byKind,
    distinctTexts: new Set(queries.map((query) => query.text.toLowerCase())).size,
    distinctRecords: new Set(queries.map((query) => query.recordId)).size,
    unchanged,
    withRelatedWord,
  };
}

/**
 * Throws unless the queries are what the bench says it asks: `count` of them, a third of each kind,
 * every one different and from a different record, none a phrasing as it stands, and at least a
 * third of the paraphrases with a related word.
 */
export function assertQueriesAsLabelled(knowledge: Knowledge, queries: readonly GeneratedQuery[], count: number): QueryVariety {
  const variety = varietyOf(knowledge, queries);
  const third = Math.floor(count / queryKinds.length);
  const problems = [
    variety.queries !== count && `${variety.queries} queries, not ${count}`,
    queryKinds.some((kind) => variety.byKind[kind] < third) && `kinds ${JSON.stringify(variety.byKind)}, not a third each`,
    variety.distinctTexts !== count && `${count - variety.distinctTexts} queries repeated`,
    variety.distinctRecords !== count && `${count - variety.distinctRecords} records asked twice`,
    variety.unchanged > 0 && `${variety.unchanged} queries are a phrasing as it stands`,
    variety.withRelatedWord < (variety.byKind.paraphrased + variety.byKind.both) / 3 && `only ${variety.withRelatedWord} paraphrases with a related word`,
  ].filter((problem): problem is string => typeof problem === 'string');
  if (problems.length > 0) throw new Error(`generated queries are not as labelled: ${problems.join('; ')}`);
  return variety;
}
