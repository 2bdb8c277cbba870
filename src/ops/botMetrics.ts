/**
 * What the Discord layer reports about the questions it reads: the only metrics calls outside src/ops/. A plain
 * interface, so handlers never touch prom-client and tests can pass a recorder of their own.
 */
export interface BotMetrics {
  /**
   * A question the bot read and decided on. `secondsToReply` is from receiving it to the reply being sent; omitted
   * when nothing was sent (a question overheard in an answer channel and held back).
   */
  question(source: QuestionSource, outcome: QuestionOutcome, secondsToReply?: number): void;
  /** An interaction whose handler failed unexpectedly (the member got the apology). */
  interactionFailed(): void;
  /** A gateway connection closed and discord.js is reconnecting. */
  gatewayReconnect(): void;
}

/** Where a question came from: `/ask`, a mention or reply to the bot in a server, a DM, or an answer channel or forum. */
export type QuestionSource = 'slash' | 'mention' | 'dm' | 'channel';

/** The engine's decision, `chat` for thanks and greetings, `held_back` for an answer channel question left unanswered. */
export type QuestionOutcome = 'answered' | 'suggestions' | 'no_match' | 'chat' | 'held_back';

/** Seconds since `startedAt` (a `performance.now()` reading). */
export function secondsSince(startedAt: number): number {
  return (performance.now() - startedAt) / 1000;
}
