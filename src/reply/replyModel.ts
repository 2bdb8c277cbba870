import type { Source } from '../knowledge/schema.ts';
import type { DialogueAct } from '../text/chatRegister.ts';

export type { DialogueAct };

export type ReplyStatus = Reply['status'];
export type RecordKind = 'faq' | 'term' | 'table';

/**
 * How sure the engine is that a reply's record is what was asked. The same number means something
 * else under each decision policy, so it says which scale it is on, and front ends read it only
 * through the bands of `confidenceBands.ts` ("match: strong", sure enough to answer unasked), never
 * as a bare number.
 */
export interface Confidence {
  readonly scale: ConfidenceScale;
  /** 0..1 on `scale`. */
  readonly value: number;
}

/**
 * - score: the lexical policy's, the best record's score: monotonic with correctness, not a probability;
 * - probability: the fused policy's, the fitted model's calibrated probability that the record is right.
 */
export type ConfidenceScale = 'score' | 'probability';

/** A record the bot can point to: a "did you mean" choice or a related question. */
export interface RecordRef {
  readonly kind: RecordKind;
  readonly id: string;
  readonly title: string;
}

export interface TableView {
  readonly title: string;
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
  /** True when only the rows the question asked about are shown. */
  readonly partial: boolean;
  /** How many rows the whole table has. */
  readonly totalRows: number;
}

/**
 * What a question asked for that the closest records do not state ("what exact percentage…?" when
 * the sources give none), or names it uses that no record mentions: said instead of a plain "did you mean…".
 */
export interface Unstated {
  /** The requirement rule that found it ("percentage", "judgment", "role"…), or "names". */
  readonly kind: string;
  /** The words asked with ("cheaper") or the names as the member wrote them ("Anthropic"); empty when the message names none. */
  readonly words: readonly string[];
  /** What every front end says: "The sources don't give that percentage." */
  readonly message: string;
}

/**
 * What the bot says, independent of where it is said. Every front end (terminal, JSON, Discord
 * embeds) renders this and nothing else, so they all give the same answer. One shape per outcome,
 * told apart by `status`.
 */
export type Reply = AnsweredReply | SuggestionsReply | NoMatchReply | ChatReply;

/** A record answers the question. */
export interface AnsweredReply {
  readonly status: 'answered';
  readonly question: string;
  readonly kind: RecordKind;
  readonly id: string;
  /** The matched question, term or table title. */
  readonly title: string;
  /** Discord markdown: the answer or definition; empty for tables. */
  readonly body: string;
  /** Verbatim sentence from the source that supports the answer. */
  readonly quote: string | null;
  /** What `sources` support: the body and the quote, never the editors' note. */
  readonly sources: readonly Source[];
  /** Discord markdown: the editors' own explanation, which no source states; shown apart from the sources, without a citation. */
  readonly editorsNote: string | null;
  readonly table: TableView | null;
  /** Records worth reading next (FAQ answers only). */
  readonly related: readonly RecordRef[];
  /** How sure the engine is that the record is what was asked. */
  readonly confidence: Confidence;
  /** Answers given with it: the message's other questions, or a closely related record ("which direction?"). */
  readonly also: readonly AnsweredReply[];
}

/** "Did you mean…": several records are close, none clearly the answer. */
export interface SuggestionsReply {
  readonly status: 'suggestions';
  readonly question: string;
  /** Best first. */
  readonly suggestions: readonly RecordRef[];
  /** What the question asked for that the closest records do not state, if that is why none answers. */
  readonly unstated: Unstated | null;
  readonly confidence: Confidence;
}

/** Nothing in the knowledge is close. */
export interface NoMatchReply {
  readonly status: 'no_match';
  readonly question: string;
  /** Discord markdown: why there is no answer and what the bot knows about instead. */
  readonly body: string;
  /** What the question asked for that no record states, when the engine can tell. */
  readonly unstated: Unstated | null;
  readonly confidence: Confidence;
}

/** The message was only chat (thanks, a greeting…): no record fits, a friendly line may. */
export interface ChatReply {
  readonly status: 'chat';
  readonly question: string;
  readonly act: DialogueAct;
}
