import { DiscordAPIError, type Client, type Message } from 'discord.js';
import { UserFacingError, type BotContext } from './commandModule.ts';
import { failureReply } from './failureReply.ts';
import { classifyMessage, type Addressed } from './messageDecision.ts';
import type { Cooldowns } from './cooldowns.ts';
import { answerMessage } from './send.ts';
import { isOnlyChat } from './isOnlyChat.ts';
import { looksLikeQuestion } from './looksLikeQuestion.ts';
import { memberOf } from './logger.ts';
import { isSure } from '../reply/confidenceBands.ts';
import { replyMessages } from '../reply/replyMessages.ts';
import { renderForDiscord } from './sendReply.ts';
import { secondsSince, type QuestionSource } from '../ops/botMetrics.ts';
import { channelKindOf } from './feedback/channelKind.ts';
import { withFeedback } from './feedback/withFeedback.ts';
import { recordQuestion } from './recordQuestion.ts';
import { answerQuestion } from '../answer/answerQuestion.ts';

/** The bot's own message this one replies to, if any: its answer is the context of a follow-up. */
async function repliedToBot(message: Message, client: Client<true>): Promise<Message | null> {
  if (!message.reference?.messageId) return null;
  if (message.mentions.repliedUser && message.mentions.repliedUser.id !== client.user.id) return null;
  const referenced = await message.fetchReference().catch(() => null);
  return referenced?.author.id === client.user.id ? referenced : null;
}

async function howAddressed(message: Message, client: Client<true>, answerChannelIds: ReadonlySet<string>, repliedTo: Message | null): Promise<Addressed | null> {
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
 * What the channel path keeps between messages. It answers always when spoken to (mention, reply to the bot, DM) —
 * with the answer, suggestions or a short hint — and in answer channels only when confident, staying silent
 * otherwise so the channel is not flooded with "I don't know".
 */
export interface ChannelState {
  readonly cooldowns: Cooldowns;
  readonly answerChannelIds: ReadonlySet<string>;
}

/**
 * Handles one channel message: classifies it (addressed? a question? cooling down?), checks the question window,
 * then answers; a failure goes through the interactions' pipeline, so a member who spoke to the bot hears a refusal
 * or an apology instead of silence.
 */
export async function handleMessage(message: Message, client: Client<true>, context: BotContext, state: ChannelState): Promise<void> {
  const log = context.logger.child({ messageId: message.id, member: memberOf(context, message.author.id), guildId: message.guildId });
  let addressed: Addressed | null = null;
  try {
    const fromMachine = message.author.bot || message.webhookId !== null || message.system || message.author.id === client.user.id;
    if (fromMachine) return;
    const receivedAt = performance.now();
    const repliedTo = await repliedToBot(message, client);
    addressed = await howAddressed(message, client, state.answerChannelIds, repliedTo);
    const question = questionText(message);
    const userId = message.author.id;
    const decision = classifyMessage({
      fromMachine,
      addressed,
      repliesToBot: repliedTo !== null,
      looksLikeQuestion: addressed === 'passive' && looksLikeQuestion(question),
      onlyChat: addressed === 'direct' && isOnlyChat(question),
      cooling: state.cooldowns.isCooling(userId),
    });
    if (decision.kind === 'ignore') return;
    if (decision.addressed === 'direct') {
      // The precondition interactions have too: one notice per window for a question put to the bot, then silence.
      const cooldown = state.cooldowns.decide(userId, { followUp: decision.followUp });
      if (cooldown === 'notify') throw new UserFacingError(`⏳ One moment please — you can ask again in ${state.cooldowns.remainingSeconds(userId)}s.`);
      if (cooldown !== 'allow') return;
    }
    await answer(message, context, state, { question, addressed: decision.addressed, followUp: decision.followUp, repliedTo, receivedAt });
  } catch (error) {
    const reply = failureReply(error, log, 'message');
    // Overheard messages get no reply even when answering them failed: nobody asked the bot. And when Discord
    // refused the reply itself (a revoked token, a channel the bot may not post in), another would be refused too.
    if (addressed !== 'direct' || error instanceof DiscordAPIError) return;
    await answerMessage(message, { content: reply }).catch((sendError: unknown) => log.warn({ err: sendError }, 'Could not send the error reply'));
  }
}

interface Asked {
  readonly question: string;
  readonly addressed: Addressed;
  readonly followUp: boolean;
  readonly repliedTo: Message | null;
  readonly receivedAt: number;
}

async function answer(message: Message, context: BotContext, { cooldowns }: ChannelState, { question, addressed, followUp, repliedTo, receivedAt }: Asked): Promise<void> {
  const userId = message.author.id;
  const { engine } = context.knowledge.current();
  // A reply to one of the bot's answers ("and until when?") is read in the context of that answer.
  const answeredBefore = repliedTo ? context.answered.of(repliedTo) : null;
  const previousReply = answeredBefore ? engine.replyFor(answeredBefore.kind, answeredBefore.id) : null;
  const previous = answeredBefore && previousReply ? { ...answeredBefore, title: previousReply.title } : null;
  const startedAt = performance.now();
  const reply = await answerQuestion(engine, question, { previous, meaning: context.meaning });
  context.logger.debug({ member: memberOf(context, userId), addressed, length: question.length, ms: Math.round((performance.now() - startedAt) * 100) / 100 }, 'Engine read a channel message');
  const source: QuestionSource = addressed === 'passive' ? 'channel' : message.channel.isDMBased() ? 'dm' : 'mention';
  // Unasked-for answers need more certainty than answers to a mention: only a sure one is said (`isSure`'s bands).
  if (addressed === 'passive' && (reply.status !== 'answered' || !isSure(reply.confidence))) {
    // A question the bot found no answer for is a gap moderators should see, though nobody was told.
    // (One it could answer, only not surely enough to speak up unasked, is not logged: it would count as answered.)
    if (reply.status === 'suggestions' || reply.status === 'no_match') {
      recordQuestion(context, { guildId: message.guildId, channelKind: channelKindOf(message, addressed), userId, question, reply });
    }
    context.metrics.question(source, 'held_back');
    return;
  }
  cooldowns.start(userId, { followUp });

  // Thanks, greetings and the like get one short line per cooldown window, never a record.
  if (reply.status === 'chat') {
    await answerMessage(message, { content: replyMessages.dialogue[reply.act] });
    context.metrics.question(source, 'chat', secondsSince(receivedAt));
    return;
  }
  context.logger.info(
    { member: memberOf(context, userId), channelId: message.channelId, addressed, status: reply.status, recordId: reply.status === 'answered' ? reply.id : null, confidence: reply.confidence },
    'Answering a channel question',
  );
  const questionId = recordQuestion(context, { guildId: message.guildId, channelKind: channelKindOf(message, addressed), userId, question, reply });
  const sent = await answerMessage(message, withFeedback(renderForDiscord(reply, { showConfidence: true }), reply, questionId));
  if (reply.status === 'answered' && reply.kind !== null && reply.id !== null) context.answered.remember(sent.id, { kind: reply.kind, id: reply.id });
  context.metrics.question(source, reply.status, secondsSince(receivedAt));
}
