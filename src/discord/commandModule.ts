import type {
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  ModalSubmitInteraction,
  RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import type { BotConfig } from '../config/botConfig.ts';
import type { AnswerEngine } from '../search/answerEngine.ts';
import type { Logger } from './logger.ts';
import type { ModeratorTools } from './moderatorTools.ts';

/** The knowledge currently served; read once per interaction so one reply sees one snapshot. */
export interface KnowledgeSource {
  current(): { readonly engine: AnswerEngine };
}

/** What every handler may use. Handlers receive it; nothing reaches for globals or process.env. */
export interface BotContext {
  readonly config: BotConfig;
  readonly logger: Logger;
  readonly knowledge: KnowledgeSource;
  /** Moderator tools (/kb); absent when the bot runs without write access to the knowledge. */
  readonly moderation?: ModeratorTools;
}

/** A slash command module in `commands/`, in the discord.js guide's shape: its definition and handlers. */
export interface CommandModule {
  readonly data: { readonly name: string; toJSON(): RESTPostAPIChatInputApplicationCommandsJSONBody };
  execute(interaction: ChatInputCommandInteraction, context: BotContext): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, context: BotContext): Promise<void>;
  /** Buttons and forms whose custom id starts with `<command name>:` come back to their command. */
  handleButton?(interaction: ButtonInteraction, context: BotContext): Promise<void>;
  handleModal?(interaction: ModalSubmitInteraction, context: BotContext): Promise<void>;
}

/** An error whose message is meant for the member who ran the command; the dispatcher shows it privately. */
export class UserFacingError extends Error {
  override readonly name = 'UserFacingError';
}
