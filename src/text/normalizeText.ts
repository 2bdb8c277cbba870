/** Questions longer than this are cut before matching, so every question is answered in bounded time. */
export const maxQuestionLength = 4000;

const discordMarkup = /<(?:@[!&]?|#)\d+>|<a?:\w+:\d+>|<\/[\w -]+:\d+>|<t:\d+(?::\w)?>/g;
const urls = /\b(?:https?:\/\/|www\.)\S+/gi;
const atNames = /(^|\s)@\S+/g;
const emoji = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\u{FE0F}\u{200D}]/gu;
const possessive = /(\p{L})['’]s\b/gu;
// Contractions keep their meaning: "what's X" asks for a definition, "can't" negates.
const contractions: readonly [RegExp, string][] = [
  [/\b(what|that|it|who|where|there|here|how)['’]s\b/g, '$1 is'],
  [/\bcan['’]?t\b/g, 'cannot'],
  [/\bwon['’]t\b/g, 'will not'],
  [/\b(\p{L}+)n['’]t\b/gu, '$1 not'],
  // "why'd", "they'll", "we've": the verb part carries nothing to match on.
  [/\b(\p{L}+)['’](d|ll|ve|re|m)\b/gu, '$1'],
];
// "msft -> openai" names a direction, as the table's "Microsoft → OpenAI" does: read it as "to".
const arrows = /\s*(?:-+>|=+>|→|⟶|➡️?)\s*/gu;
const apostrophes = /['’`]/g;
// "20%" and "20 percent" are one thing to match, and "what %" asks for a percentage.
const percentSign = /\s*[%％]/g;
const nonWordRuns = /[^\p{L}\p{N}]+/gu;
// What the passes look for, to skip them when absent.
const markupOrSymbol = /[<>@%％→⟶➡]|http|www\./i;
const asciiOnly = /^[\x00-\x7F]*$/;
const apostrophe = /['’`]/;
const cantWithoutApostrophe = /\bcant\b/g;

/**
 * Lowercases and strips what carries no meaning for matching: Discord mentions and markup,
 * @names, links, emoji, punctuation, accents, possessive 's and extra whitespace.
 * Hyphenated words split in two ("non-exclusive" → "non exclusive"), the same way everywhere.
 */
export function normalizeText(raw: string): string {
  // Most text is plain: the passes below are skipped when the characters they act on are absent,
  // which makes indexing a large knowledge base several times faster (same result either way).
  let plain = raw.slice(0, maxQuestionLength);
  if (markupOrSymbol.test(plain)) {
    plain = plain
      .replace(arrows, ' to ')
      .replace(percentSign, ' percent ')
      .replace(discordMarkup, ' ')
      .replace(urls, ' ')
      .replace(atNames, '$1 ');
  }
  if (!asciiOnly.test(plain)) plain = plain.replace(emoji, ' ').normalize('NFKD').replace(/\p{M}/gu, '');
  plain = plain.toLowerCase();
  const text = apostrophe.test(plain)
    ? contractions
        .reduce((text, [pattern, replacement]) => text.replace(pattern, replacement), plain)
        .replace(possessive, '$1')
        .replace(apostrophes, '')
    : plain.replace(cantWithoutApostrophe, 'cannot');
  return text.replace(nonWordRuns, ' ').trim();
}

/** Word sequences rewritten to their canonical form, longest match first. */
export interface SynonymMap {
  readonly rewrite: (normalized: string) => string;
  /** The same on words already split: no joining and splitting again for every stage of a pipeline. */
  readonly rewriteWords: (words: readonly string[]) => string[];
  /** The rewrite that `rewriteWords` makes at `words[at]` (a non-empty word), if any. */
  readonly rewriteAt: (words: readonly string[], at: number) => SynonymRewrite | null;
  /** False when no rewrite can start at `word`: words none of which may be rewritten come out unchanged. */
  readonly mayRewrite: (word: string) => boolean;
}

export interface SynonymRewrite {
  readonly canonical: readonly string[];
  /** How many words it replaces. */
  readonly length: number;
}

export function buildSynonymMap(synonyms: Readonly<Record<string, readonly string[]>>): SynonymMap {
  const byFirstWord = new Map<string, { words: string[]; canonical: string[] }[]>();
  for (const [canonical, variants] of Object.entries(synonyms)) {
    const target = normalizeText(canonical).split(' ').filter(Boolean);
    for (const variant of variants) {
      const words = normalizeText(variant).split(' ').filter(Boolean);
      const first = words[0];
      if (!first) continue;
      const list = byFirstWord.get(first) ?? [];
      list.push({ words, canonical: target });
      byFirstWord.set(first, list);
    }
  }
  for (const list of byFirstWord.values()) list.sort((a, b) => b.words.length - a.words.length);

  const rewriteAt = (words: readonly string[], at: number): SynonymRewrite | null => {
    const word = words[at] as string;
    const candidates = byFirstWord.get(word);
    const hit = candidates?.find((c) => c.words.every((w, k) => words[at + k] === w));
    if (hit) return { canonical: hit.canonical, length: hit.words.length };
    // "msfts", "gpus": a plural or an apostrophe-less possessive of a one-word variant.
    const singular = word.length > 3 && word.endsWith('s') ? byFirstWord.get(word.slice(0, -1))?.find((c) => c.words.length === 1) : undefined;
    return singular ? { canonical: singular.canonical, length: 1 } : null;
  };
  const rewriteWords = (words: readonly string[]): string[] => {
    const out: string[] = [];
    for (let i = 0; i < words.length; ) {
      const word = words[i] as string;
      if (!word) {
        i += 1;
        continue;
      }
      const rewrite = rewriteAt(words, i);
      if (rewrite) {
        out.push(...rewrite.canonical);
        i += rewrite.length;
      } else {
        out.push(word);
        i += 1;
      }
    }
    return out;
  };
  return {
    rewriteWords,
    rewriteAt,
    mayRewrite: (word) => byFirstWord.has(word) || (word.length > 3 && word.endsWith('s') && byFirstWord.has(word.slice(0, -1))),
    rewrite: (normalized) => rewriteWords(normalized.split(' ')).join(' '),
  };
}
