import type { Client, Message } from 'discord.js';
import type { BotContext } from './commandModule.ts';
import type { AnsweredRecords } from './answeredRecords.ts';
import type { Cooldowns } from './cooldowns.ts';
import { answerMessage } from './send.ts';
import { isOnlyChat } from './isOnlyChat.ts';
import { looksLikeQuestion } from './looksLikeQuestion.ts';
import { memberOf } from './logger.ts';
import { replyMessages } from '../reply/replyMessages.ts';
import { renderForDiscord } from './sendReply.ts';
import { secondsSince, type QuestionSource } from '../ops/botMetrics.ts';
import { channelKindOf } from './feedback/channelKind.ts';
import { withFeedback } from './feedback/withFeedback.ts';
import { recordQuestion } from './recordQuestion.ts';

/**
 * Unasked-for answers need more certainty than answers to a mention. Measured on the project's
 * question sets, answers at confidence ≥ 0.6 were right 138 times out of 139; below 0.5, 5 of 7.
 */
const passiveMinConfidence = 0.6;

/** Why the bot is looking at a message: spoken to directly, or overhearing an answer channel. */
type Addressed = 'direct' | 'passive' | null;

/** The bot's own message this one replies to, if any: its answer is the context of a follow-up. */
async function repliedToBot(message: Message, client: Client<true>): Promise<Message | null> {
  if (!message.reference?.messageId) return null;
  if (message.mentions.repliedUser && message.mentions.repliedUser.id !== client.user.id) return null;
  const referenced = await message.fetchReference().catch(() => null);
  return referenced?.author.id === client.user.id ? referenced : null;
}

async function howAddressed(message: Message, client: Client<true>, answerChannelIds: ReadonlySet<string>, repliedTo: Message | null): Promise<Addressed> {
  if (message.channel.isDMBased()) return 'direct';
  if (message.mentions.users.has(client.user.id)) return 'direct';
  // Picking the bot from the @ menu sometimes inserts its managed role instead of the user.
  const botRoleId = message.guild?.members.me?.roles.botRole?.id;
  if (botRoleId && message.mentions.roles.has(botRoleId)) return 'direct';
  if (repliedTo) return 'direct';
  if (answerChannelIds.has(message.channelId)) return 'passive';
  const { channel } = message;
  // A forum post's starter message has the thread's id; later replies in the post are conversation.
  if (channel.isThread() && channel.parentId && answerChannelIds.has(channel.parentId) && message.id === channel.id) return 'passive';
  return null;
}

function questionText(message: Message): string {
  const { channel } = message;
  const isForumStarter = channel.isThread() && message.id === channel.id;
  return isForumStarter ? `${channel.name}\n${message.content}` : message.content;
}

/**
 * Answers channel messages: always when spoken to (mention, reply to the bot, DM) — with the
 * answer, suggestions or a short hint — and in answer channels only when confident, staying
 * silent otherwise so the channel is not flooded with "I don't know".
 */
export interface ChannelState {
  readonly cooldowns: Cooldowns;
  readonly answerChannelIds: ReadonlySet<string>;
  readonly answered: AnsweredRecords;
}

export async function handleMessage(message: Message, client: Client<true>, context: BotContext, { cooldowns, answerChannelIds, answered }: ChannelState): Promise<void> {
  if (message.author.bot || message.webhookId || message.system || message.author.id === client.user.id) return;
  const receivedAt = performance.now();
  const repliedTo = await repliedToBot(message, client);
  const addressed = await howAddressed(message, client, answerChannelIds, repliedTo);
  if (!addressed) return;

  const question = questionText(message);
  if (addressed === 'passive' && !looksLikeQuestion(question)) return;

  // Every cheap rejection comes before the engine: a member inside their cooldown window costs no
  // engine work, however long or many their messages. The window starts only when the bot answers,
  // so questions overheard and left unanswered do not hold back the member's next one.
  const userId = message.author.id;
  if (addressed === 'passive' && cooldowns.isCooling(userId)) return;
  const onlyChat = addressed === 'direct' && isOnlyChat(question);
  // "thanks!" and the like inside the window get nothing, and leave the one notice for a question.
  if (onlyChat && cooldowns.isCooling(userId)) return;
  // A question replying to the bot continues a conversation: inside the window it draws on the
  // follow-up allowance instead of being turned away (see Cooldowns).
  const followUp = repliedTo !== null && !onlyChat;
  if (addressed === 'direct') {
    const cooldown = cooldowns.decide(userId, { followUp });
    if (cooldown !== 'allow') {
      // One notice per window for a question put to the bot.
      if (cooldown === 'notify') {
        await answerMessage(message, { content: `⏳ One moment please — you can ask again in ${cooldowns.remainingSeconds(userId)}s.` });
      }
      return;
    }
  }

  const { engine } = context.knowledge.current();
  // A reply to one of the bot's answers ("and until when?") is read in the context of that answer.
  const answeredBefore = repliedTo ? answered.of(repliedTo) : null;
  const previousReply = answeredBefore ? engine.replyFor(answeredBefore.kind, answeredBefore.id) : null;
  const previous = answeredBefore && previousReply ? { ...answeredBefore, title: previousReply.title } : null;
  const startedAt = performance.now();
  const reply = engine.ask(question, previous ? { previous } : {});
  context.logger.debug({ member: memberOf(context, userId), addressed, length: question.length, ms: Math.round((performance.now() - startedAt) * 100) / 100 }, 'Engine read a channel message');
  const source: QuestionSource = addressed === 'passive' ? 'channel' : message.channel.isDMBased() ? 'dm' : 'mention';
  if (addressed === 'passive' && (reply.status !== 'answered' || reply.confidence < passiveMinConfidence)) {
    // A question the bot found no answer for is a gap moderators should see, though nobody was told.
    // (One it could answer, only not surely enough to speak up unasked, is not logged: it would count as answered.)
    if (reply.status !== 'answered' && !reply.act) {
      recordQuestion(context, { guildId: message.guildId, channelKind: channelKindOf(message, addressed), userId, question, reply });
    }
    context.metrics.question(source, 'held_back');
    return;
  }
  cooldowns.start(userId, { followUp });

  // Thanks, greetings and the like get one short line per cooldown window, never a record.
  if (reply.act) {
    await answerMessage(message, { content: replyMessages.dialogue[reply.act] });
    context.metrics.question(source, 'chat', secondsSince(receivedAt));
    return;
  }
  context.logger.info(
    { member: memberOf(context, userId), channelId: message.channelId, addressed, status: reply.status, recordId: reply.id, confidence: reply.confidence },
    'Answering a channel question',
  );
  const questionId = recordQuestion(context, { guildId: message.guildId, channelKind: channelKindOf(message, addressed), userId, question, reply });
  const sent = await answerMessage(message, withFeedback(renderForDiscord(reply, { showConfidence: true }), reply, questionId));
  if (reply.status === 'answered' && reply.kind !== null && reply.id !== null) answered.remember(sent.id, { kind: reply.kind, id: reply.id });
  context.metrics.question(source, reply.status, secondsSince(receivedAt));
}
