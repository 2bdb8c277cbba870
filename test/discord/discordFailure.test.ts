import { describe, expect, it } from 'vitest';
import { explainDiscordError, fatalCloseCodes, gatewayCloseFailure, tokenRejectedWhileRunning } from '../../src/discord/discordFailure.ts';

describe('gatewayCloseFailure', () => {
  it.each([
    [4004, /authentication failed.*Reset Token/],
    [4010, /invalid shard.*Check SHARD_COUNT and SHARD_IDS/],
    [4011, /sharding required.*Set SHARD_COUNT=auto/],
    [4012, /invalid API version.*npm update discord\.js/],
    [4013, /invalid intents.*npm update discord\.js/],
    [4014, /disallowed intents.*Message Content Intent.*MESSAGE_CONTENT_INTENT=false/],
  ])('%i: names the code, the cause and the fix', (code, wording) => {
    const failure = gatewayCloseFailure(code);
    expect(fatalCloseCodes.has(code)).toBe(true);
    expect(failure?.closeCode).toBe(code);
    expect(failure?.message).toContain(String(code));
    expect(failure?.message).toMatch(wording);
  });

  it.each([1000, 1006, 4000, 4007, 4009])('%i is not fatal: discord.js reconnects', (code) => {
    expect(gatewayCloseFailure(code)).toBeUndefined();
    expect(fatalCloseCodes.has(code)).toBe(false);
  });
});

describe('explainDiscordError', () => {
  const apiBase = 'http://proxy-user:proxy-pass@proxy.example/api';

  it('a network error names the address without its credentials', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:443'), { code: 'ECONNREFUSED' });
    const failure = explainDiscordError(new Error('request failed', { cause: refused }), { apiBase });
    expect(failure.kind).toBe('unreachable');
    expect(failure.message).toBe('Could not reach Discord at http://***@proxy.example/api (ECONNREFUSED): check the network connection, or DISCORD_API_BASE if you set it.');
  });

  it('a message that quotes the URL is masked too', () => {
    const failure = explainDiscordError(new Error('bad URL http://proxy-user:proxy-pass@proxy.example/api/v10/gateway/bot'), { apiBase });
    expect(failure.message).not.toContain('proxy-pass');
    expect(failure.message).not.toContain('proxy-user');
  });

  it("discord.js's TokenInvalid is a rejected token", () => {
    const failure = explainDiscordError(Object.assign(new Error('An invalid token was provided.'), { code: 'TokenInvalid' }), { apiBase });
    expect(failure.kind).toBe('token');
    expect(failure.message).toMatch(/^Discord rejected DISCORD_TOKEN/);
  });

  it('a fatal close seen while logging in explains the failure', () => {
    expect(explainDiscordError(new Error('Sharding is required'), { apiBase, closeCode: 4011 }).closeCode).toBe(4011);
  });

  it('a 401 at run time names the request, never a token', () => {
    expect(tokenRejectedWhileRunning('post', '/channels/:id/messages').message).toMatch(
      /^Discord rejected DISCORD_TOKEN while the bot was running \(HTTP 401 on POST \/channels\/:id\/messages\): the token was reset or revoked/,
    );
  });
});
