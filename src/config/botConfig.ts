import path from 'node:path';
import { z } from 'zod';
import { defaultMaxFileBytes } from '../knowledge/readTextFile.ts';
import { bundledKnowledgeDir } from './paths.ts';

const snowflake = /^\d{17,20}$/;
const defaultApiBase = 'https://discord.com/api';

const idList = (name: string, what: string) =>
  z
    .string()
    .optional()
    .transform((value) => (value ?? '').split(',').map((id) => id.trim()).filter(Boolean))
    .refine((ids) => ids.every((id) => snowflake.test(id)), {
      error: `${name} must be a comma-separated list of ${what} ids (17–20 digits each; right-click → Copy ID with Developer Mode on)`,
    });

const optionalId = (name: string, what: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value) => value || undefined)
    .refine((value) => value === undefined || snowflake.test(value), {
      error: `${name} must be a ${what} id (17–20 digits; right-click → Copy ID with Developer Mode on), or left empty`,
    });

// The terminal tools read only this one; the bot reads it with everything else below.
const knowledgeDirField = z
  .string()
  .trim()
  .optional()
  .transform((dir) => path.resolve(dir || bundledKnowledgeDir));

/** KNOWLEDGE_DIR, or the knowledge folder shipped with the bot. */
export function knowledgeDirFromEnv(env: NodeJS.ProcessEnv): string {
  return knowledgeDirField.parse(env.KNOWLEDGE_DIR);
}

const dataDirField = z
  .string()
  .trim()
  .optional()
  .transform((dir) => (dir ? path.resolve(dir) : undefined));

/** DATA_DIR, or `data` next to the knowledge folder: what the terminal tools that read the question log use. */
export function dataDirFromEnv(env: NodeJS.ProcessEnv): string {
  return dataDirField.parse(env.DATA_DIR) ?? path.resolve(knowledgeDirFromEnv(env), '..', 'data');
}

const maxFileBytesLimit = 64 * 1024 * 1024;
const maxFileBytesField = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? Number(value) : defaultMaxFileBytes))
  .refine((bytes) => Number.isInteger(bytes) && bytes >= 1024 && bytes <= maxFileBytesLimit, {
    error: `KNOWLEDGE_MAX_FILE_BYTES must be a whole number of bytes from 1024 to ${maxFileBytesLimit} (default ${defaultMaxFileBytes}, 1 MiB)`,
  });

/** How much of a knowledge file is read at most (KNOWLEDGE_MAX_FILE_BYTES); the terminal tools read only this and KNOWLEDGE_DIR. */
export function knowledgeReadLimitsFromEnv(env: NodeJS.ProcessEnv): { readonly maxFileBytes: number } {
  const parsed = maxFileBytesField.safeParse(env.KNOWLEDGE_MAX_FILE_BYTES);
  if (!parsed.success) throw new ConfigError(parsed.error.issues.map((issue) => issue.message));
  return { maxFileBytes: parsed.data };
}

