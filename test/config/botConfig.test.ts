import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'discord.js';
import { parse } from 'dotenv';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, hideShardSettingsFromDiscordJs, isSnowflake, readBotConfig } from '../../src/config/botConfig.ts';
import { redactUrlCredentials } from '../../src/config/redactUrlCredentials.ts';
import { projectRoot } from '../support/compiled.ts';

const token = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.abcdef.abcdefghijklmnopqrstuvwxyz0123';
// A channel id as Discord mints them (2016): 17–20 digits whose first 42 bits are a time before now.
const realId = '222078108977594368';

function problemsOf(env: NodeJS.ProcessEnv): readonly string[] {
  try {
    readBotConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

describe('the .env.example a new user copies', () => {
  it('starts with only DISCORD_TOKEN filled in: every empty value means its default', () => {
    const example = parse(readFileSync(path.join(projectRoot, '.env.example'), 'utf8'));
    const config = readBotConfig({ ...example, DISCORD_TOKEN: token });
    expect(config).toMatchObject({
      clientId: undefined,
      guildId: undefined,
      answerChannelIds: [],
      modRoleIds: [],
      knowledgeGuildIds: [],
      databaseUrl: undefined,
      questionLog: true,
      retentionDays: 30,
      cooldownSeconds: 5,
      logLevel: 'info',
      messageContentIntent: true,
      apiBase: 'https://discord.com/api',
      metrics: undefined,
      sharding: { mode: 'single' },
    });
  });

  it('hides the SHARD_COUNT= it leaves empty from discord.js, which takes it for zero shards', () => {
    const env = { SHARD_COUNT: '', SHARDS: '' };
    const saved = { SHARD_COUNT: process.env.SHARD_COUNT, SHARDS: process.env.SHARDS };
    const construct = () => new Client({ intents: [], shards: [0], shardCount: 1 }).destroy();
    try {
      process.env.SHARD_COUNT = env.SHARD_COUNT;
      expect(construct).toThrow(/shardCount/);
      hideShardSettingsFromDiscordJs(process.env);
      expect(construct).not.toThrow();
    } finally {
      for (const [name, value] of Object.entries(saved)) if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });
});

describe('one problem, one message', () => {
  it('an empty token is said once, with where to get one', () => {
    expect(problemsOf({ DISCORD_TOKEN: '' })).toEqual([expect.stringMatching(/^DISCORD_TOKEN is empty: copy the bot token from the Discord Developer Portal/)]);
    expect(problemsOf({ DISCORD_TOKEN: '   ' })).toHaveLength(1);
  });
});

describe('the token and the API address', () => {
  it('takes a token of three dot-separated parts only', () => {
    expect(readBotConfig({ DISCORD_TOKEN: ` ${token} ` }).token).toBe(token);
    for (const wrong of ['abc.def', `${token}.extra`, `Bot ${token}`, `${token} ${token}`, `${token}/`]) {
      expect(problemsOf({ DISCORD_TOKEN: wrong }), wrong).toEqual([expect.stringMatching(/^DISCORD_TOKEN does not look like a bot token/)]);
    }
  });

  it('takes an http or https DISCORD_API_BASE, without trailing slashes', () => {
    expect(readBotConfig({ DISCORD_TOKEN: token, DISCORD_API_BASE: 'http://127.0.0.1:8080/api//' }).apiBase).toBe('http://127.0.0.1:8080/api');
    expect(readBotConfig({ DISCORD_TOKEN: token, DISCORD_API_BASE: 'https://proxy.example/api' }).apiBase).toBe('https://proxy.example/api');
    for (const wrong of ['discord.com/api', 'ftp://discord.com/api', 'https:///api']) {
      expect(problemsOf({ DISCORD_TOKEN: token, DISCORD_API_BASE: wrong }), wrong).toEqual([expect.stringMatching(/^DISCORD_API_BASE must be an http\(s\) URL/)]);
    }
  });
});

describe('ids', () => {
  it('takes Discord ids, and lists of them', () => {
    expect(readBotConfig({ DISCORD_TOKEN: token, ANSWER_CHANNEL_IDS: `${realId}, 1234567890123456789` }).answerChannelIds).toEqual([realId, '1234567890123456789']);
    expect(readBotConfig({ DISCORD_TOKEN: token, KNOWLEDGE_GUILD_IDS: realId }).knowledgeGuildIds).toEqual([realId]);
  });

  it('refuses a mistyped id, naming the variable and the value', () => {
    // A digit too many: beyond 64 bits, or minted decades from now.
    for (const typo of ['99999999999999999999', '9999999999999999999', `${realId}0`]) {
      expect(isSnowflake(typo)).toBe(false);
      expect(problemsOf({ DISCORD_TOKEN: token, ANSWER_CHANNEL_IDS: `${realId},${typo}` })).toEqual([
        `ANSWER_CHANNEL_IDS must be a comma-separated list of channel ids (17–20 digits each; right-click → Copy ID with Developer Mode on): "${typo}" is not a Discord id`,
      ]);
    }
    expect(problemsOf({ DISCORD_TOKEN: token, DISCORD_GUILD_ID: '99999999999999999999' })).toEqual([expect.stringMatching(/^DISCORD_GUILD_ID must be a server \(guild\) id/)]);
    expect(problemsOf({ DISCORD_TOKEN: token, DISCORD_CLIENT_ID: 'my-bot' })).toEqual([expect.stringMatching(/^DISCORD_CLIENT_ID must be an application id \(17–20 digits/)]);
    expect(problemsOf({ DISCORD_TOKEN: token, MOD_LOG_CHANNEL_ID: '#mod-log' })).toEqual([expect.stringMatching(/^MOD_LOG_CHANNEL_ID must be a channel id \(17–20 digits/)]);
  });

  it('takes as a Discord id only 17 to 20 digits with nothing before or after them', () => {
    expect(isSnowflake(realId)).toBe(true);
    expect(isSnowflake('12345678901234567')).toBe(true);
    for (const forged of [`<@&${realId}>`, `<#${realId}>`, `${realId}>`, `x${realId}`, ` ${realId}`, `${realId}\n`, `0x${realId}`, '1234567890123456', '123456789012345678901']) {
      expect(isSnowflake(forged), forged).toBe(false);
    }
  });

  it('refuses a mention pasted for an id: only the digits alone are an id', () => {
    expect(problemsOf({ DISCORD_TOKEN: token, MOD_ROLE_IDS: `<@&${realId}>` })).toEqual([expect.stringContaining(`MOD_ROLE_IDS must be a comma-separated list of role ids`)]);
    expect(problemsOf({ DISCORD_TOKEN: token, ANSWER_CHANNEL_IDS: `<#${realId}>` })).toEqual([expect.stringContaining('ANSWER_CHANNEL_IDS')]);
    expect(problemsOf({ DISCORD_TOKEN: token, KNOWLEDGE_GUILD_IDS: `x${realId}` })).toEqual([expect.stringContaining('KNOWLEDGE_GUILD_IDS')]);
  });
});

describe('numbers', () => {
  it('takes plain whole numbers only: not 1e1, 0x10, 0b11 or 5.0', () => {
    for (const odd of ['1e1', '0x10', '0b11', '5.0', '+5', '1_0']) {
      expect(problemsOf({ DISCORD_TOKEN: token, RETENTION_DAYS: odd }), odd).toEqual([expect.stringMatching(/^RETENTION_DAYS must be a whole number of days/)]);
      expect(problemsOf({ DISCORD_TOKEN: token, COOLDOWN_SECONDS: odd }), odd).toEqual([expect.stringMatching(/^COOLDOWN_SECONDS must be a whole number/)]);
      expect(problemsOf({ DISCORD_TOKEN: token, METRICS_PORT: odd }), odd).toEqual([expect.stringMatching(/^METRICS_PORT must be a port number/)]);
      expect(problemsOf({ DISCORD_TOKEN: token, SHARD_COUNT: odd }), odd).toEqual([expect.stringMatching(/^SHARD_COUNT must be auto/)]);
    }
    expect(problemsOf({ DISCORD_TOKEN: token, KNOWLEDGE_MAX_FILE_BYTES: '1e6' })).toEqual([expect.stringMatching(/^KNOWLEDGE_MAX_FILE_BYTES must be a whole number of bytes/)]);
    expect(readBotConfig({ DISCORD_TOKEN: token, RETENTION_DAYS: ' 10 ', COOLDOWN_SECONDS: '0' })).toMatchObject({ retentionDays: 10, cooldownSeconds: 0 });
  });
});

describe('switches and levels', () => {
  it('takes every LOG_LEVEL pino has, in any case, and nothing else', () => {
    for (const level of ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const) {
      expect(readBotConfig({ DISCORD_TOKEN: token, LOG_LEVEL: level.toUpperCase() }).logLevel).toBe(level);
    }
    expect(problemsOf({ DISCORD_TOKEN: token, LOG_LEVEL: 'verbose' })).toEqual([expect.stringMatching(/^LOG_LEVEL must be one of/)]);
  });

  it('takes true or false for MESSAGE_CONTENT_INTENT and on or off for QUESTION_LOG', () => {
    expect(readBotConfig({ DISCORD_TOKEN: token, MESSAGE_CONTENT_INTENT: 'False', QUESTION_LOG: 'OFF' })).toMatchObject({ messageContentIntent: false, questionLog: false });
    expect(readBotConfig({ DISCORD_TOKEN: token, MESSAGE_CONTENT_INTENT: 'true', QUESTION_LOG: 'on' })).toMatchObject({ messageContentIntent: true, questionLog: true });
    expect(problemsOf({ DISCORD_TOKEN: token, MESSAGE_CONTENT_INTENT: 'yes', QUESTION_LOG: 'true' })).toEqual([
      expect.stringMatching(/^QUESTION_LOG must be on or off/),
      expect.stringMatching(/^MESSAGE_CONTENT_INTENT must be true or false/),
    ]);
  });
});

describe('ranges', () => {
  it('RETENTION_DAYS from 1 to 3650 days', () => {
    expect(readBotConfig({ DISCORD_TOKEN: token, RETENTION_DAYS: '1' }).retentionDays).toBe(1);
    expect(readBotConfig({ DISCORD_TOKEN: token, RETENTION_DAYS: '3650' }).retentionDays).toBe(3650);
    for (const outside of ['0', '3651']) expect(problemsOf({ DISCORD_TOKEN: token, RETENTION_DAYS: outside }), outside).toEqual([expect.stringMatching(/^RETENTION_DAYS must be a whole number of days from 1 to 3650/)]);
  });

  it('KNOWLEDGE_MAX_FILE_BYTES from 1024 bytes to 64 MiB', () => {
    for (const bytes of [1024, 64 * 1024 * 1024]) expect(readBotConfig({ DISCORD_TOKEN: token, KNOWLEDGE_MAX_FILE_BYTES: String(bytes) }).maxKnowledgeFileBytes).toBe(bytes);
    for (const outside of ['1023', String(64 * 1024 * 1024 + 1)]) {
      expect(problemsOf({ DISCORD_TOKEN: token, KNOWLEDGE_MAX_FILE_BYTES: outside }), outside).toEqual([expect.stringMatching(/^KNOWLEDGE_MAX_FILE_BYTES must be a whole number of bytes from 1024/)]);
    }
  });

  it('COOLDOWN_SECONDS from 0 (off) to 3600 seconds', () => {
    expect(readBotConfig({ DISCORD_TOKEN: token, COOLDOWN_SECONDS: '0' }).cooldownSeconds).toBe(0);
    expect(readBotConfig({ DISCORD_TOKEN: token, COOLDOWN_SECONDS: '3600' }).cooldownSeconds).toBe(3600);
    for (const outside of ['-1', '3601']) expect(problemsOf({ DISCORD_TOKEN: token, COOLDOWN_SECONDS: outside }), outside).toEqual([expect.stringMatching(/^COOLDOWN_SECONDS must be a whole number of seconds from 0/)]);
  });
});

describe('DATA_DIR', () => {
  it('a file where the folder should be is named, with the fix, not left to a bare EEXIST', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'faq-config-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const file = path.join(dir, 'data');
    await writeFile(file, 'not a folder');
    expect(problemsOf({ DISCORD_TOKEN: token, DATA_DIR: file })).toEqual([
      `DATA_DIR is ${file}, but that is a file, not a folder: set DATA_DIR to a folder for the question log and the audit log (it is created when missing)`,
    ]);
    expect(problemsOf({ DISCORD_TOKEN: token, DATA_DIR: path.join(file, 'inner') })).toEqual([expect.stringContaining(`but ${file} is a file, not a folder`)]);
    // Unset: the default beside the knowledge folder is checked the same way.
    expect(problemsOf({ DISCORD_TOKEN: token, KNOWLEDGE_DIR: path.join(dir, 'knowledge') })).toEqual([expect.stringMatching(/^The data folder .* \(DATA_DIR is empty: data\/ next to the knowledge folder\), but that is a file/)]);
    expect(readBotConfig({ DISCORD_TOKEN: token, DATA_DIR: path.join(dir, 'new', 'folder') }).dataDir).toBe(path.join(dir, 'new', 'folder'));
  });
});

describe('DATABASE_URL', () => {
  it('is off when empty (SQLite in DATA_DIR) and taken as it is when a PostgreSQL URL', () => {
    expect(readBotConfig({ DISCORD_TOKEN: token, DATABASE_URL: '' }).databaseUrl).toBeUndefined();
    expect(readBotConfig({ DISCORD_TOKEN: token, DATABASE_URL: ' postgres://faqbot:s3cret@db.internal:5432/faqbot ' }).databaseUrl).toBe('postgres://faqbot:s3cret@db.internal:5432/faqbot');
    expect(readBotConfig({ DISCORD_TOKEN: token, DATABASE_URL: 'postgresql://db.internal/faqbot' }).databaseUrl).toBe('postgresql://db.internal/faqbot');
  });

  it('refuses anything else with the fix, and never shows the password', () => {
    for (const [value, says] of [
      ['mysql://faqbot:s3cret@db.internal/faqbot', 'must start with postgres://'],
      ['postgresx://faqbot:s3cret@db.internal/faqbot', 'must start with postgres://'],
      ['postgres-ssl://faqbot:s3cret@db.internal/faqbot', 'must start with postgres://'],
      ['faqbot:s3cret@db.internal', 'must start with postgres://'],
      ['//faqbot:s3cret@db.internal/faqbot', 'must be a PostgreSQL URL'],
      ['postgres://faqbot:s3cret@db.internal:5432', 'names no database'],
      ['postgres://faqbot:s3cret@db.internal:5432/', 'names no database'],
    ] as const) {
      const problems = problemsOf({ DISCORD_TOKEN: token, DATABASE_URL: value }).join('\n');
      expect(problems, value).toContain('DATABASE_URL');
      expect(problems, value).toContain(says);
      expect(problems, value).not.toContain('s3cret');
    }
  });

  it('hides the user and password of every URL in a text shown, not only of the first', () => {
    expect(redactUrlCredentials('postgres://faqbot:s3cret@db.internal/faqbot, then https://proxy:p4ss@proxy.internal/api')).toBe(
      'postgres://***@db.internal/faqbot, then https://***@proxy.internal/api',
    );
  });
});

describe('MEANING', () => {
  it('is off unless set to on, in any case and spacing', () => {
    expect(readBotConfig({ DISCORD_TOKEN: token }).meaning).toBe('off');
    expect(readBotConfig({ DISCORD_TOKEN: token, MEANING: '' }).meaning).toBe('off');
    expect(readBotConfig({ DISCORD_TOKEN: token, MEANING: ' On ' }).meaning).toBe('on');
    expect(readBotConfig({ DISCORD_TOKEN: token, MEANING: 'off' }).meaning).toBe('off');
  });

  it('refuses anything else, saying what the two values do', () => {
    for (const wrong of ['yes', 'true', '1', 'encoder']) {
      expect(problemsOf({ DISCORD_TOKEN: token, MEANING: wrong }), wrong).toEqual([expect.stringMatching(/^MEANING must be on or off \(default off\): on adds the sentence encoder/)]);
    }
  });
});
