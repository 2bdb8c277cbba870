import { describe, expect, it } from 'vitest';
import { classifyMessage, type MessageFacts } from '../../src/discord/messageDecision.ts';

const question: MessageFacts = { fromMachine: false, addressed: 'direct', repliesToBot: false, looksLikeQuestion: true, onlyChat: false, cooling: false };

describe('classifyMessage', () => {
  it('asks the engine for a question put to the bot, as a follow-up when it replies to an answer', () => {
    expect(classifyMessage(question)).toEqual({ kind: 'ask', addressed: 'direct', followUp: false });
    expect(classifyMessage({ ...question, repliesToBot: true })).toEqual({ kind: 'ask', addressed: 'direct', followUp: true });
    // Inside the window too: the question window (one notice, then silence) decides after.
    expect(classifyMessage({ ...question, cooling: true })).toEqual({ kind: 'ask', addressed: 'direct', followUp: false });
  });

  it('ignores bots, webhooks and messages not meant for the bot', () => {
    expect(classifyMessage({ ...question, fromMachine: true })).toEqual({ kind: 'ignore' });
    expect(classifyMessage({ ...question, addressed: null })).toEqual({ kind: 'ignore' });
  });

  it('leaves thanks inside the window unanswered, and a thanks in reply is not a follow-up', () => {
    expect(classifyMessage({ ...question, onlyChat: true, cooling: true })).toEqual({ kind: 'ignore' });
    expect(classifyMessage({ ...question, onlyChat: true, repliesToBot: true })).toEqual({ kind: 'ask', addressed: 'direct', followUp: false });
  });

  it('asks about an overheard message only when it reads as a question and the member is not cooling down', () => {
    const overheard = { ...question, addressed: 'passive' } as const;
    expect(classifyMessage(overheard)).toEqual({ kind: 'ask', addressed: 'passive', followUp: false });
    expect(classifyMessage({ ...overheard, looksLikeQuestion: false })).toEqual({ kind: 'ignore' });
    expect(classifyMessage({ ...overheard, cooling: true })).toEqual({ kind: 'ignore' });
  });
});
