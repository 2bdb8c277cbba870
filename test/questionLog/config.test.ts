import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, dataDirFromEnv, readBotConfig } from '../../src/config/botConfig.ts';

const token = { DISCORD_TOKEN: 'aaaa.bbbb.cccc' };

function problems(env: NodeJS.ProcessEnv): readonly string[] {
  try {
    readBotConfig(env);
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('question log settings', () => {
  it('records by default and keeps rows 30 days', () => {
    expect(readBotConfig(token)).toMatchObject({ questionLog: true, retentionDays: 30 });
    expect(readBotConfig({ ...token, QUESTION_LOG: ' OFF ', RETENTION_DAYS: '7' })).toMatchObject({ questionLog: false, retentionDays: 7 });
  });

  it('names the variable and the fix for a bad value', () => {
    expect(problems({ ...token, QUESTION_LOG: 'yes' })).toEqual([expect.stringContaining('QUESTION_LOG must be on or off')]);
    for (const days of ['0', '1.5', 'month', '4000']) {
      expect(problems({ ...token, RETENTION_DAYS: days })).toEqual([expect.stringContaining('RETENTION_DAYS must be a whole number of days from 1 to 3650')]);
    }
  });

  it('gives the terminal reports the DATA_DIR the bot uses', () => {
    expect(dataDirFromEnv({ DATA_DIR: 'somewhere' })).toBe(path.resolve('somewhere'));
    expect(dataDirFromEnv({ KNOWLEDGE_DIR: '/srv/bot/knowledge' })).toBe('/srv/bot/data');
    expect(readBotConfig({ ...token, KNOWLEDGE_DIR: '/srv/bot/knowledge' }).dataDir).toBe('/srv/bot/data');
  });
});
