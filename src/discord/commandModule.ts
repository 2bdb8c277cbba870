import { ApplicationCommandType } from 'discord.js';
import type {
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  MessageContextMenuCommandInteraction,
  ModalSubmitInteraction,
  RESTPostAPIApplicationCommandsJSONBody,
} from 'discord.js';
import type { BotConfig } from '../config/botConfig.ts';
import { privateOptionName } from './commandOptions.ts';
import type { AnsweredRecords } from './answeredRecords.ts';
import type { MemberAllowance } from './cooldowns.ts';
import type { CustomIds } from './customIds.ts';
import type { Logger } from './logger.ts';
import type { ModeratorTools } from './moderatorTools.ts';
import type { KnowledgeStore } from '../store/knowledgeStore.ts';
import type { MeaningSearch } from '../meaning/meaningSearch.ts';
import type { BotMetrics } from '../ops/botMetrics.ts';
import type { QuestionLog } from '../questionLog/questionLog.ts';
import type { ModeratorScope } from './preconditions.ts';

/** What every handler may use. Handlers receive it; nothing reaches for globals or process.env. */
export interface BotContext {
  readonly config: BotConfig;
  readonly logger: Logger;
  /** The live knowledge: read `current()` once per interaction so one reply sees one snapshot. */
  readonly knowledge: KnowledgeStore;
  /** The sentence encoder (MEANING=on), for `answerQuestion`; absent: questions are answered by their words alone. */
  readonly meaning?: Pick<MeaningSearch, 'nearest' | 'status'>;
  /** Moderator tools (/kb); absent when the bot runs without write access to the knowledge. */
  readonly moderation?: ModeratorTools;
  /** Counts questions, their outcomes and latency, failures and reconnects (served on /metrics when METRICS_PORT is set). */
  readonly metrics: BotMetrics;
  /** The question log (QUESTION_LOG); absent when the bot runs without one. Recording never throws. */
  readonly questionLog?: QuestionLog;
  /** Every command the bot serves, read from the loaded modules: /help lists these, so it cannot miss one. */
  readonly commandList: readonly CommandSummary[];
  /** How many more unanswered questions each member may have logged (`recordQuestion`): no one member fills the gap review. */
  readonly unansweredLog: MemberAllowance;
  /** Which record each of the bot's recent answers gave (/ask, channel answers, helpers' picks): a reply to one is read in its context. */
  readonly answered: AnsweredRecords;
}

/** What the bot is started with: `startBot` adds what it derives from the commands and the settings, and what it keeps while running. */
export type BotSetup = Omit<BotContext, 'commandList' | 'unansweredLog' | 'answered'>;

/** A command as /help names it. */
export interface CommandSummary {
  readonly name: string;
  /** A slash command's description; for a message command, its `helpText`. */
  readonly description: string;
  /** A message command (right-click a message → Apps → name), not a slash command. */
  readonly onMessage: boolean;
  readonly moderatorOnly: boolean;
  /** It has the `private` option (only the member sees the reply). */
  readonly hasPrivateOption: boolean;
}

/** What a moderator-only command's handlers get: the dispatcher has checked the member and that the tools exist. */
export interface ModeratorContext extends BotContext {
  readonly moderation: ModeratorTools;
  /**
   * Whose questions this moderator may see: every server's (a knowledge server's moderator, who may also change the
   * knowledge) or their own server's only (a read-only subcommand, from any other server).
   */
  readonly scope: ModeratorScope;
}

/**
 * A per-member cooldown on running a command. `'configured'` is the members' question window
 * (COOLDOWN_SECONDS), one window shared with their questions in channels.
 */
export interface CommandCooldown {
  readonly seconds: number | 'configured';
}

/**
 * Buttons or forms of one command: `parse` reads a custom id with the command's codec and returns
 * what to run, or null when the id is not one the command makes (the dispatcher then says so).
 */
