import { buildSynonymMap, normalizeText } from '../text/normalizeText.ts';
import type { Synonyms } from '../knowledge/schema.ts';
import { stemmer } from 'stemmer';
import { isFamiliarWord } from './familiarWords.ts';
import type { Token } from './keywordIndex.ts';
import { stopwords } from './stopwords.ts';

/** Turns raw text (a question, or a phrasing from the knowledge) into the words matching uses. */
export interface QueryTextPipeline {
  /** Normalised and synonym-rewritten, all words kept: for intent detection. */
  readonly canonical: (raw: string) => string;
  /** The informative words only, stemmed ("licensing" → "licens"): what gets indexed and matched. */
  readonly tokens: (raw: string) => Token[];
  /** The same from text already made canonical, so a question is normalised once. */
  readonly tokensOf: (canonical: string) => Token[];
}

export function createQueryTextPipeline(synonyms: Synonyms): QueryTextPipeline {
  const synonymMap = buildSynonymMap(synonyms);
  const canonical = (raw: string) => synonymMap.rewrite(normalizeText(raw));
  const tokensOf = (canonicalText: string): Token[] =>
    canonicalText
      .split(' ')
      .filter((word) => word && !stopwords.has(word))
      .map((word) => ({ stem: stemmer(word), familiar: isFamiliarWord(word) }));
  return { canonical, tokensOf, tokens: (raw) => tokensOf(canonical(raw)) };
}
