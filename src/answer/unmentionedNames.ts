import type { Unstated } from '../reply/replyModel.ts';
import { unmentionedMessage } from '../reply/replyMessages.ts';
import { relatedWordsOf } from '../text/relatedWords.ts';
import type { EngineTuning } from './engineTuning.ts';
import type { LexicalRanker } from './lexicalCandidates.ts';
import type { Reading } from './readQuestion.ts';

// A name is letters (and digits after them); one ending in a doubled letter is more likely a drawn-out
// chat word ("lmaoo", "yesss") than a name.
const isName = (word: string) => /^[a-z][a-z0-9]*$/.test(word) && !/([a-z])\1$/.test(word);

// A word of the English lexicon ("startup", "podcast") is an ordinary word, however rare: no name.
const isEnglishWord = (word: string) => relatedWordsOf(word).length > 0;
// Written with a capital inside a sentence: how a member marks a name in a long message.
const writtenAsName = (written: string, raw: string) => /^\p{Lu}/u.test(written) && !new RegExp(`(^|[.!?]\\s+)${written}`, 'u').test(raw);

/**
 * The names of the question no record mentions ("Anthropic"), as the member wrote them, or null
 * when there are none. Names are words of the question itself (not its context) that no record has in
 * any form or spelling and that are no English word. In a long message, whose rare lower-case words
 * are as often its story's jargon as names, only words written capitalised inside a sentence count.
 */
export function unmentionedNames(
  lexical: LexicalRanker,
  reading: Reading,
  tuning: Pick<EngineTuning, 'minUnmentionedNameLength' | 'maxPlainNameQuestionWords' | 'index'>,
): Unstated | null {
  // At most as many as a question gets spell-checked: a long message of gibberish costs no more.
  const inQuestion = reading.tokens
    .filter((token) => token.contextWeight === undefined && !token.familiar && (token.word?.length ?? 0) >= tuning.minUnmentionedNameLength)
    .slice(0, tuning.index.maxCorrectedWords);
  const long = reading.canonical.split(' ').length > tuning.maxPlainNameQuestionWords;
  const names = lexical
    .unknownWords(inQuestion)
    .flatMap((token) => (token.word && isName(token.word) && !isEnglishWord(token.word) ? [asWritten(reading.raw, token.word)] : []))
    .filter((written) => !long || writtenAsName(written, reading.raw))
    .slice(0, 3);
  return names.length === 0 ? null : { kind: 'names', words: names, message: unmentionedMessage(names) };
}

/** What a reply says of words of the question no record mentions (normalised), named as the member wrote them. */
export function unmentionedWords(raw: string, words: readonly string[]): Unstated {
  const written = words.slice(0, 3).map((word) => asWritten(raw, word));
  return { kind: 'names', words: written, message: unmentionedMessage(written) };
}

/** `word` (normalised) as the member wrote it in `raw`: "Anthropic", not "anthropic". */
function asWritten(raw: string, word: string): string {
  return raw.match(new RegExp(`(?<![\\p{L}\\p{N}])${word}(?![\\p{L}\\p{N}])`, 'iu'))?.[0] ?? word;
}
