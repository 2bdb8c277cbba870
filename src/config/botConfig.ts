import { statSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { ConfigError } from './configError.ts';
import { databaseUrlOf, databaseUrlProblem } from './databaseUrl.ts';
import { knowledgeDirFromEnv, knowledgeDirOf, maxFileBytesOf, maxFileBytesProblem, plainNumber } from './knowledgeSettings.ts';
import { meaningProblem, meaningSettingOf, type MeaningSetting } from './meaningSetting.ts';

// The error of every configuration check, bot or terminal tool; the terminal tools import it from
// configError.ts, which loads no schema library.
export { ConfigError } from './configError.ts';

const defaultApiBase = 'https://discord.com/api';
const dayMs = 24 * 60 * 60 * 1000;
const discordEpochMs = 1_420_070_400_000n;

/**
 * Whether `id` can be a Discord id (a snowflake): 17 to 20 digits and nothing else, within 64 bits, and minted by
 * now (its first 42 bits are its creation time; a day's leeway for this machine's clock). A digit added or a
 * number pasted from elsewhere usually fails the last two.
 */
export function isSnowflake(id: string, now = Date.now()): boolean {
  if (!/^\d{17,20}$/.test(id)) return false;
  const value = BigInt(id);
  return value < 1n << 64n && (value >> 22n) + discordEpochMs <= BigInt(now + dayMs);
}

const copyIdHint = 'right-click → Copy ID with Developer Mode on';

const idList = (name: string, what: string) =>
  z
    .string()
    .optional()
    .transform((value) => (value ?? '').split(',').map((id) => id.trim()).filter(Boolean))
    .superRefine((ids, context) => {
      const wrong = ids.filter((id) => !isSnowflake(id));
      if (wrong.length === 0) return;
      // The wrong entries are quoted (they are ids, not secrets), cut short in case a whole line was pasted.
      const quoted = wrong.map((id) => JSON.stringify(id.length > 40 ? `${id.slice(0, 40)}…` : id)).join(', ');
      context.addIssue({
        code: 'custom',
        message: `${name} must be a comma-separated list of ${what} ids (17–20 digits each; ${copyIdHint}): ${quoted} ${wrong.length === 1 ? 'is not a' : 'are not'} Discord id${wrong.length === 1 ? '' : 's'}`,
      });
    });

/** `what`: the kind of id with its article ("an application"). */
const optionalId = (name: string, what: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value) => value || undefined)
    .refine((value) => value === undefined || isSnowflake(value), {
      error: `${name} must be ${what} id (17–20 digits; ${copyIdHint}), or left empty`,
    });

/** A whole number setting: empty means `fallback`; anything but plain digits (`1e1`, `0x10`, `5.0`) is NaN, refused. */
const wholeNumber = <Fallback extends number | undefined>(fallback: Fallback) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value): number | Fallback => (value ? plainNumber(value) : fallback));

const knowledgeDirField = z.string().optional().transform(knowledgeDirOf);

const dataDirField = z
  .string()
  .trim()
  .optional()
  .transform((dir) => (dir ? path.resolve(dir) : undefined));

/** DATA_DIR, or `data` next to the knowledge folder: what the terminal tools that read the question log use. */
export function dataDirFromEnv(env: NodeJS.ProcessEnv): string {
  return dataDirField.parse(env.DATA_DIR) ?? path.resolve(knowledgeDirFromEnv(env), '..', 'data');
}

const databaseUrlField = z
  .string()
  .optional()
  .transform((value, context) => {
    const problem = databaseUrlProblem(value);
    if (problem === null) return databaseUrlOf(value);
    // Only the problem: the issue carries no input, so the password is in no error object either.
    context.issues.push({ code: 'custom', message: problem, input: undefined });
    return z.NEVER;
  });

const maxFileBytesField = z
  .string()
  .optional()
  .transform((value, context) => {
    const bytes = maxFileBytesOf(value);
    if (bytes !== null) return bytes;
    context.issues.push({ code: 'custom', message: maxFileBytesProblem, input: value });
    return z.NEVER;
  });