export interface ComponentHandler<I, Context> {
  readonly command: string;
  /**
   * Who may press a button: `anyone` (it answers the presser privately, or checks for itself), or
   * only the `invoker`, the member whose command made the message it sits on.
   */
  readonly pressableBy: 'anyone' | 'invoker';
  parse(customId: string): ((interaction: I, context: Context) => Promise<void>) | null;
}

/** Buttons or forms whose custom ids `ids` encodes, handled by `run` with the id already decoded. */
export function handledBy<Id, I, Context>(
  ids: CustomIds<Id>,
  run: (interaction: I, id: Id, context: Context) => Promise<void>,
  { pressableBy = 'anyone' }: { pressableBy?: 'anyone' | 'invoker' } = {},
): ComponentHandler<I, Context> {
  return {
    command: ids.command,
    pressableBy,
    parse(customId) {
      const id = ids.decode(customId);
      return id === null ? null : (interaction, context) => run(interaction, id, context);
    },
  };
}

/** What every command module has, with the context its handlers get. */
export interface CommandParts<Context> {
  /** The definition Discord registers; its name routes commands, autocomplete, buttons and forms here. */
  readonly data: { readonly name: string; toJSON(): RESTPostAPIApplicationCommandsJSONBody };
  readonly cooldown?: CommandCooldown;
  /** What /help says a message command does: Discord gives those no description of their own. */
  readonly helpText?: string;
  /** A slash command's handler. */
  readonly execute?: (interaction: ChatInputCommandInteraction, context: Context) => Promise<void>;
  /** A message context-menu command's handler (right-click a message → Apps → the command's name). */
  readonly executeOnMessage?: (interaction: MessageContextMenuCommandInteraction, context: Context) => Promise<void>;
  readonly autocomplete?: (interaction: AutocompleteInteraction, context: Context) => Promise<void>;
  readonly buttons?: ComponentHandler<ButtonInteraction, Context>;
  readonly forms?: ComponentHandler<ModalSubmitInteraction, Context>;
}

/**
 * A slash command module in `commands/` (its default export): the definition with who may use it
 * and its cooldown, and the handlers. The dispatcher enforces the preconditions for the command,
 * its autocomplete, its buttons and its forms alike, so no handler has to remember to.
 */
export type CommandModule =
  | (CommandParts<BotContext> & { readonly moderatorOnly?: false })
  | (CommandParts<ModeratorContext> & {
      /** Manage Server or one of MOD_ROLE_IDS, checked on every interaction, not only hidden in the client. */
      readonly moderatorOnly: true;
      /**
       * Subcommands (not in a group) that any server's moderators may run, over their own server's questions only;
       * everything else of the command — its other subcommands, autocomplete, buttons and forms — is for the
       * moderators of a knowledge server (KNOWLEDGE_GUILD_IDS).
       */
      readonly readOnlySubcommands?: readonly string[];
    });

/**
 * A command as members reach it, in help and in messages: `/ask`, or `Apps → Answer with FAQ` for a
 * command on a message (typing "/Answer with FAQ" finds nothing).
 */
export function commandLabel(command: Pick<CommandSummary, 'name' | 'onMessage'>): string {
  return command.onMessage ? `Apps → ${command.name}` : `/${command.name}`;
}

/** What /help shows of each command module, in the order given. */
export function summarizeCommands(modules: Iterable<CommandModule>): CommandSummary[] {
  return [...modules].map((module) => {
    const json = module.data.toJSON();
    const options = 'options' in json ? (json.options ?? []) : [];
    const onMessage = json.type === ApplicationCommandType.Message;
    return {
      name: json.name,
      description: onMessage ? (module.helpText ?? '') : ('description' in json && json.description) || '',
      onMessage,
      moderatorOnly: module.moderatorOnly === true,
      hasPrivateOption: options.some((option) => option.name === privateOptionName),
    };
  });
}

/** An error whose message is meant for the member who ran the command; the dispatcher shows it privately. */
export class UserFacingError extends Error {
  override readonly name = 'UserFacingError';
}
