import type { Reply } from '../reply/replyModel.ts';
import { renderPlainText } from './renderPlainText.ts';

/** The machine-readable reply printed by `ask --json`; its shape is a public contract. */
export interface JsonReply {
  readonly question: string;
  readonly status: Reply['status'];
  readonly kind: Reply['kind'];
  readonly id: string | null;
  readonly confidence: number;
  readonly text: string;
  /** What `sources` support: the text, except the editors' note. */
  readonly sources: readonly { readonly id: string; readonly title: string; readonly url?: string }[];
  /** The editors' own explanation, which no source states (also in `text`, labelled), or null. */
  readonly editorsNote: string | null;
  readonly suggestions: readonly { readonly kind: string; readonly id: string; readonly title: string }[];
  /** What a chat-only message did ("thanks", "greeting"…), or null. */
  readonly act: Reply['act'];
  /** The records that answer the message's other questions, when it asked several. */
  readonly also: readonly { readonly kind: string | null; readonly id: string | null }[];
  /** When there is no answer: what the question asked for that the sources do not state, if the engine can tell. */
  readonly unstated: Reply['unstated'];
}

export function toJsonReply(reply: Reply): JsonReply {
  return {
    question: reply.question,
    status: reply.status,
    kind: reply.kind,
    id: reply.id,
    confidence: reply.confidence,
    text: renderPlainText(reply),
    sources: reply.sources.map((source) => ({ id: source.id, title: source.title, ...(source.url ? { url: source.url } : {}) })),
    editorsNote: reply.editorsNote,
    suggestions: reply.suggestions.map(({ kind, id, title }) => ({ kind, id, title })),
    act: reply.act,
    also: reply.also.map(({ kind, id }) => ({ kind, id })),
    unstated: reply.unstated,
  };
}