const envSchema = z.object({
  // The token's own text never appears in a message: a bad token is described, not echoed.
  DISCORD_TOKEN: z
    .string({ error: 'DISCORD_TOKEN is missing: copy the bot token from the Discord Developer Portal (your application → Bot → Reset Token) into .env' })
    .trim()
    .min(1, { error: 'DISCORD_TOKEN is empty: copy the bot token from the Discord Developer Portal (your application → Bot → Reset Token) into .env' })
    .refine((token) => /^[\w-]+\.[\w-]+\.[\w-]+$/.test(token), {
      error: 'DISCORD_TOKEN does not look like a bot token (three parts separated by dots); copy it again from the Developer Portal → Bot',
    }),
  DISCORD_CLIENT_ID: optionalId('DISCORD_CLIENT_ID', 'application'),
  DISCORD_GUILD_ID: optionalId('DISCORD_GUILD_ID', 'server (guild)'),
  ANSWER_CHANNEL_IDS: idList('ANSWER_CHANNEL_IDS', 'channel'),
  MOD_ROLE_IDS: idList('MOD_ROLE_IDS', 'role'),
  MOD_LOG_CHANNEL_ID: optionalId('MOD_LOG_CHANNEL_ID', 'channel'),
  KNOWLEDGE_DIR: knowledgeDirField,
  KNOWLEDGE_MAX_FILE_BYTES: maxFileBytesField,
  DATA_DIR: dataDirField,
  QUESTION_LOG: z
    .string()
    .trim()
    .toLowerCase()
    .optional()
    .transform((value) => value || 'on')
    .pipe(z.enum(['on', 'off'], { error: 'QUESTION_LOG must be on or off (default on: questions are recorded for the moderators\' gap review)' }))
    .transform((value) => value === 'on'),
  RETENTION_DAYS: z
    .string()
    .trim()
    .optional()
    .transform((value) => (value ? Number(value) : 30))
    .refine((days) => Number.isInteger(days) && days >= 1 && days <= 3650, {
      error: 'RETENTION_DAYS must be a whole number of days from 1 to 3650 (default 30): how long the question log keeps a question',
    }),
  LOG_LEVEL: z
    .string()
    .trim()
    .toLowerCase()
    .optional()
    .transform((level) => level || 'info')
    .pipe(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent' })),
  COOLDOWN_SECONDS: z
    .string()
    .trim()
    .optional()
    .transform((value) => (value ? Number(value) : 5))
    .refine((seconds) => Number.isInteger(seconds) && seconds >= 0 && seconds <= 3600, {
      error: 'COOLDOWN_SECONDS must be a whole number of seconds from 0 (off) to 3600',
    }),
  MESSAGE_CONTENT_INTENT: z
    .string()
    .trim()
    .toLowerCase()
    .optional()
    .transform((value) => value || 'true')
    .pipe(z.enum(['true', 'false'], { error: 'MESSAGE_CONTENT_INTENT must be true or false' }))
    .transform((value) => value === 'true'),
  DISCORD_API_BASE: z
    .string()
    .trim()
    .optional()
    .transform((value) => (value || defaultApiBase).replace(/\/+$/, ''))
    .refine((value) => /^https?:\/\/[^/\s]+/.test(value), {
      error: 'DISCORD_API_BASE must be an http(s) URL such as https://discord.com/api (without /v10), or left empty',
    }),
});

export type BotConfig = Readonly<{
  token: string;
  clientId: string | undefined;
  guildId: string | undefined;
  answerChannelIds: readonly string[];
  modRoleIds: readonly string[];
  modLogChannelId: string | undefined;
  knowledgeDir: string;
  /** A knowledge file larger than this is refused with a problem rather than read. */
  maxKnowledgeFileBytes: number;
  /** Where the bot keeps what is not knowledge: the moderators' audit log and the question log. */
  dataDir: string;
  /** Record handled questions, votes and labels in DATA_DIR/faqbot.sqlite (QUESTION_LOG). */
  questionLog: boolean;
  /** Days the question log keeps a row (RETENTION_DAYS). */
  retentionDays: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  cooldownSeconds: number;
  messageContentIntent: boolean;
  apiBase: string;
}>;

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  - ${problem}`).join('\n')}`);
  }
}

/** Reads and validates the whole configuration once; every problem is listed, none of the values. */
export function readBotConfig(env: NodeJS.ProcessEnv): BotConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => issue.message));
  }
  const config = parsed.data;
  return {
    token: config.DISCORD_TOKEN,
    clientId: config.DISCORD_CLIENT_ID,
    guildId: config.DISCORD_GUILD_ID,
    answerChannelIds: config.ANSWER_CHANNEL_IDS,
    modRoleIds: config.MOD_ROLE_IDS,
    modLogChannelId: config.MOD_LOG_CHANNEL_ID,
    knowledgeDir: config.KNOWLEDGE_DIR,
    maxKnowledgeFileBytes: config.KNOWLEDGE_MAX_FILE_BYTES,
    dataDir: config.DATA_DIR ?? path.resolve(config.KNOWLEDGE_DIR, '..', 'data'),
    questionLog: config.QUESTION_LOG,
    retentionDays: config.RETENTION_DAYS,
    logLevel: config.LOG_LEVEL,
    cooldownSeconds: config.COOLDOWN_SECONDS,
    messageContentIntent: config.MESSAGE_CONTENT_INTENT,
    apiBase: config.DISCORD_API_BASE,
  };
}

/** For entry points: the configuration, or every problem on stderr and exit code 1. */
export function readBotConfigOrExit(env: NodeJS.ProcessEnv): BotConfig {
  try {
    return readBotConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n\nSee .env.example for every setting and how to fill it in.\n`);
    process.exit(1);
  }
}
