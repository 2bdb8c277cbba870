import type { Client, Message } from 'discord.js';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { BotContext } from '../../src/discord/commandModule.ts';
import { Cooldowns } from '../../src/discord/cooldowns.ts';
import { apology } from '../../src/discord/failureReply.ts';
import { handleMessage } from '../../src/discord/handleMessage.ts';

/** A DM to the bot (so it is spoken to) whose replies are kept. */
function directMessage(content: string) {
  const replies: unknown[] = [];
  const message = {
    id: '300000000000000001',
    content,
    guildId: null,
    channelId: '300000000000000002',
    webhookId: null,
    system: false,
    reference: null,
    author: { id: '300000000000000003', bot: false },
    channel: { isDMBased: () => true, isThread: () => false },
    reply: async (options: unknown) => {
      replies.push(options);
      return { id: '300000000000000004' };
    },
  } as unknown as Message;
  return { message, replies };
}

const client = { user: { id: '300000000000000009' } } as unknown as Client<true>;
const state = () => ({ cooldowns: new Cooldowns(30), answerChannelIds: new Set<string>() });

describe('a channel message whose handling fails', () => {
  it('tells the member who asked, without pings, instead of only logging', async () => {
    const context = {
      logger: pino({ level: 'silent' }),
      knowledge: {
        current: () => {
          throw new Error('knowledge unavailable');
        },
      },
    } as unknown as BotContext;
    const { message, replies } = directMessage('what does the agreement say about revenue?');
    await handleMessage(message, client, context, state());
    expect(replies).toEqual([expect.objectContaining({ content: apology, allowedMentions: { parse: [], repliedUser: false }, nonce: `r${message.id}` })]);
  });
});
