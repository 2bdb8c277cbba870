import { stemOf } from '../text/stem.ts';
import type { Synonyms } from '../knowledge/schema.ts';
import { toActiveVoice } from '../text/activeVoice.ts';
import { chatRegister, type DialogueAct } from '../text/chatRegister.ts';
import { isFamiliarWord } from '../text/familiarWords.ts';
import { buildSynonymMap, normalizeText } from '../text/normalizeText.ts';
import { separateQuestions, splitMessage } from '../text/questionParts.ts';
import { relatedWordsOf } from '../text/relatedWords.ts';
import { baseFormOf } from '../text/wordForms.ts';
import type { Token, WordMatch } from './keywordIndex.ts';
import { createOppositeMatcher } from './oppositeForms.ts';
import { PlainWordTable } from './plainWords.ts';
import { stopwords } from './stopwords.ts';

export interface QueryTextTuning {
  /** How much a word of the context around a question counts, relative to one in the question. */
  readonly contextWeight: number;
  /** Similarity of a word to a concept it points at (knowledge `concepts:`). */
  readonly conceptSimilarity: number;
  /** Similarity of a word to a synonym, and to a broader or narrower word, from the lexicon. */
  readonly lexiconSynonymSimilarity: number;
  readonly lexiconRelatedSimilarity: number;
  /** The useful part of a question is far shorter than a message can be: the rest is not read. */
  readonly maxWords: number;
  /** Characters of a message that are read at all (a long question with its context is ~600). */
  readonly maxReadLength: number;
}

export const defaultQueryTextTuning: QueryTextTuning = {
  contextWeight: 0.3,
  conceptSimilarity: 0.75,
  lexiconSynonymSimilarity: 0.7,
  lexiconRelatedSimilarity: 0.5,
  maxWords: 120,
  maxReadLength: 1500,
};

/** What the engine made of a message: the question, the context around it, the act it performs. */
export interface ReadQuestion {
  /** The question part, normalised and rewritten with every word kept: for intent detection. */
  readonly canonical: string;
  /** The question's words, then the context's (weighted down), as matching uses them. */
  readonly tokens: readonly Token[];
  /** Separate questions in the message ("when does it end, and is it exclusive?"), as raw text. */
  readonly questions: readonly string[];
  /** Set when the message is only chat: thanks, a greeting, laughter… */
  readonly act: DialogueAct | null;
  /** The context sentences, canonical; empty for a plain question. */
  readonly context: string;
}

/** Turns raw text (a question, or a phrasing from the knowledge) into the words matching uses. */
export interface QueryTextPipeline {
  /** Normalised and rewritten (chat register, synonyms, active voice, base forms), all words kept. */
  readonly canonical: (raw: string) => string;
  /** The informative words of knowledge text, stemmed ("licensing" → "licens"): what gets indexed. */
  readonly tokens: (raw: string) => Token[];
  /** A question's words from text already made canonical, with the concepts and lexicon words each may stand for. */
  readonly tokensOf: (canonical: string, context?: { readonly weight: number }) => Token[];
  /** A member's message: question and context apart, dialogue act, separate questions. */
  readonly read: (raw: string) => ReadQuestion;
}

