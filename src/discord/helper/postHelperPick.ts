import type { ButtonInteraction } from 'discord.js';
import { UserFacingError, type BotContext } from '../commandModule.ts';
import { postReplyTo, updateMessage } from '../send.ts';
import type { AnswerButton } from '../render/answerIds.ts';
import { truncate } from '../render/safeText.ts';
import { renderForDiscord } from '../sendReply.ts';

export type HelperPick = Extract<AnswerButton, { action: 'pick' }>;

/** The helper picked a record: post it as a reply to the member's message, without pinging anyone. */
export async function postHelperPick(interaction: ButtonInteraction, pick: HelperPick, context: BotContext): Promise<void> {
  const { engine } = context.knowledge.current();
  const reply = engine.replyFor(pick.kind, pick.id);
  if (!reply) throw new UserFacingError('That answer has been removed from the knowledge base since; run Answer with FAQ again.');
  const channel = interaction.channel;
  const target = channel ? await channel.messages.fetch(pick.message).catch(() => null) : null;
  if (!target) throw new UserFacingError('That message is gone (deleted, or in a channel the bot cannot read), so nothing was posted.');
  const helper = interaction.member && 'displayName' in interaction.member ? interaction.member.displayName : interaction.user.displayName;
  const rendered = renderForDiscord(reply, { showConfidence: false });
  const [first, ...rest] = rendered.embeds;
  if (first) {
    const footer = first.data.footer?.text;
    first.setFooter({ text: truncate(footer ? `${footer} · answered via ${helper}` : `answered via ${helper}`, 2048) });
  }
  const content = rendered.content ?? (first ? null : `answered via ${helper}`);
  const posted = await postReplyTo(target, { ...rendered, embeds: first ? [first, ...rest] : [], ...(content === null ? {} : { content }) });
  context.answered.remember(posted.id, { kind: reply.kind, id: reply.id });
  // The helper's pick is the strongest label the log gets: someone who knows said what the question was about.
  if (target.content) {
    context.questionLog?.label({ userId: interaction.user.id, source: 'helper', question: target.content, record: { kind: pick.kind, id: pick.id }, askerId: target.author.id, guildId: interaction.guildId });
  }
  context.logger.info({ record: `${pick.kind}:${pick.id}`, messageId: pick.message }, 'A helper answered a message with the FAQ');
  await updateMessage(interaction, { content: `✅ Posted **${truncate(reply.title, 100)}** as a reply to that message.`, components: [] });
}
