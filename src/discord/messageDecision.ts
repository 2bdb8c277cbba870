/** How a message reached the bot: spoken to directly (mention, reply to the bot, DM), or overheard in an answer channel. */
export type Addressed = 'direct' | 'passive';

/** What the bot knows about a channel message before any engine work, as plain data. */
export interface MessageFacts {
  /** From a bot, a webhook, the system or the bot itself: never answered. */
  readonly fromMachine: boolean;
  readonly addressed: Addressed | null;
  /** It replies to one of the bot's answers. */
  readonly repliesToBot: boolean;
  /** It reads as a question (checked only for overheard messages). */
  readonly looksLikeQuestion: boolean;
  /** Only thanks, a greeting and the like. */
  readonly onlyChat: boolean;
  /** The member is inside their question window. */
  readonly cooling: boolean;
}

/**
 * What to do with a channel message: nothing, or ask the engine. Every cheap rejection comes before the engine:
 * a member inside their window costs no engine work, however long or many their messages.
 */
export type MessageDecision =
  | { readonly kind: 'ignore' }
  /** Spoken to: the question window decides next (one notice per window); `followUp` draws on the follow-up allowance. */
  | { readonly kind: 'ask'; readonly addressed: 'direct'; readonly followUp: boolean }
  /** Overheard: answered only when the engine is sure, never with a cooldown notice. */
  | { readonly kind: 'ask'; readonly addressed: 'passive'; readonly followUp: false };

export function classifyMessage(facts: MessageFacts): MessageDecision {
  if (facts.fromMachine || facts.addressed === null) return { kind: 'ignore' };
  if (facts.addressed === 'passive') {
    // The window starts only when the bot answers, so questions overheard and left unanswered do not hold back the member's next one.
    if (!facts.looksLikeQuestion || facts.cooling) return { kind: 'ignore' };
    return { kind: 'ask', addressed: 'passive', followUp: false };
  }
  // "thanks!" and the like inside the window get nothing, and leave the one notice for a question.
  if (facts.onlyChat && facts.cooling) return { kind: 'ignore' };
  // A question replying to the bot continues a conversation: inside the window it draws on the follow-up allowance.
  return { kind: 'ask', addressed: 'direct', followUp: facts.repliesToBot && !facts.onlyChat };
}
