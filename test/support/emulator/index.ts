export { DiscordEmulator } from './DiscordEmulator.ts';
export type {
  CommandOptionInput,
  ComponentOptions,
  ForumThreadOptions,
  InteractionResult,
  ModalSubmitOptions,
  SelectMenuOptions,
  SendMessageOptions,
  SlashCommandOptions,
  MessageCommandOptions,
} from './DiscordEmulator.ts';
export type { InteractionCallbackBody, InteractionEdit, RejectedAttempt } from './interactions.ts';
export type { FixtureChannels, FixtureRoles, FixtureUsers } from './fixtures.ts';
export { Limits } from './limits.ts';
export { Permission } from './permissions.ts';
export type {
  EmulatorMessage,
  EmulatorOptions,
  FailureRule,
  JsonObject,
  MessageWrite,
  MessageWriteKind,
  RecordedClose,
  RecordedFrame,
  RecordedIdentify,
  RecordedRequest,
  RecordedResume,
  StallRule,
  UploadedFile,
} from './types.ts';
