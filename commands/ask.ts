import { SlashCommandBuilder, type ChatInputCommandInteraction } from 'discord.js';
import type { BotContext } from '../src/discord/commandModule.ts';
import { privateOption, wantsPrivate } from '../src/discord/commandOptions.ts';
import { sendReply } from '../src/discord/sendReply.ts';

export const data = new SlashCommandBuilder()
  .setName('ask')
  .setDescription('Ask a question about the Microsoft–OpenAI partnership amendment')
  .addStringOption((option) =>
    option.setName('question').setDescription('Your question, e.g. "Can OpenAI use AWS?"').setRequired(true).setMaxLength(1000),
  )
  .addBooleanOption(privateOption);

export async function execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void> {
  const question = interaction.options.getString('question', true);
  const reply = context.knowledge.current().engine.ask(question);
  context.logger.info({ userId: interaction.user.id, status: reply.status, recordId: reply.id, confidence: reply.confidence }, 'Answered /ask');
  await sendReply(interaction, reply, { ephemeral: wantsPrivate(interaction), showConfidence: true });
}
