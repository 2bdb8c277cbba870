import {
  DiscordAPIError,
  type APIApplicationCommandOption,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Interaction,
  type MessageContextMenuCommandInteraction,
  type ModalSubmitInteraction,
} from 'discord.js';
import { commandLabel, UserFacingError, type BotContext, type CommandModule, type CommandParts } from './commandModule.ts';
import { Cooldowns } from './cooldowns.ts';
import { failureReply } from './failureReply.ts';
import { commandOfCustomId } from './customIds.ts';
import { respondChoices, tellMember } from './send.ts';
import { memberOf, type Logger } from './logger.ts';
import { isModerator } from './moderation/isModerator.ts';
import { knowledgeServers, standingOf } from './moderation/knowledgeServers.ts';
import { isOnMessage, moderatorDecision, overLongOption, pressedByInvoker, refusals, type ModeratorAccess } from './preconditions.ts';

type Routed = AutocompleteInteraction | ChatInputCommandInteraction | MessageContextMenuCommandInteraction | ButtonInteraction | ModalSubmitInteraction;

export type InteractionDispatcher = (interaction: Interaction) => Promise<void>;

/**
 * The one dispatcher. It routes a command, its autocomplete, its buttons and its forms to the
 * command module that owns them (by command name, or by the name a custom id starts with), enforces
 * what the module declares — moderators only, a per-member cooldown, option lengths, buttons only on
 * their own message — and answers inside a single try/catch: handlers throw UserFacingError for
 * messages meant for the member; anything else is logged in full and the member gets a short
 * private apology. The bot keeps running either way.
 */