export function createQueryTextPipeline(
  synonyms: Synonyms,
  concepts: Synonyms = {},
  tuning: QueryTextTuning = defaultQueryTextTuning,
): QueryTextPipeline {
  const register = chatRegister();
  const synonymMap = buildSynonymMap(synonyms);
  const conceptOf = buildConceptLookup(concepts);

  const wordsOfNormalized = (normalized: string): string[] => {
    const chat = register.dropFiller(register.rewrite(normalized.split(' ').filter(Boolean)));
    const rewritten = synonymMap.rewriteWords(chat);
    return toActiveVoice(rewritten, baseFormOf).map(canonicalForm);
  };
  const canonical = (raw: string) => wordsOfNormalized(normalizeText(raw)).join(' ');

  /**
   * A word's synonyms and broader words from the lexicon, as stems. Phrases ("set aside") and
   * stopwords are left out: their last or only word would match far too much.
   */
  const lexiconCache = new Map<string, WordMatch[]>();
  const lexiconMatches = (word: string): WordMatch[] => {
    const cached = lexiconCache.get(word);
    if (cached) return cached;
    const matches = relatedWordsOf(word)
      .filter((entry) => entry.relation !== 'narrower' && !entry.word.includes(' ') && !stopwords.has(entry.word))
      .map((entry) => ({
        word: stemOf(entry.word),
        similarity: entry.relation === 'synonym' ? tuning.lexiconSynonymSimilarity : tuning.lexiconRelatedSimilarity,
        // The lexicon knows a word's senses, not which one the question means.
        guessed: true as const,
      }))
      // A stem this short stands for too many words ("use" → "us").
      .filter((match) => match.word.length >= 3 && !stopwords.has(match.word));
    // Bounded: the lexicon has ~30,000 words, and one engine serves until the knowledge changes.
    if (lexiconCache.size < 50_000) lexiconCache.set(word, matches);
    return matches;
  };

  /** Stems of the informative words: what knowledge text is indexed as. */
  // One token per distinct word, made once: a large knowledge base repeats the same few thousand words.
  const plainTokenOf = new Map<string, Token>();
  const plainTokens = (canonicalText: string): Token[] => {
    const tokens: Token[] = [];
    for (const word of canonicalText.split(' ')) {
      if (!word || stopwords.has(word)) continue;
      let token = plainTokenOf.get(word);
      if (!token) {
        const cached = plainTokenOf.size < 200_000;
        // A cached token is the same object wherever its word occurs: it gets a serial (see `Token`).
        token = Object.freeze({ stem: stemOf(word), word, familiar: isFamiliarWord(word), ...(cached ? { serial: plainTokenOf.size } : {}) });
        if (cached) plainTokenOf.set(word, token);
      }
      tokens.push(token);
    }
    return tokens;
  };

  // "uncapped" also stands for what the knowledge says of "capped" (and the other way round).
  const oppositeMatches = createOppositeMatcher((word) =>
    canonical(word)
      .split(' ')
      .filter((part) => part && !stopwords.has(part))
      .map((part) => stemOf(part)),
  );

  /** A question's tokens, each with what it may stand for when the knowledge lacks the word itself. */
  const tokensOf = (canonicalText: string, context?: { readonly weight: number }): Token[] => {
    const words = canonicalText.split(' ').filter(Boolean).slice(0, tuning.maxWords);
    const concepts = conceptOf(words);
    const tokens: Token[] = [];
    words.forEach((word, i) => {
      if (stopwords.has(word)) return;
      const conceptStems = concepts[i] ?? [];
      const lexicon = [...oppositeMatches(word), ...lexiconMatches(word)];
      const related: readonly WordMatch[] =
        conceptStems.length === 0 ? lexicon : [...conceptStems.map((concept) => ({ word: concept, similarity: tuning.conceptSimilarity })), ...lexicon];
      tokens.push({ stem: stemOf(word), word, familiar: isFamiliarWord(word), related, ...(context ? { contextWeight: context.weight } : {}) });
    });
    return tokens;
  };

  /**
   * Knowledge text is indexed through `canonical` too, but most of its words come out as they went
   * in but for their base form, whatever surrounds them: what each distinct word becomes is worked
   * out once, and plain text is read word by word from a table of them (`PlainWordTable`). Synonym
   * phrases are rewritten where one may start; a text with a chat abbreviation or a passive's "by"
   * takes the whole way.
   */
  const makePlan = (word: string): WordPlan => {
    const role: WordRole =
      register.mayRewrite(word) || word === 'by'
        ? 'needsWholeText'
        : register.dropFiller([word]).length === 0
          ? 'filler'
          : synonymMap.mayRewrite(word)
            ? 'mayStartSynonym'
            : 'plain';
    // A copy of exactly its tokens, as it is kept for every distinct word: an array grown by pushing has room for sixteen.
    return { word, role, tokens: plainTokens(canonicalForm(word)).slice() };
  };
  // The table keeps the plans of plain text's words; this map, those of other text and of synonyms.
  const planOfWord = new Map<string, WordPlan>();
  const planOf = (word: string): WordPlan => {
    let plan = planOfWord.get(word);
    if (plan === undefined) {
      plan = makePlan(word);
      if (planOfWord.size < 200_000) planOfWord.set(word, plan);
    }
    return plan;
  };
  const plainWords = new PlainWordTable(makePlan);
  const wholeWay = (raw: string) => plainTokens(canonical(raw));
  const knowledgeTokens = (raw: string): Token[] => {
    const plans: WordPlan[] = [];
    if (!plainWords.wordsOf(raw, plans)) {
      plans.length = 0;
      for (const word of normalizeText(raw).split(' ')) if (word) plans.push(planOf(word));
    }
    let synonymsPossible = false;
    for (const { role } of plans) {
      if (role === 'needsWholeText') return wholeWay(raw);
      if (role === 'mayStartSynonym') synonymsPossible = true;
    }
    const tokens: Token[] = [];
    if (!synonymsPossible) {
      for (const { role, tokens: own } of plans) if (role !== 'filler') for (const token of own) tokens.push(token);
      return tokens;
    }
    // Synonyms are rewritten as `wordsOfNormalized` does, but only where a phrase may start.
    const kept = plans.filter(({ role }) => role !== 'filler');
    const words = kept.map(({ word }) => word);
    for (let at = 0; at < kept.length; ) {
      const plan = kept[at] as WordPlan;
      const rewrite = plan.role === 'mayStartSynonym' ? synonymMap.rewriteAt(words, at) : null;
      if (!rewrite) {
        for (const token of plan.tokens) tokens.push(token);
        at += 1;
        continue;
      }
      if (rewrite.canonical.includes('by')) return wholeWay(raw);
      for (const word of rewrite.canonical) for (const token of planOf(word).tokens) tokens.push(token);
      at += rewrite.length;
    }
    return tokens;
  };

  return {
    canonical,
    tokensOf,
    tokens: knowledgeTokens,
    read(raw) {
      const message = raw.slice(0, tuning.maxReadLength);
      const act = register.dialogueActOf(register.rewrite(normalizeText(message).split(' ').filter(Boolean)));
      const parts = splitMessage(message);
      const question = parts.questions.map(canonical).join(' ');
      const context = parts.context.map(canonical).join(' ');
      return {
        canonical: question,
        tokens: [...tokensOf(question), ...tokensOf(context, { weight: tuning.contextWeight })],
        questions: separateQuestions(parts),
        act,
        context,
      };
    },
  };
}

