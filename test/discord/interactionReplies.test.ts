import { MessageFlags, type AutocompleteInteraction } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { noPings, respond, respondChoices, type RepliableInteraction } from '../../src/discord/send.ts';

/** An interaction that records what the bot sent and how (reply, follow-up, edit of the deferred reply). */
function interaction(state: { deferred?: boolean; replied?: boolean } = {}) {
  const sent: [string, Record<string, unknown>][] = [];
  const record = (how: string) => async (payload: Record<string, unknown>) => void sent.push([how, payload]);
  const fake = { deferred: false, replied: false, ...state, reply: record('reply'), followUp: record('followUp'), editReply: record('editReply') };
  return { sent, it: fake as unknown as RepliableInteraction };
}

describe('respond', () => {
  it('never sends more than a message holds, and never pings', async () => {
    const { sent, it: target } = interaction();
    await respond(target, { content: 'x'.repeat(2001) }, { ephemeral: true });
    expect(sent).toHaveLength(1);
    const [how, payload] = sent[0]!;
    expect(how).toBe('reply');
    expect((payload.content as string).length).toBe(2000);
    expect(payload).toMatchObject({ allowedMentions: noPings, flags: MessageFlags.Ephemeral });
    const { sent: exact, it: other } = interaction();
    await respond(other, { content: 'x'.repeat(2000) });
    expect(exact[0]![1]).toMatchObject({ content: 'x'.repeat(2000), allowedMentions: noPings });
    expect(exact[0]![1]).not.toHaveProperty('flags');
  });

  it('fills a deferred reply, and follows up on one already sent', async () => {
    const deferred = interaction({ deferred: true });
    await respond(deferred.it, { content: 'done' }, { ephemeral: true });
    expect(deferred.sent.map(([how]) => how)).toEqual(['editReply']);
    expect(deferred.sent[0]![1]).toMatchObject({ content: 'done', allowedMentions: noPings });
    const replied = interaction({ deferred: true, replied: true });
    await respond(replied.it, { content: 'more' }, { ephemeral: true });
    expect(replied.sent).toEqual([['followUp', { content: 'more', allowedMentions: noPings, flags: MessageFlags.Ephemeral }]]);
  });
});

describe('respondChoices', () => {
  const autocomplete = (responded = false) => {
    const sent: { name: string; value: string }[][] = [];
    const fake = { responded, respond: async (choices: { name: string; value: string }[]) => void sent.push(choices) };
    return { sent, it: fake as unknown as AutocompleteInteraction };
  };

  it('answers with at most 25 choices of at most 100 characters each, as Discord takes them', async () => {
    const { sent, it: target } = autocomplete();
    await respondChoices(target, Array.from({ length: 26 }, (_, i) => ({ name: `${i}:${'n'.repeat(200)}`, value: `${i}:${'v'.repeat(200)}` })));
    expect(sent[0]).toHaveLength(25);
    expect(sent[0]![24]).toEqual({ name: `24:${'n'.repeat(97)}`, value: `24:${'v'.repeat(97)}` });
    const { sent: few, it: other } = autocomplete();
    await respondChoices(other, [{ name: 'n'.repeat(100), value: 'v'.repeat(100) }]);
    expect(few).toEqual([[{ name: 'n'.repeat(100), value: 'v'.repeat(100) }]]);
  });

  it('does not answer twice', async () => {
    const { sent, it: target } = autocomplete(true);
    await respondChoices(target, [{ name: 'a', value: 'a' }]);
    expect(sent).toEqual([]);
  });
});