export function createInteractionDispatcher(
  commands: ReadonlyMap<string, CommandModule>,
  context: BotContext,
  /** The members' question window (COOLDOWN_SECONDS), shared with channel questions: /ask and a mention draw on one. */
  questionCooldowns: Cooldowns,
): InteractionDispatcher {
  const cooldowns = new Map<string, Cooldowns>();
  const cooldownOf = (name: string, seconds: number) => {
    let cooldown = cooldowns.get(name);
    if (!cooldown) cooldowns.set(name, (cooldown = new Cooldowns(seconds)));
    return cooldown;
  };
  const optionDefinitions = new Map<string, readonly APIApplicationCommandOption[] | undefined>();
  const optionsOf = (data: CommandModule['data']) => {
    if (!optionDefinitions.has(data.name)) {
      const json = data.toJSON();
      optionDefinitions.set(data.name, 'options' in json ? json.options : undefined);
    }
    return optionDefinitions.get(data.name);
  };

  /** Runs one interaction on a command whose preconditions on the member have passed. */
  async function run<Context extends BotContext>(command: CommandParts<Context>, interaction: Routed, commandContext: Context, log: Logger): Promise<void> {
    if (interaction.isAutocomplete()) {
      // Autocomplete comes with every keystroke: no cooldown, and nothing to say to the member but no choices.
      if (!command.autocomplete || overLongOption(optionsOf(command.data), interaction.options.data)) await respondChoices(interaction, []);
      else await command.autocomplete(interaction, commandContext);
      return;
    }
    if (interaction.isChatInputCommand() || interaction.isMessageContextMenuCommand()) {
      if (interaction.isChatInputCommand()) {
        const overLong = overLongOption(optionsOf(command.data), interaction.options.data);
        if (overLong) throw new UserFacingError(`The \`${overLong.name}\` option is too long: at most ${overLong.max} characters.`);
      }
      if (command.cooldown) {
        const { seconds } = command.cooldown;
        const cooldown = seconds === 'configured' ? questionCooldowns : cooldownOf(command.data.name, seconds);
        if (cooldown.check(interaction.user.id) !== 'allow') {
          const label = commandLabel({ name: command.data.name, onMessage: interaction.isMessageContextMenuCommand() });
          throw new UserFacingError(`⏳ One moment please — you can use ${label} again in ${cooldown.remainingSeconds(interaction.user.id)}s.`);
        }
      }
      log.info({ command: interaction.commandName }, 'Executing command');
      if (interaction.isMessageContextMenuCommand()) {
        if (!command.executeOnMessage) throw new UserFacingError(refusals.unknownCommand);
        await command.executeOnMessage(interaction, commandContext);
      } else {
        if (!command.execute) throw new UserFacingError(refusals.unknownCommand);
        await command.execute(interaction, commandContext);
      }
      return;
    }
    if (interaction.isButton()) {
      const handle = command.buttons?.parse(interaction.customId);
      if (!command.buttons || !handle) throw new UserFacingError(refusals.unknownButton);
      if (!isOnMessage(interaction.message.components.map((component) => component.toJSON()), interaction.customId)) {
        log.warn({ customId: interaction.customId, messageId: interaction.message.id }, 'Refused a button press for a button not on its message');
        throw new UserFacingError(refusals.notOnMessage);
      }
      if (command.buttons.pressableBy === 'invoker' && !pressedByInvoker(interaction.message.interactionMetadata?.user.id, interaction.user.id)) {
        log.warn({ customId: interaction.customId, messageId: interaction.message.id }, "Refused a button press on someone else's command");
        throw new UserFacingError(refusals.notYours);
      }
      await handle(interaction, commandContext);
      return;
    }
    const handle = command.forms?.parse(interaction.customId);
    if (!handle) throw new UserFacingError(refusals.unknownForm);
    await handle(interaction, commandContext);
  }

  return async function dispatch(interaction) {
    if (!(interaction.isAutocomplete() || interaction.isChatInputCommand() || interaction.isMessageContextMenuCommand() || interaction.isButton() || interaction.isModalSubmit())) return;
    const log = context.logger.child({ interactionId: interaction.id, member: memberOf(context, interaction.user.id), guildId: interaction.guildId });
    try {
      const name = interaction.isButton() || interaction.isModalSubmit() ? commandOfCustomId(interaction.customId) : interaction.commandName;
      const command = commands.get(name);
      if (!command) {
        throw new UserFacingError(interaction.isButton() ? refusals.unknownButton : interaction.isModalSubmit() ? refusals.unknownForm : refusals.unknownCommand);
      }
      if (!command.moderatorOnly) {
        await run(command, interaction, context, log);
        return;
      }
      const tools = context.moderation;
      const server = standingOf(knowledgeServers(context.config, interaction.client.guilds.cache), interaction.guildId);
      const access = accessOf(interaction, command.readOnlySubcommands ?? []);
      const decision = moderatorDecision({ isModerator: isModerator(interaction, context.config.modRoleIds), hasModeratorTools: tools !== undefined, server }, access, interaction.guildId);
      if ('refusal' in decision || !tools) {
        if (!interaction.isAutocomplete()) log.warn({ command: name, access, server, customId: 'customId' in interaction ? interaction.customId : undefined }, 'Refused a moderator-only interaction');
        throw new UserFacingError('refusal' in decision ? decision.refusal : refusals.noTools);
      }
      await run(command, interaction, { ...context, moderation: tools, scope: decision.scope }, log);
    } catch (error) {
      const message = failureReply(error, log, 'interaction', () => context.metrics.interactionFailed());
      if (interaction.isAutocomplete()) {
        await respondChoices(interaction, []).catch(() => undefined);
        return;
      }
      await tellMember(interaction, message).catch((sendError: unknown) => {
        // An expired interaction (10062) cannot be answered any more; anything else is worth a line.
        if (!(sendError instanceof DiscordAPIError && sendError.code === 10062)) log.warn({ err: sendError }, 'Could not send the error reply');
      });
    }
  };
}

/** A read-only subcommand run as a slash command is `read`; anything else of a moderator-only command `change`s. */
function accessOf(interaction: Routed, readOnlySubcommands: readonly string[]): ModeratorAccess {
  if (!interaction.isChatInputCommand() || interaction.options.getSubcommandGroup(false) !== null) return 'change';
  const subcommand = interaction.options.getSubcommand(false);
  return subcommand !== null && readOnlySubcommands.includes(subcommand) ? 'read' : 'change';
}
