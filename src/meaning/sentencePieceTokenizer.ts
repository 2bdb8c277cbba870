/**
 * The Universal Sentence Encoder lite reads token ids from a SentencePiece unigram vocabulary:
 * pieces with log-probabilities. A text is split into the pieces whose scores add up to the most
 * (Viterbi), words marked by a leading "▁" as SentencePiece writes a space.
 */

/** One vocabulary entry as the model package ships it: `[piece, log-probability]`. */
export type VocabularyEntry = readonly [piece: string, score: number];

/** Id 0: a symbol no piece covers. Consecutive unknown symbols are read as one. */
export const unknownId = 0;

/** The first ids are control symbols (unknown, <s>, </s>, spares): never read from a text. */
export const reservedIds = 6;

const wordMark = '\u2581';
const lastResortScore = -1e6;

export interface SentencePieceTokenizer {
  /** The ids of `text`'s pieces, in order; empty for an empty text. */
  encode(text: string): number[];
}

export function createSentencePieceTokenizer(vocabulary: readonly VocabularyEntry[]): SentencePieceTokenizer {
  const pieces = new Map<string, { readonly id: number; readonly score: number }>();
  let longestPiece = 1;
  for (let id = reservedIds; id < vocabulary.length; id++) {
    const [piece, score] = vocabulary[id]!;
    pieces.set(piece, { id, score });
    longestPiece = Math.max(longestPiece, [...piece].length);
  }

  return {
    encode(text) {
      const normalized = text.normalize('NFKC');
      if (!normalized) return [];
      // Split into code points, not UTF-16 units: an emoji is one symbol.
      const symbols = [...(wordMark + normalized.replaceAll(' ', wordMark))];
      const n = symbols.length;
      // best[end]: the highest total score of pieces covering symbols[0..end); lastId/lastLength:
      // the last piece of that split.
      const best = new Float64Array(n + 1).fill(-Infinity);
      const lastId = new Int32Array(n + 1);
      const lastLength = new Int32Array(n + 1);
      best[0] = 0;
      for (let start = 0; start < n; start++) {
        const before = best[start]!;
        if (before === -Infinity) continue;
        let piece = '';
        let found = false;
        for (let length = 1; length <= longestPiece && start + length <= n; length++) {
          piece += symbols[start + length - 1];
          const entry = pieces.get(piece);
          if (!entry) continue;
          found = true;
          const score = before + entry.score;
          // Ties go to the split whose last piece starts later.
          if (score >= best[start + length]!) {
            best[start + length] = score;
            lastId[start + length] = entry.id;
            lastLength[start + length] = length;
          }
        }
        // A symbol no piece starts with is unknown, and costs nothing, as in the encoder's own
        // tokenizer. One that only longer pieces start with is unknown too, at a cost that keeps
        // it the last resort: every text has a split.
        const unknownScore = !found ? before : pieces.has(symbols[start]!) ? -Infinity : before + lastResortScore;
        if (unknownScore > -Infinity && unknownScore >= best[start + 1]!) {
          best[start + 1] = unknownScore;
          lastId[start + 1] = unknownId;
          lastLength[start + 1] = 1;
        }
      }
      const ids: number[] = [];
      for (let end = n; end > 0; end -= lastLength[end]!) {
        const id = lastId[end]!;
        if (!(id === unknownId && ids.at(-1) === unknownId)) ids.push(id);
      }
      return ids.reverse();
    },
  };
}