const metricsPortField = wholeNumber(undefined)
  .refine((port) => port === undefined || (Number.isInteger(port) && port >= 0 && port <= 65_535), {
    error: 'METRICS_PORT must be a port number from 1 to 65535 (0 picks a free one), or left empty to serve no health check and metrics',
  });

const metricsHostField = z
  .string()
  .trim()
  .optional()
  .transform((host) => host || '127.0.0.1')
  // Colons belong to IPv6 addresses (two or more); a single one is a port after a name or an IPv4 address.
  .refine((host) => /^[\w.:-]+$/.test(host) && !host.includes('://') && host.split(':').length !== 2, {
    error: 'METRICS_HOST must be an address to listen on, such as 127.0.0.1 (the default), 0.0.0.0 or ::, without a scheme or port',
  });

const shardCountField = z
  .string()
  .trim()
  .toLowerCase()
  .optional()
  .transform((value): number | 'auto' | undefined => (!value ? undefined : value === 'auto' ? 'auto' : plainNumber(value)))
  .refine((count) => count === undefined || count === 'auto' || (Number.isInteger(count) && count >= 1 && count <= 10_000), {
    error: 'SHARD_COUNT must be auto (as many shards as Discord recommends) or a whole number of shards from 1, or left empty to run one process without sharding',
  });

/** `0,1,2` or `0-2` or a mix: the shards this process runs. */
const shardIdsField = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? parseShardIds(value) : undefined))
  .refine((ids) => ids !== null, {
    error: 'SHARD_IDS must list shard numbers, separated by commas, with ranges allowed (0,1,2 or 0-2), or be left empty',
  });

function parseShardIds(value: string): number[] | null {
  const ids = new Set<number>();
  for (const part of value.split(',').map((item) => item.trim())) {
    const range = /^(\d+)(?:\s*-\s*(\d+))?$/.exec(part);
    if (!range) return null;
    const from = Number(range[1]);
    const to = Number(range[2] ?? range[1]);
    if (to < from || to - from > 10_000) return null;
    for (let id = from; id <= to; id++) ids.add(id);
  }
  return [...ids].sort((a, b) => a - b);
}

