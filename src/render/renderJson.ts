import type { ConfidenceScale, DialogueAct, Reply, Unstated } from '../reply/replyModel.ts';
import { renderPlainText } from './renderPlainText.ts';

/**
 * The machine-readable reply printed by `ask --json`; its shape is a public contract, the same for
 * every outcome (fields an outcome lacks are null or empty). A chat-only message is reported as it
 * always was: `no_match` with its `act`.
 */
export interface JsonReply {
  readonly question: string;
  readonly status: 'answered' | 'suggestions' | 'no_match';
  readonly kind: 'faq' | 'term' | 'table' | null;
  readonly id: string | null;
  readonly confidence: number;
  /** What `confidence` is: the lexical ranker's score, or (MEANING=on) the fitted model's probability that the answer is right. */
  readonly confidenceScale: ConfidenceScale;
  readonly text: string;
  /** What `sources` support: the text, except the editors' note. */
  readonly sources: readonly { readonly id: string; readonly title: string; readonly url?: string }[];
  /** The editors' own explanation, which no source states (also in `text`, labelled), or null. */
  readonly editorsNote: string | null;
  readonly suggestions: readonly { readonly kind: string; readonly id: string; readonly title: string }[];
  /** What a chat-only message did ("thanks", "greeting"…), or null. */
  readonly act: DialogueAct | null;
  /** The records that answer the message's other questions, when it asked several. */
  readonly also: readonly { readonly kind: string | null; readonly id: string | null }[];
  /** When there is no answer: what the question asked for that the sources do not state, if the engine can tell. */
  readonly unstated: Unstated | null;
}

export function toJsonReply(reply: Reply): JsonReply {
  const answer = reply.status === 'answered' ? reply : null;
  return {
    question: reply.question,
    status: reply.status === 'chat' ? 'no_match' : reply.status,
    kind: answer?.kind ?? null,
    id: answer?.id ?? null,
    confidence: reply.status === 'chat' ? 0 : reply.confidence.value,
    confidenceScale: reply.status === 'chat' ? 'score' : reply.confidence.scale,
    text: renderPlainText(reply),
    sources: (answer?.sources ?? []).map((source) => ({ id: source.id, title: source.title, ...(source.url ? { url: source.url } : {}) })),
    editorsNote: answer?.editorsNote ?? null,
    suggestions: reply.status === 'suggestions' ? reply.suggestions.map(({ kind, id, title }) => ({ kind, id, title })) : [],
    act: reply.status === 'chat' ? reply.act : null,
    also: (answer?.also ?? []).map(({ kind, id }) => ({ kind, id })),
    unstated: reply.status === 'suggestions' || reply.status === 'no_match' ? reply.unstated : null,
  };
}
