import { Writable } from 'node:stream';
import { REST, Routes } from 'discord.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/discord/logger.ts';
import { DiscordEmulator } from '../support/emulator/index.ts';

/** A logger whose JSON lines are collected instead of printed. */
function capturedLogger() {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: createLogger('info', sink), text: () => lines.join('') };
}

describe('the logger and REST errors', () => {
  let emu: DiscordEmulator;

  beforeEach(async () => {
    emu = await DiscordEmulator.start();
  });

  afterEach(async () => {
    await emu.stop();
  });

  it('logs a failed interaction callback without the interaction token or the request body', async () => {
    const interactionToken = `aW50ZXJhY3Rpb246${'x'.repeat(60)}`;
    const secretAnswer = 'the moderator draft nobody else should read';
    const rest = new REST({ api: emu.apiBase, retries: 0 }).setToken(emu.token);
    const error = await rest
      .post(Routes.interactionCallback('1234567890123456789', interactionToken), {
        body: { type: 4, data: { content: secretAnswer } },
        auth: false,
      })
      .catch((e: unknown) => e);
    // A real discord.js error, with the token in its url and the body in its requestBody.
    expect(JSON.stringify(error)).toContain(interactionToken);

    const { logger, text } = capturedLogger();
    logger.error({ err: error }, 'Interaction handler failed');
    const logged = text();
    expect(logged).toContain('Interaction handler failed');
    expect(logged).not.toContain(interactionToken);
    expect(logged).not.toContain(secretAnswer);
    expect(logged).toContain('"status":404');
    expect(logged).toContain('"code":10062');
    expect(logged).toContain('/interactions/1234567890123456789/[redacted]/callback');
  });

  it('masks credentials in a URL and an interaction token in a follow-up URL wherever an error holds them', () => {
    const { logger, text } = capturedLogger();
    const error = Object.assign(new Error('request to http://user:hunter2@proxy.local/api/v10/webhooks/1/abc.def-token/messages/@original failed'), {
      url: 'http://user:hunter2@proxy.local/api/v10/webhooks/123/abc.def-token?wait=true',
    });
    logger.warn({ err: error }, 'Could not send the error reply');
    expect(text()).not.toContain('hunter2');
    expect(text()).not.toContain('abc.def-token');
    expect(text()).toContain('http://***@proxy.local/api/v10/webhooks/123/[redacted]?wait=true');
  });

  it("names no member by Discord id in a failed request's URL", () => {
    const { logger, text } = capturedLogger();
    const memberId = '222078108977594368';
    const error = Object.assign(new Error(`404 on GET /api/v10/guilds/1234567890123456789/members/${memberId}`), { url: `http://127.0.0.1/api/v10/users/${memberId}` });
    logger.warn({ err: error }, 'Could not fetch the member');
    expect(text()).not.toContain(memberId);
    expect(text()).toContain('/guilds/1234567890123456789/members/[id]');
  });

  it('still redacts fields named like the bot token', () => {
    const { logger, text } = capturedLogger();
    logger.info({ config: { token: 'NOT-TO-BE-SEEN' } }, 'config');
    expect(text()).not.toContain('NOT-TO-BE-SEEN');
  });
});