const envSchema = z.object({
  // The token's own text never appears in a message: a bad token is described, not echoed.
  DISCORD_TOKEN: z
    .string({ error: 'DISCORD_TOKEN is missing: copy the bot token from the Discord Developer Portal (your application → Bot → Reset Token) into .env' })
    .trim()
    // One problem, one message: an empty token is not also "not shaped like a token".
    .min(1, { error: 'DISCORD_TOKEN is empty: copy the bot token from the Discord Developer Portal (your application → Bot → Reset Token) into .env', abort: true })
    .refine((token) => /^[\w-]+\.[\w-]+\.[\w-]+$/.test(token), {
      error: 'DISCORD_TOKEN does not look like a bot token (three parts separated by dots); copy it again from the Developer Portal → Bot',
    }),
  DISCORD_CLIENT_ID: optionalId('DISCORD_CLIENT_ID', 'an application'),
  DISCORD_GUILD_ID: optionalId('DISCORD_GUILD_ID', 'a server (guild)'),
  ANSWER_CHANNEL_IDS: idList('ANSWER_CHANNEL_IDS', 'channel'),
  MOD_ROLE_IDS: idList('MOD_ROLE_IDS', 'role'),
  KNOWLEDGE_GUILD_IDS: idList('KNOWLEDGE_GUILD_IDS', 'server (guild)'),
  MOD_LOG_CHANNEL_ID: optionalId('MOD_LOG_CHANNEL_ID', 'a channel'),
  KNOWLEDGE_DIR: knowledgeDirField,
  KNOWLEDGE_MAX_FILE_BYTES: maxFileBytesField,
  DATA_DIR: dataDirField,
  DATABASE_URL: databaseUrlField,
  QUESTION_LOG: z
    .string()
    .trim()
    .toLowerCase()
    .optional()
    .transform((value) => value || 'on')
    .pipe(z.enum(['on', 'off'], { error: 'QUESTION_LOG must be on or off (default on: questions are recorded for the moderators\' gap review)' }))
    .transform((value) => value === 'on'),
  MEANING: z
    .string()
    .optional()
    .transform((value, context): MeaningSetting => {
      const setting = meaningSettingOf(value);
      if (setting !== null) return setting;
      context.issues.push({ code: 'custom', message: meaningProblem, input: value });
      return z.NEVER;
    }),
  RETENTION_DAYS: wholeNumber(30).refine((days) => Number.isInteger(days) && days >= 1 && days <= 3650, {
    error: 'RETENTION_DAYS must be a whole number of days from 1 to 3650 (default 30): how long the question log keeps a question',
  }),
  LOG_LEVEL: z
    .string()
    .trim()
    .toLowerCase()
    .optional()
    .transform((level) => level || 'info')
    .pipe(z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { error: 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent' })),
  COOLDOWN_SECONDS: wholeNumber(5).refine((seconds) => Number.isInteger(seconds) && seconds >= 0 && seconds <= 3600, {
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
  METRICS_PORT: metricsPortField,
  METRICS_HOST: metricsHostField,
  SHARD_COUNT: shardCountField,
  SHARD_IDS: shardIdsField,
  // Set by discord.js's ShardingManager in the processes it starts: there, SHARDS is the one shard to run.
  SHARDING_MANAGER: z.string().optional(),
  SHARDS: z.string().optional(),
});

/**
 * How this process connects: one shard, no manager (the default); the manager of one process per shard
 * (SHARD_COUNT alone); or some of the shards in this process (SHARD_IDS with SHARD_COUNT, or a process the manager
 * started).
 */
export type Sharding =
  | { readonly mode: 'single' }
  | { readonly mode: 'manager'; readonly count: number | 'auto' }
  | { readonly mode: 'shards'; readonly ids: readonly number[]; readonly count: number; readonly underManager: boolean };

type ParsedEnv = z.infer<typeof envSchema>;

function shardingOf(env: ParsedEnv): Sharding | string {
  if (env.SHARDING_MANAGER === 'true') {
    const id = Number(env.SHARDS);
    const count = env.SHARD_COUNT;
    if (!Number.isInteger(id) || typeof count !== 'number' || id < 0 || id >= count) {
      return 'SHARDS and SHARD_COUNT from the sharding manager do not name a shard; start the bot with SHARD_COUNT instead of setting SHARDING_MANAGER';
    }
    return { mode: 'shards', ids: [id], count, underManager: true };
  }
  const ids = env.SHARD_IDS;
  const count = env.SHARD_COUNT;
  if (!ids) return count === undefined ? { mode: 'single' } : { mode: 'manager', count };
  if (typeof count !== 'number') {
    return 'SHARD_IDS needs SHARD_COUNT set to the total number of shards of every host (a number, not auto), e.g. SHARD_COUNT=4 SHARD_IDS=0-1';
  }
  const outside = ids.filter((id) => id >= count);
  if (outside.length > 0) {
    return `SHARD_IDS names shard ${outside.join(', ')}, but shards are numbered 0 to ${count - 1} with SHARD_COUNT=${count}`;
  }
  return { mode: 'shards', ids, count, underManager: false };
}

export type BotConfig = Readonly<{
  token: string;
  clientId: string | undefined;
  guildId: string | undefined;
  answerChannelIds: readonly string[];
  modRoleIds: readonly string[];
  /**
   * KNOWLEDGE_GUILD_IDS: the servers whose moderators own the knowledge. Empty: DISCORD_GUILD_ID, else the one server
   * the bot is in (see knowledgeServers.ts).
   */
  knowledgeGuildIds: readonly string[];
  modLogChannelId: string | undefined;
  knowledgeDir: string;
  /** A knowledge file larger than this is refused with a problem rather than read. */
  maxKnowledgeFileBytes: number;
  /** Where the bot keeps what is not knowledge: the moderators' audit log and the question log. */
  dataDir: string;
  /**
   * DATABASE_URL: PostgreSQL holds the question log, the audit log and the member-hash key, and carries knowledge
   * edits between hosts. Undefined: SQLite in DATA_DIR, one host's own. Holds the password: never log it as is.
   */
  databaseUrl: string | undefined;
  /** Record handled questions, votes and labels (QUESTION_LOG): in DATA_DIR/faqbot.sqlite, or DATABASE_URL's database. */
  questionLog: boolean;
  /** MEANING: the sentence encoder reads each question too (its embeddings cached in DATA_DIR). */
  meaning: MeaningSetting;
  /** Days the question log keeps a row (RETENTION_DAYS). */
  retentionDays: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  cooldownSeconds: number;
  messageContentIntent: boolean;
  apiBase: string;
  /** Health check and Prometheus metrics (METRICS_PORT, METRICS_HOST); off when undefined. */
  metrics: { readonly port: number; readonly host: string } | undefined;
  sharding: Sharding;
}>;

/** Reads and validates the whole configuration once; every problem is listed, none of the values. */
export function readBotConfig(env: NodeJS.ProcessEnv): BotConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((issue) => issue.message));
  }
  const config = parsed.data;
  const sharding = shardingOf(config);
  if (typeof sharding === 'string') throw new ConfigError([sharding]);
  const dataDir = config.DATA_DIR ?? path.resolve(config.KNOWLEDGE_DIR, '..', 'data');
  const dataDirIsFile = notAFolder(dataDir);
  if (dataDirIsFile !== null) throw new ConfigError([dataDirProblem(dataDir, dataDirIsFile, config.DATA_DIR !== undefined)]);
  return {
    token: config.DISCORD_TOKEN,
    clientId: config.DISCORD_CLIENT_ID,
    guildId: config.DISCORD_GUILD_ID,
    answerChannelIds: config.ANSWER_CHANNEL_IDS,
    modRoleIds: config.MOD_ROLE_IDS,
    knowledgeGuildIds: config.KNOWLEDGE_GUILD_IDS,
    modLogChannelId: config.MOD_LOG_CHANNEL_ID,
    knowledgeDir: config.KNOWLEDGE_DIR,
    maxKnowledgeFileBytes: config.KNOWLEDGE_MAX_FILE_BYTES,
    dataDir,
    databaseUrl: config.DATABASE_URL,
    questionLog: config.QUESTION_LOG,
    meaning: config.MEANING,
    retentionDays: config.RETENTION_DAYS,
    logLevel: config.LOG_LEVEL,
    cooldownSeconds: config.COOLDOWN_SECONDS,
    messageContentIntent: config.MESSAGE_CONTENT_INTENT,
    apiBase: config.DISCORD_API_BASE,
    metrics: config.METRICS_PORT === undefined ? undefined : { port: config.METRICS_PORT, host: config.METRICS_HOST },
    sharding,
  };
}

/**
 * The file in the way of `dir`, when `dir` or the nearest of its parents that exists is not a folder (the bot would
 * fail with a bare EEXIST or ENOTDIR making it); null when the folder is there or can be made.
 */
function notAFolder(dir: string): string | null {
  for (let current = dir; ; current = path.dirname(current)) {
    try {
      return statSync(current).isDirectory() ? null : current;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // Missing (or under a file): look at the parent. Anything else (no permission) is for the question log to report.
      if ((code !== 'ENOENT' && code !== 'ENOTDIR') || path.dirname(current) === current) return null;
    }
  }
}

function dataDirProblem(dir: string, file: string, fromEnv: boolean): string {
  const what = fromEnv ? `DATA_DIR is ${dir}` : `The data folder ${dir} (DATA_DIR is empty: data/ next to the knowledge folder)`;
  const where = file === dir ? 'but that is a file, not a folder' : `but ${file} is a file, not a folder`;
  return `${what}, ${where}: set DATA_DIR to a folder for the question log and the audit log (it is created when missing)`;
}

/**
 * Takes SHARD_COUNT and SHARDS out of `env` once the configuration has read them. discord.js's Client reads both from
 * the environment by itself whenever its own options equal its defaults (one shard), and takes the empty
 * `SHARD_COUNT=` of .env.example for zero shards, refusing to start. The bot hands the client its shards as options;
 * the sharding manager gives each shard process its own values.
 */
export function hideShardSettingsFromDiscordJs(env: NodeJS.ProcessEnv): void {
  delete env.SHARD_COUNT;
  delete env.SHARDS;
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
