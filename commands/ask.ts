import { ButtonBuilder, ButtonStyle, SlashCommandBuilder, type ButtonInteraction } from 'discord.js';
import { tryAskingHint } from '../src/reply/replyMessages.ts';
import { handledBy, UserFacingError, type BotContext, type CommandModule } from '../src/discord/commandModule.ts';
import { privateOption, wantsPrivate } from '../src/discord/commandOptions.ts';
import { respond } from '../src/discord/send.ts';
import { memberOf } from '../src/discord/logger.ts';
import { answerIds, type AnswerButton } from '../src/discord/render/answerIds.ts';
import { secondsSince } from '../src/ops/botMetrics.ts';
import { renderForDiscord, sendReply } from '../src/discord/sendReply.ts';
import { withFeedback } from '../src/discord/feedback/withFeedback.ts';
import { otherCandidates } from '../src/discord/feedback/otherCandidates.ts';
import { buttonRows } from '../src/discord/render/replyPayload.ts';
import { postHelperPick } from '../src/discord/helper/postHelperPick.ts';
import { recordQuestion } from '../src/discord/recordQuestion.ts';
import { answerQuestion } from '../src/answer/answerQuestion.ts';

export const questionMaxLength = 1000;

/**
 * The buttons under an answer, wherever it was given. What a button shows goes privately to
 * whoever pressed it, so a busy channel does not fill up with everyone's picks.
 */
async function pressAnswerButton(interaction: ButtonInteraction, button: AnswerButton, context: BotContext): Promise<void> {
  const { engine } = context.knowledge.current();
  switch (button.action) {
    case 'show': {
      const reply = engine.replyFor(button.kind, button.id);
      if (!reply) throw new UserFacingError('That answer has been removed from the knowledge base since this message was sent.');
      // A suggestion pressed under "did you mean…": the member says which record their question was about.
      if (button.question) labelQuestion(context, interaction, button.question, { kind: button.kind, id: button.id });
      await sendReply(interaction, reply, { ephemeral: true });
      return;
    }
    case 'table':
      await sendReply(interaction, engine.compare(), { ephemeral: true });
      return;
    case 'none':
      context.logger.info({ member: memberOf(context, interaction.user.id), messageId: interaction.message.id }, 'Member found none of the suggestions useful');
      if (button.question) labelQuestion(context, interaction, button.question, null);
      await respond(interaction, { content: `Thanks — noted. ${tryAskingHint(engine.knowledge.about)}` }, { ephemeral: true });
      return;
    case 'pick':
      await postHelperPick(interaction, button, context);
      return;
    case 'vote': {
      context.questionLog?.vote(button.question, interaction.user.id, button.helpful);
      if (button.helpful) {
        await respond(interaction, { content: 'Thanks for the feedback! 👍' }, { ephemeral: true });
        return;
      }
      // "Not helpful": the other records the engine weighed for the question, if it can still be read.
      const question = (await context.questionLog?.questionText(button.question)) ?? null;
      const others = question === null ? [] : otherCandidates(engine, question, button.answered ?? null);
      const buttons = others.map((ref) => new ButtonBuilder().setCustomId(answerIds.encode({ action: 'show', kind: ref.kind, id: ref.id, question: button.question })).setLabel(ref.title.slice(0, 80)).setStyle(ButtonStyle.Secondary));
      await respond(
        interaction,
        { content: `Thanks — the moderators will see that this answer did not help.${buttons.length ? ' Was it one of these?' : ''}`, components: buttonRows(buttons) },
        { ephemeral: true },
      );
      return;
    }
  }
}

function labelQuestion(context: BotContext, interaction: ButtonInteraction, questionId: string, record: { kind: string; id: string } | null): void {
  context.questionLog?.labelQuestion(questionId, { userId: interaction.user.id, source: record ? 'suggestion' : 'none', record });
}

export default {
  data: new SlashCommandBuilder()
    .setName('ask')
    .setDescription('Ask the FAQ a question, in your own words')
    .addStringOption((option) =>
      option.setName('question').setDescription('Your question, as you would ask a person').setRequired(true).setMaxLength(questionMaxLength),
    )
    .addBooleanOption(privateOption),
  // The same per-member window as questions asked in channels: the engine's work per member is bounded.
  cooldown: { seconds: 'configured' },
  buttons: handledBy(answerIds, pressAnswerButton),

  async execute(interaction, context) {
    const startedAt = performance.now();
    const question = interaction.options.getString('question', true);
    const reply = await answerQuestion(context.knowledge.current().engine, question, { meaning: context.meaning });
    context.logger.info(
      { member: memberOf(context, interaction.user.id), status: reply.status, recordId: reply.status === 'answered' ? reply.id : null, confidence: reply.status === 'chat' ? null : reply.confidence },
      'Answered /ask',
    );
    const questionId = reply.status === 'chat' ? null : recordQuestion(context, { guildId: interaction.guildId, channelKind: 'slash', userId: interaction.user.id, question, reply });
    const sentId = await respond(interaction, withFeedback(renderForDiscord(reply, { showConfidence: true }), reply, questionId), { ephemeral: wantsPrivate(interaction) });
    if (sentId !== null && reply.status === 'answered') context.answered.remember(sentId, { kind: reply.kind, id: reply.id });
    context.metrics.question('slash', reply.status, secondsSince(startedAt));
  },
} satisfies CommandModule;
