import { describe, expect, it } from 'vitest';
import { ConfigError, readBotConfig, type BotConfig } from '../../src/config/botConfig.ts';

const token = 'MTIzNDU2Nzg5MDEyMzQ1Njc4.abcdef.abcdefghijklmnopqrstuvwxyz0123';
const read = (env: Record<string, string>): BotConfig => readBotConfig({ DISCORD_TOKEN: token, ...env });
const problemsOf = (env: Record<string, string>): readonly string[] => {
  try {
    read(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
};

describe('health and metrics settings', () => {
  it('serves nothing unless METRICS_PORT is set, and binds to loopback by default', () => {
    expect(read({}).metrics).toBeUndefined();
    expect(read({ METRICS_PORT: '' }).metrics).toBeUndefined();
    expect(read({ METRICS_PORT: '9464' }).metrics).toEqual({ port: 9464, host: '127.0.0.1' });
    expect(read({ METRICS_PORT: '9464', METRICS_HOST: '0.0.0.0' }).metrics).toEqual({ port: 9464, host: '0.0.0.0' });
  });

  it('takes any port from 0 (a free one) to 65535', () => {
    expect(read({ METRICS_PORT: '0' }).metrics?.port).toBe(0);
    expect(read({ METRICS_PORT: '65535' }).metrics?.port).toBe(65_535);
    expect(problemsOf({ METRICS_PORT: '65536' })).toEqual([expect.stringMatching(/^METRICS_PORT must be a port number/)]);
  });

  it('takes a host name or address to listen on, IPv6 included, and nothing after it', () => {
    for (const host of ['localhost', '0.0.0.0', '::', '::1', 'metrics.internal']) expect(read({ METRICS_PORT: '9464', METRICS_HOST: host }).metrics?.host).toBe(host);
    for (const host of ['127.0.0.1:9464', 'localhost:80', 'localhost/metrics', 'local host']) {
      expect(problemsOf({ METRICS_PORT: '9464', METRICS_HOST: host }), host).toEqual([expect.stringMatching(/^METRICS_HOST must be an address to listen on/)]);
    }
  });

  it('names the variable and the fix for a bad port or host', () => {
    expect(problemsOf({ METRICS_PORT: 'ninety' })).toEqual([expect.stringMatching(/^METRICS_PORT must be a port number from 1 to 65535/)]);
    expect(problemsOf({ METRICS_PORT: '70000' })).toEqual([expect.stringMatching(/^METRICS_PORT must be a port number/)]);
    expect(problemsOf({ METRICS_PORT: '9464', METRICS_HOST: 'http://localhost' })).toEqual([expect.stringMatching(/^METRICS_HOST must be an address to listen on/)]);
  });
});

describe('sharding settings', () => {
  it('runs one process without a manager by default', () => {
    expect(read({}).sharding).toEqual({ mode: 'single' });
  });

  it('SHARD_COUNT alone starts the manager, with a number or auto', () => {
    expect(read({ SHARD_COUNT: '4' }).sharding).toEqual({ mode: 'manager', count: 4 });
    expect(read({ SHARD_COUNT: 'auto' }).sharding).toEqual({ mode: 'manager', count: 'auto' });
  });

  it('SHARD_IDS with SHARD_COUNT runs those shards in this process (lists and ranges)', () => {
    expect(read({ SHARD_COUNT: '6', SHARD_IDS: '0-2, 4' }).sharding).toEqual({ mode: 'shards', ids: [0, 1, 2, 4], count: 6, underManager: false });
  });

  it('a process started by the manager runs the shard the manager gave it', () => {
    expect(read({ SHARDING_MANAGER: 'true', SHARDS: '1', SHARD_COUNT: '2' }).sharding).toEqual({ mode: 'shards', ids: [1], count: 2, underManager: true });
  });

  it('refuses shard settings that cannot work, saying what to set', () => {
    expect(problemsOf({ SHARD_COUNT: 'many' })).toEqual([expect.stringMatching(/^SHARD_COUNT must be auto .* or a whole number of shards/)]);
    expect(problemsOf({ SHARD_COUNT: '0' })).toEqual([expect.stringMatching(/^SHARD_COUNT must be/)]);
    expect(problemsOf({ SHARD_IDS: '0-1' })).toEqual([expect.stringMatching(/^SHARD_IDS needs SHARD_COUNT set to the total number of shards/)]);
    expect(problemsOf({ SHARD_IDS: '0-1', SHARD_COUNT: 'auto' })).toEqual([expect.stringMatching(/^SHARD_IDS needs SHARD_COUNT/)]);
    expect(problemsOf({ SHARD_IDS: '2,3', SHARD_COUNT: '3' })).toEqual(['SHARD_IDS names shard 3, but shards are numbered 0 to 2 with SHARD_COUNT=3']);
    expect(problemsOf({ SHARD_IDS: 'first', SHARD_COUNT: '3' })).toEqual([expect.stringMatching(/^SHARD_IDS must list shard numbers/)]);
    // Numbers with something after them are no shard numbers either.
    for (const ids of ['1x', '0-2x', '1,2;3']) expect(problemsOf({ SHARD_IDS: ids, SHARD_COUNT: '3' }), ids).toEqual([expect.stringMatching(/^SHARD_IDS must list shard numbers/)]);
    expect(problemsOf({ SHARD_IDS: '2-0', SHARD_COUNT: '3' })).toEqual([expect.stringMatching(/^SHARD_IDS must list shard numbers/)]);
    expect(read({ SHARD_IDS: '1-1', SHARD_COUNT: '3' }).sharding).toMatchObject({ ids: [1] });
  });
});
