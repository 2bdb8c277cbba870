import type { Message } from 'discord.js';
import { answerIds, type AnsweredRecord } from './render/answerIds.ts';

/** How many of the bot's answers are remembered: a follow-up comes minutes, not days, later. */
export const rememberedMax = 10_000;

/**
 * Which record each of the bot's recent answers gave (in channels, to /ask, a helper's pick), by the answer's message id: a
 * member's reply to one is read in its context. Kept as data when the answer is sent, never read back from the
 * rendered embed, and whether or not the question log is on: the one place the adapter looks it up.
 */
export class AnsweredRecords {
  readonly #byMessage = new Map<string, AnsweredRecord>();

  remember(messageId: string, record: AnsweredRecord): void {
    this.#byMessage.set(messageId, record);
    // A Map iterates in insertion order: the first key is the oldest answer.
    if (this.#byMessage.size > rememberedMax) this.#byMessage.delete(this.#byMessage.keys().next().value!);
  }

  /**
   * The record `answer` (one of the bot's messages) gave: remembered, or, for an answer sent before this process
   * started, named by its "Not helpful" button's custom id; null when neither says.
   */
  of(answer: Pick<Message, 'id' | 'components'>): AnsweredRecord | null {
    const remembered = this.#byMessage.get(answer.id);
    if (remembered) return remembered;
    for (const row of answer.components) {
      if (!('components' in row)) continue;
      for (const component of row.components) {
        const button = 'customId' in component && typeof component.customId === 'string' ? answerIds.decode(component.customId) : null;
        if (button?.action === 'vote' && button.answered) return button.answered;
      }
    }
    return null;
  }
}
