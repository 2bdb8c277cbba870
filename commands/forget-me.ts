import { SlashCommandBuilder } from 'discord.js';
import { UserFacingError, type CommandModule } from '../src/discord/commandModule.ts';
import { respond } from '../src/discord/send.ts';

export default {
  data: new SlashCommandBuilder().setName('forget-me').setDescription('Delete every question, vote and choice this bot recorded from you'),
  // Deleting is cheap, but a member hammering it should not hold the log's write lock.
  cooldown: { seconds: 10 },

  async execute(interaction, context) {
    const result = (await context.questionLog?.forget(interaction.user.id)) ?? { ok: true as const, removed: 0 };
    if (!result.ok) {
      context.logger.warn({ problem: result.problem }, '/forget-me could not reach the question log');
      throw new UserFacingError('Sorry, the question log cannot be changed right now, so what it holds about you was not deleted. Please try again later; the moderators have been told.');
    }
    context.logger.info({ removed: result.removed }, 'A member had their question log rows deleted');
    await respond(
      interaction,
      { content: result.removed === 0 ? '🧹 There was nothing recorded from you.' : `🧹 Done: deleted ${result.removed} recorded item${result.removed === 1 ? '' : 's'} (questions, votes and choices).` },
      { ephemeral: true },
    );
  },
} satisfies CommandModule;
