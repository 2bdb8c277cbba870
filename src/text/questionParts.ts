/** A message cut into what it asks and what it tells about the asker. */
export interface MessageParts {
  /** The sentences that ask something, in order; the whole message when none reads as a question. */
  readonly questions: readonly string[];
  /** Everything else: who the asker is, why they ask. Matched, but it counts for little. */
  readonly context: readonly string[];
}

const questionWords =
  'who|whom|whose|what|whats|when|wen|where|why|how|which|can|could|does|do|did|is|are|was|were|will|would|should|shall|has|have|had|may|might|am|any|anyone|r|y|isnt|doesnt|dont|didnt|cant|wont|arent';
const questionStart = new RegExp(`^(?:(?:and|but|so|also|or|ok|okay|then|like|just|now|hey|well|plus)\\s+)*(?:${questionWords})\\b`, 'i');
// The asker's own embedded question: "I'd like to know whether…", "wondering if…", "curious how…"
// (not someone else's: "our CTO keeps asking whether…" is context).
const embeddedQuestion =
  /^(?:(?:so|and|but|ok|okay|hey|hi|also)\s+)*(?:i\s*(?:am|'m|m|was|'d|would|really)?\s*(?:just\s+)?(?:wondering|curious|like to know|want to know|need to know|trying to (?:understand|figure out))|(?:please\s+)?(?:tell me|explain)|can (?:someone|anyone|you) (?:tell|explain))\b.*\b(?:whether|if|what|when|how|why|who|which|where)\b/i;

// Chat also ends a sentence with emoji: "doing a talk on this tomorrow 📊 what precedent…".
const sentenceEnd = /(?<=[.!?…])\s+|\n+|(?<=\S):\s+|\s*\p{Extended_Pictographic}[\p{Extended_Pictographic}\p{Emoji_Modifier}\u{FE0F}\u{200D}\s]*/u;
const mentions = /<@[!&]?\d+>|<#\d+>/g;

/** True when a sentence asks something: a question mark, a question word first, or "wondering whether…". */
export function isQuestionSentence(sentence: string): boolean {
  const trimmed = sentence.replace(mentions, ' ').replace(/’/g, "'").trim();
  return trimmed.endsWith('?') || questionStart.test(trimmed) || embeddedQuestion.test(trimmed);
}

/** Splits a message into sentences and tells the asking ones from the context around them. */
export function splitMessage(raw: string): MessageParts {
  const sentences = raw
    .split(sentenceEnd)
    .map((sentence) => sentence.trim())
    .filter((sentence) => /[\p{L}\p{N}]/u.test(sentence));
  const questions = sentences.filter(isQuestionSentence);
  if (questions.length === 0 || questions.length === sentences.length) return { questions: sentences, context: [] };
  return { questions, context: sentences.filter((sentence) => !questions.includes(sentence)) };
}

// "…and is it still exclusive?", "…, or does it depend on…": a second question joined to the first.
const secondQuestion = new RegExp(`[,;]?\\s+(?:and|but|or|also|plus)\\s+(?=(?:${questionWords}|until|till)\\b)`, 'i');

/**
 * The separate questions a message asks: each question sentence, and a sentence that joins two
 * questions with "and"/"or". A part needs a few words of its own to count as a question.
 */
export function separateQuestions(parts: MessageParts): string[] {
  const pieces = parts.questions.flatMap((sentence) => sentence.split(secondQuestion));
  return pieces.map((piece) => piece.trim()).filter((piece) => piece.split(/\s+/).length >= 3);
}
