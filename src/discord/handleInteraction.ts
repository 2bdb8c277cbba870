import { DiscordAPIError, MessageFlags, type Interaction } from 'discord.js';
import { UserFacingError, type BotContext, type CommandModule } from './commandModule.ts';
import { handleButton } from './handleButton.ts';
import { noPings, respondChoices, type RepliableInteraction } from './interactionReplies.ts';

const apology = 'Sorry, something went wrong while answering. The moderators can find the details in the bot log.';

/**
 * The one dispatcher: routes every interaction to its handler inside a single try/catch. Handlers
 * throw UserFacingError for messages meant for the member; anything else is logged in full and the
 * member gets a short private apology. The bot keeps running either way.
 */
export async function handleInteraction(interaction: Interaction, commands: ReadonlyMap<string, CommandModule>, context: BotContext): Promise<void> {
  const log = context.logger.child({ interactionId: interaction.id, userId: interaction.user.id, guildId: interaction.guildId });
  try {
    if (interaction.isAutocomplete()) {
      const command = commands.get(interaction.commandName);
      if (command?.autocomplete) await command.autocomplete(interaction, context);
      else await respondChoices(interaction, []);
      return;
    }
    if (interaction.isChatInputCommand()) {
      const command = commands.get(interaction.commandName);
      if (!command) throw new UserFacingError('That command is not available any more; it may have been removed in an update.');
      log.info({ command: interaction.commandName }, 'Executing command');
      await command.execute(interaction, context);
      return;
    }
    if (interaction.isButton()) {
      const owner = commands.get(interaction.customId.split(':')[0] ?? '');
      if (owner?.handleButton) await owner.handleButton(interaction, context);
      else await handleButton(interaction, context);
      return;
    }
    if (interaction.isModalSubmit()) {
      const owner = commands.get(interaction.customId.split(':')[0] ?? '');
      if (!owner?.handleModal) throw new UserFacingError('That form has expired. Please run the command again.');
      await owner.handleModal(interaction, context);
    }
  } catch (error) {
    if (error instanceof UserFacingError) {
      log.info({ reason: error.message }, 'Refused interaction');
    } else {
      log.error({ err: error }, 'Interaction handler failed');
    }
    if (interaction.isAutocomplete()) {
      await respondChoices(interaction, []).catch(() => undefined);
      return;
    }
    if (interaction.isRepliable()) {
      await tellUser(interaction as RepliableInteraction, error instanceof UserFacingError ? error.message : apology).catch((sendError: unknown) => {
        // An expired interaction (10062) cannot be answered any more; anything else is worth a line.
        if (!(sendError instanceof DiscordAPIError && sendError.code === 10062)) log.warn({ err: sendError }, 'Could not send the error reply');
      });
    }
  }
}

async function tellUser(interaction: RepliableInteraction, content: string): Promise<void> {
  if (interaction.deferred && !interaction.replied) {
    await interaction.editReply({ content, embeds: [], components: [], allowedMentions: noPings });
  } else if (interaction.replied) {
    await interaction.followUp({ content, flags: MessageFlags.Ephemeral, allowedMentions: noPings });
  } else {
    await interaction.reply({ content, flags: MessageFlags.Ephemeral, allowedMentions: noPings });
  }
}
