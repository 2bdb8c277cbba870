import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAskArgs, UsageError } from '../../src/cli/cliArgs.ts';
import { ConfigError, readBotConfig } from '../../src/config/botConfig.ts';
import { bundledKnowledgeDir } from '../../src/config/paths.ts';

const usageErrorOf = (argv: string[], env: NodeJS.ProcessEnv = {}): string => {
  try {
    parseAskArgs(argv, env);
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  return '';
};

describe('ask and chat arguments', () => {
  it('defaults to the plain reply, the bundled knowledge and 1 MiB files', () => {
    expect(parseAskArgs(['can', 'openai', 'use', 'aws?'], {})).toEqual({
      json: false,
      explain: false,
      help: false,
      knowledgeDir: path.resolve(bundledKnowledgeDir),
      readLimits: { maxFileBytes: 1024 * 1024 },
      question: 'can openai use aws?',
      meaning: { setting: 'off', dataDir: path.resolve(bundledKnowledgeDir, '..', 'data') },
    });
    expect(parseAskArgs(['--json'], {}).question).toBeNull();
  });

  it('reads MEANING and DATA_DIR as the bot does, refusing a MEANING that is neither on nor off', () => {
    expect(parseAskArgs(['hi'], { MEANING: ' ON ', DATA_DIR: 'state' }).meaning).toEqual({ setting: 'on', dataDir: path.resolve('state') });
    expect(() => parseAskArgs(['hi'], { MEANING: 'yes' })).toThrow(/^MEANING must be on or off/);
  });

  it('takes the knowledge folder from --knowledge (trimmed), else KNOWLEDGE_DIR', () => {
    expect(parseAskArgs(['--knowledge', ' kb ', 'hi'], { KNOWLEDGE_DIR: 'other' }).knowledgeDir).toBe(path.resolve('kb'));
    expect(parseAskArgs(['hi'], { KNOWLEDGE_DIR: ' other ' }).knowledgeDir).toBe(path.resolve('other'));
    expect(parseAskArgs(['hi'], { KNOWLEDGE_DIR: '' }).knowledgeDir).toBe(path.resolve(bundledKnowledgeDir));
  });

  it('refuses an empty --knowledge, unknown options and a flag given a value', () => {
    expect(usageErrorOf(['--knowledge', ' ', 'hi'])).toBe('--knowledge needs a folder');
    expect(usageErrorOf(['--jsn', 'hi'])).toContain("Unknown option '--jsn'");
    expect(usageErrorOf(['--json=yes', 'hi'])).toContain('--json');
  });

  it('refuses a bad KNOWLEDGE_MAX_FILE_BYTES naming the variable, as the bot does', () => {
    const message = 'KNOWLEDGE_MAX_FILE_BYTES must be a whole number of bytes from 1024 to 67108864 (default 1048576, 1 MiB)';
    for (const value of ['lots', '12.5', '100', '100000000']) {
      expect(usageErrorOf(['hi'], { KNOWLEDGE_MAX_FILE_BYTES: value })).toBe(message);
      let problems: readonly string[] = [];
      try {
        readBotConfig({ DISCORD_TOKEN: 'MTIzNDU2Nzg5MDEyMzQ1Njc4.abcdef.abcdefghijklmnopqrstuvwxyz0123', KNOWLEDGE_MAX_FILE_BYTES: value });
      } catch (error) {
        if (error instanceof ConfigError) problems = error.problems;
      }
      expect(problems).toEqual([message]);
    }
    expect(parseAskArgs(['hi'], { KNOWLEDGE_MAX_FILE_BYTES: ' 2048 ' }).readLimits).toEqual({ maxFileBytes: 2048 });
  });
});
