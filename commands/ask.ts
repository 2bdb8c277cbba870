import { SlashCommandBuilder, type ButtonInteraction } from 'discord.js';
import { replyMessages } from '../src/reply/replyMessages.ts';
import { handledBy, UserFacingError, type BotContext, type CommandModule } from '../src/discord/commandModule.ts';
import { privateOption, wantsPrivate } from '../src/discord/commandOptions.ts';
import { respond } from '../src/discord/interactionReplies.ts';
import { answerIds, type AnswerButton } from '../src/discord/render/answerIds.ts';
import { sendReply } from '../src/discord/sendReply.ts';
import { secondsSince } from '../src/ops/botMetrics.ts';

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
      await sendReply(interaction, reply, { ephemeral: true });
      return;
    }
    case 'table':
      await sendReply(interaction, engine.compare(), { ephemeral: true });
      return;
    case 'none':
      context.logger.info({ userId: interaction.user.id, messageId: interaction.message.id }, 'Member found none of the suggestions useful');
      await respond(interaction, { content: `Thanks — noted. ${replyMessages.noMatchHint}` }, { ephemeral: true });
      return;
  }
}

export default {
  data: new SlashCommandBuilder()
    .setName('ask')
    .setDescription('Ask a question about the Microsoft–OpenAI partnership amendment')
    .addStringOption((option) =>
      option.setName('question').setDescription('Your question, e.g. "Can OpenAI use AWS?"').setRequired(true).setMaxLength(questionMaxLength),
    )
    .addBooleanOption(privateOption),
  // The same per-member window as questions asked in channels: the engine's work per member is bounded.
  cooldown: { seconds: 'configured' },
  buttons: handledBy(answerIds, pressAnswerButton),

  async execute(interaction, context) {
    const startedAt = performance.now();
    const question = interaction.options.getString('question', true);
    const reply = context.knowledge.current().engine.ask(question);
    context.logger.info({ userId: interaction.user.id, status: reply.status, recordId: reply.id, confidence: reply.confidence }, 'Answered /ask');
    await sendReply(interaction, reply, { ephemeral: wantsPrivate(interaction), showConfidence: true });
    context.metrics.question('slash', reply.act ? 'chat' : reply.status, secondsSince(startedAt));
  },
} satisfies CommandModule;
