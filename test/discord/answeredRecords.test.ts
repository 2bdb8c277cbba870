import type { Message } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { AnsweredRecords, rememberedMax } from '../../src/discord/answeredRecords.ts';
import { answerIds } from '../../src/discord/render/answerIds.ts';

/** One of the bot's messages as discord.js gives it: an id and rows of buttons. */
const answer = (id: string, customIds: readonly string[] = []) =>
  ({ id, components: customIds.length ? [{ components: customIds.map((customId) => ({ customId })) }] : [] }) as unknown as Pick<Message, 'id' | 'components'>;

describe('AnsweredRecords', () => {
  it('gives the record an answer was sent with, by the answer message id', () => {
    const answered = new AnsweredRecords();
    answered.remember('100', { kind: 'faq', id: 'holds' });
    expect(answered.of(answer('100'))).toEqual({ kind: 'faq', id: 'holds' });
    expect(answered.of(answer('101'))).toBeNull();
  });

  it('holds a bounded number of answers, forgetting the oldest first', () => {
    const answered = new AnsweredRecords();
    for (let i = 0; i <= rememberedMax; i++) answered.remember(String(1000 + i), { kind: 'faq', id: `record-${i}` });
    expect(answered.of(answer('1000'))).toBeNull();
    expect(answered.of(answer('1001'))).toEqual({ kind: 'faq', id: 'record-1' });
    expect(answered.of(answer(String(1000 + rememberedMax)))).toEqual({ kind: 'faq', id: `record-${rememberedMax}` });
  });

  it('reads an answer sent before a restart from its "Not helpful" button, not from its text', () => {
    const answered = new AnsweredRecords();
    const ids = [answerIds.encode({ action: 'vote', question: 'abcdef000001', helpful: true }), answerIds.encode({ action: 'vote', question: 'abcdef000001', helpful: false, answered: { kind: 'term', id: 'makerspace' } })];
    expect(answered.of(answer('200', ids))).toEqual({ kind: 'term', id: 'makerspace' });
    expect(answered.of(answer('201', ['ask:table', 'not-ours:1']))).toBeNull();
  });
});