/** A word's canonical form on its own: function words keep theirs ("is" and "did" say what kind of question it is). */
function canonicalForm(word: string): string {
  return stopwords.has(word) ? word : baseFormOf(word);
}

/** What a word of knowledge text needs besides its own canonical form (see `knowledgeTokens`). */
type WordRole = 'plain' | 'filler' | 'mayStartSynonym' | 'needsWholeText';

interface WordPlan {
  /** The word, normalised. */
  readonly word: string;
  readonly role: WordRole;
  /** The word's tokens when nothing around it rewrites it. */
  readonly tokens: readonly Token[];
}

/**
 * For each word of a question, the stems of the concepts it points at (`concepts:` in
 * synonyms.yaml: "nvidia" → silicon); a phrase ("power plant") is credited to its first word.
 */
function buildConceptLookup(concepts: Synonyms): (words: readonly string[]) => string[][] {
  const byFirstWord = new Map<string, { words: string[]; stems: string[] }[]>();
  for (const [concept, variants] of Object.entries(concepts)) {
    const stems = normalizeText(concept).split(' ').filter((word) => word && !stopwords.has(word)).map((word) => stemOf(word));
    for (const variant of variants) {
      const words = normalizeText(variant).split(' ').filter(Boolean);
      const first = words[0];
      if (!first) continue;
      byFirstWord.set(first, [...(byFirstWord.get(first) ?? []), { words, stems }]);
    }
  }
  const none: string[] = [];
  return (words) =>
    words.map((word, i) => {
      const entries = byFirstWord.get(word);
      return entries ? entries.filter((entry) => entry.words.every((w, k) => words[i + k] === w)).flatMap((entry) => entry.stems) : none;
    });
}
