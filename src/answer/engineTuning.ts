import { defaultKeywordIndexTuning, type KeywordIndexTuning } from '../search/keywordIndex.ts';

/** The thresholds the lexical decision policy answers, pairs and suggests by (see `lexicalPolicy`). */
export interface LexicalPolicyTuning {
  /** A best match scoring at least this is good enough to answer… */
  readonly answerThreshold: number;
  /** …when it is also this far ahead of the best other record. */
  readonly answerMargin: number;
  /**
   * A weaker best match is still answered when it stands alone: this far ahead of the runner-up,
   * scoring at least `leadThreshold`, and sharing at least two words with the question (one shared
   * word is how off-topic questions reach a record).
   */
  readonly leadThreshold: number;
  readonly leadMargin: number;
  /** Below this nothing is even suggested. */
  readonly suggestThreshold: number;
  /** Suggestions stay within this distance of the best match. */
  readonly suggestionWindow: number;
  readonly maxSuggestions: number;
  /**
   * Two FAQ records that name each other as related, both scoring at least this and too close to
   * tell apart ("is the revenue share still a thing?": which direction?), are answered together.
   */
  readonly pairThreshold: number;
}

export interface EngineTuning extends LexicalPolicyTuning {
  /** Added to glossary terms when the wording asks for a definition ("what is X"). */
  readonly definitionBonus: number;
  /** Taken from glossary terms when the wording does not ask for a definition: an FAQ answer fits better. */
  readonly termPenalty: number;
  /** Added to the table when the wording asks for a comparison ("old vs new"). */
  readonly comparisonBonus: number;
  /** A table row is picked out when it scores at least this. */
  readonly rowThreshold: number;
  /** How much the previous answer's words count when a follow-up is read in its context. */
  readonly followUpContextWeight: number;
  /** A follow-up with a word the knowledge lacks, at least this much a topic word (0..1), is not read in the previous answer's context. */
  readonly followUpNewWordWeight: number;
  /** Shorter unknown words are as often chat slang as names: a reply names none of them as unmentioned. */
  readonly minUnmentionedNameLength: number;
  /** A question of more words is a long message: a reply names only the unknown words written capitalised in it. */
  readonly maxPlainNameQuestionWords: number;
  /** A follow-up of at most this many words with a pronoun ("it", "that") is always read in the previous answer's context. */
  readonly followUpPointingWords: number;
  /** How much the other questions of a two-question message count when one of them is read. */
  readonly otherQuestionsWeight: number;
  /** How many of the encoder's closest records join the lexical candidates in the fused list. */
  readonly meaningCandidates: number;
  readonly index: KeywordIndexTuning;
}

export const defaultEngineTuning: EngineTuning = {
  answerThreshold: 0.5,
  answerMargin: 0.04,
  leadThreshold: 0.38,
  leadMargin: 0.15,
  suggestThreshold: 0.3,
  suggestionWindow: 0.2,
  maxSuggestions: 3,
  pairThreshold: 0.5,
  definitionBonus: 0.15,
  termPenalty: 0.1,
  comparisonBonus: 0.3,
  rowThreshold: 0.6,
  followUpContextWeight: 0.5,
  followUpNewWordWeight: 0.5,
  minUnmentionedNameLength: 5,
  maxPlainNameQuestionWords: 15,
  followUpPointingWords: 8,
  otherQuestionsWeight: 0.2,
  meaningCandidates: 5,
  index: defaultKeywordIndexTuning,
};
