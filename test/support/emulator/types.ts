import type { APIMessage } from 'discord.js';
import type { JsonObject } from './json.ts';

export type { JsonObject } from './json.ts';

export interface EmulatorOptions {
  /** Bot token the client must present; a Discord-shaped random token by default. */
  token?: string;
  /** HELLO heartbeat_interval. Discord uses 41250; tests should pass something small. */
  heartbeatIntervalMs?: number;
  /** How long the bot has to send the first interaction callback (Discord: 3000). */
  interactionTimeoutMs?: number;
  /** How long follow-ups/edits are accepted after acknowledgement (Discord: 15 minutes). */
  interactionTokenLifetimeMs?: number;
  /**
   * Privileged intents "enabled in the developer portal". Identifying with one that is not enabled closes the
   * socket with 4014, as Discord does. All enabled by default.
   */
  privilegedIntents?: { guildMembers?: boolean; guildPresences?: boolean; messageContent?: boolean };
  /** Throw from runSlashCommand/autocomplete when the command was never registered (Discord could not send it). */
  strictCommands?: boolean;
  /** The shard count `GET /gateway/bot` recommends (default 1). */
  shards?: number;
  /** How many guilds the bot is in (default 1, the fixture guild); see `emu.guilds` for which shard each is on. */
  guilds?: number;
}

export interface UploadedFile {
  field: string;
  filename: string;
  contentType: string;
  size: number;
}

/** One HTTP request as the emulator saw it. The Authorization header is checked, then never stored. */
export interface RecordedRequest {
  seq: number;
  method: string;
  /** Path without `/api/v10` and without the query string, e.g. `/channels/123/messages`. */
  route: string;
  query: Record<string, string>;
  /** Parsed JSON body (for multipart: the parsed `payload_json`), or null. */
  body: unknown;
  files: UploadedFile[];
  /** Whether a (correct) bot token was presented. */
  authenticated: boolean;
  at: number;
  /** HTTP status the emulator answered with. */
  status: number;
  /** Discord JSON error code when the answer was an error. */
  errorCode?: number;
  /** The error body, for failed requests (useful in assertion messages). */
  error?: JsonObject;
  /** Set when a failNext() rule produced this answer. */
  injected?: boolean;
  /** Set when a stallNext() rule held the response back this many milliseconds. */
  stalledMs?: number;
}

export type MessageWriteKind =
  | 'channel.create'
  | 'channel.edit'
  | 'interaction.callback'
  | 'webhook.create'
  | 'webhook.edit';

/**
 * Every payload that creates or edits message content, accepted or not, with whether `allowed_mentions` was present.
 * Lets a test assert "the bot never sends a message without allowed_mentions".
 */
export interface MessageWrite {
  requestSeq: number;
  kind: MessageWriteKind;
  route: string;
  /** The message fields (for callbacks: `data`). */
  payload: JsonObject;
  allowedMentionsPresent: boolean;
  allowedMentions: unknown;
  accepted: boolean;
  messageId?: string;
  /** Set when enforce_nonce matched an earlier message, which was returned instead of creating one. */
  deduplicated?: boolean;
}

export interface FailureRule {
  method?: string;
  /** Exact route (`/channels/1/messages`), a template with `:params` (`/channels/:id/messages`), or a RegExp. */
  route: string | RegExp;
  status: 429 | 500 | 502 | 503;
  /** Seconds, for 429s (body `retry_after` and the `Retry-After` header). Default 0.05. */
  retryAfter?: number;
  /** Answer this many matching requests with the failure (default 1). */
  times?: number;
  /** 429 scope header value. Default 'user'. */
  scope?: 'user' | 'global' | 'shared';
}

/** A message as the emulator stores it: the REST shape plus guild_id for guild channels. */
export type EmulatorMessage = APIMessage & { guild_id?: string };

export interface RecordedFrame {
  connectionId: number;
  op: number;
  /** Payload data with any token replaced by "[redacted]". */
  d: unknown;
  at: number;
}

export interface RecordedIdentify {
  connectionId: number;
  intents: number;
  properties: unknown;
  shard: unknown;
  compress: unknown;
  largeThreshold: unknown;
  presence: unknown;
  at: number;
}

/** A gateway close the emulator sent (fatal codes, forced disconnects, protocol errors). */
export interface RecordedClose {
  connectionId: number;
  code: number;
  reason: string;
  at: number;
}

/**
 * A request that is handled normally — the message is created — while its response is held back `ms`, so a client
 * with a shorter timeout gives up and retries: the "POST timed out but landed" case.
 */
export interface StallRule {
  method?: string;
  /** Exact route, a template with `:params`, or a RegExp, as in FailureRule. */
  route: string | RegExp;
  ms: number;
  /** Stall this many matching requests (default 1). */
  times?: number;
}

export interface RecordedResume {
  connectionId: number;
  sessionId: string;
  seq: number;
  /** How many missed events were replayed before RESUMED. */
  replayed: number;
  /** The path the client connected to; `/gateway/resume` means it used resume_gateway_url. */
  path: string;
  at: number;
}
