import { Client, GatewayIntentBits, Partials, type ClientOptions } from 'discord.js';
import type { DiscordEmulator } from '../support/emulator/index.ts';

export const DEFAULT_INTENTS = [
  GatewayIntentBits.Guilds,
  GatewayIntentBits.GuildMessages,
  GatewayIntentBits.MessageContent,
  GatewayIntentBits.DirectMessages,
];

/**
 * A plain, unmodified discord.js Client pointed at the emulator. The identify throttler is replaced only so that a
 * re-IDENTIFY inside the same 5 s window doesn't sleep (discord.js's default throttler waits up to 6.5 s).
 */
export function makeClient(emu: DiscordEmulator, overrides: Partial<ClientOptions> = {}): Client {
  return new Client({
    intents: DEFAULT_INTENTS,
    partials: [Partials.Channel],
    rest: { api: emu.apiBase, timeout: 5000 },
    ws: {
      buildIdentifyThrottler: () => ({ waitForIdentify: async () => {} }),
    },
    ...overrides,
  });
}

/** Logs the client in and waits for discord.js's own clientReady as well as the emulator's view of READY. */
export async function loginAndWait(client: Client, emu: DiscordEmulator, token = emu.token): Promise<void> {
  const ready = new Promise<void>((resolve) => client.once('clientReady', () => resolve()));
  await client.login(token);
  await ready;
  await emu.waitForReady();
}

/** Resolves with the next emission of `event` on `client` (typed loosely: tests assert on the value). */
export function nextEvent<T>(client: Client, event: string, timeoutMs = 5000): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => {
      client.off(event, handler);
      reject(new Error(`Timed out waiting for client event ${event}`));
    }, timeoutMs);
    const handler = (value: T): void => {
      clearTimeout(timer);
      client.off(event, handler);
      resolve(value);
    };
    client.on(event, handler);
  });
}
