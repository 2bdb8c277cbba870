import type { Source } from '../knowledge/schema.ts';
import type { DialogueAct } from '../text/chatRegister.ts';

export type { DialogueAct };

export type ReplyStatus = 'answered' | 'suggestions' | 'no_match';
export type RecordKind = 'faq' | 'term' | 'table';

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
 * What the bot says, independent of where it is said. Every front end (terminal, JSON,
 * Discord embeds) renders this and nothing else, so they all give the same answer.
 */
export interface Reply {
  readonly question: string;
  readonly status: ReplyStatus;
  readonly kind: RecordKind | null;
  readonly id: string | null;
  /** The matched question, term or table title; empty when nothing matched. */
  readonly title: string;
  /** Discord markdown: the answer or definition; for `no_match`, what the bot knows about instead; empty for tables, suggestions and chat. */
  readonly body: string;
  /** Verbatim sentence from the source that supports the answer. */
  readonly quote: string | null;
  /** What `sources` support: the body and the quote, never the editors' note. */
  readonly sources: readonly Source[];
  /** Discord markdown: the editors' own explanation, which no source states; shown apart from the sources, without a citation. */
  readonly editorsNote: string | null;
  readonly table: TableView | null;
  /** "Did you mean…" candidates, best first (only when status is `suggestions`). */
  readonly suggestions: readonly RecordRef[];
  /** With suggestions: what the question asked for that the closest record does not state, if that is why it is no answer. */
  readonly unstated: Unstated | null;
  /** Records worth reading next (answered FAQ replies only). */
  readonly related: readonly RecordRef[];
  /** 0..1: how sure the engine is that the best record is what was asked. */
  readonly confidence: number;
  /** Set when the message was only chat (thanks, a greeting…): no record fits, a friendly line may. */
  readonly act: DialogueAct | null;
  /** Answers to the other questions of the same message ("when does it end, and is it exclusive?"). */
  readonly also: readonly Reply[];
}
