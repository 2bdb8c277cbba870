import { DiscordAPIError, HTTPError } from 'discord.js';
import { redactUrlCredentials } from '../config/redactUrlCredentials.ts';

/** What went wrong, for whoever runs the bot: which part of their setup to look at. */
export type DiscordFailureKind = 'token' | 'gateway' | 'unreachable' | 'discord';

/** A failure the bot cannot recover from by itself, worded as its cause and the fix. Never holds a secret. */
export class DiscordFailure extends Error {
  override readonly name = 'DiscordFailure';
  constructor(
    message: string,
    readonly kind: DiscordFailureKind,
    readonly closeCode?: number,
  ) {
    super(redactUrlCredentials(message));
  }
}

/** Gateway close codes after which Discord will not take the session back; discord.js does not reconnect. */
export const fatalCloseCodes: ReadonlySet<number> = new Set([4004, 4010, 4011, 4012, 4013, 4014]);

const resetToken = 'Reset the token in the Developer Portal (your application → Bot → Reset Token), put the new one in .env and start the bot again.';
const updateDiscordJs = 'Update discord.js (npm update discord.js) and start the bot again.';

const closeExplanations: Readonly<Record<number, string>> = {
  4004: `Discord closed the gateway with 4004 (authentication failed): it no longer accepts DISCORD_TOKEN, which was reset or revoked. ${resetToken}`,
  4010: 'Discord closed the gateway with 4010 (invalid shard): the bot asked for a shard Discord does not have. Check SHARD_COUNT and SHARD_IDS (every host the same SHARD_COUNT, ids below it), or remove both to run as one shard, and start it again.',
  4011: 'Discord closed the gateway with 4011 (sharding required): the bot is in too many servers (2,500 or more) for one gateway connection and must run sharded. Set SHARD_COUNT=auto (docs/operations.md → Sharding) and start it again.',
  4012: `Discord closed the gateway with 4012 (invalid API version): this discord.js speaks a gateway version Discord no longer accepts. ${updateDiscordJs}`,
  4013: `Discord closed the gateway with 4013 (invalid intents): it does not recognise the gateway intents the bot asked for. ${updateDiscordJs}`,
  4014: 'Discord closed the gateway with 4014 (disallowed intents): the bot asked for a privileged intent that is not enabled for it. Enable Message Content Intent in the Developer Portal (your application → Bot → Privileged Gateway Intents), or set MESSAGE_CONTENT_INTENT=false.',
};

/** The failure a fatal close code means, or undefined for a close discord.js recovers from. */
export function gatewayCloseFailure(code: number): DiscordFailure | undefined {
  const explanation = closeExplanations[code];
  return explanation ? new DiscordFailure(explanation, code === 4004 ? 'token' : 'gateway', code) : undefined;
}

/** A REST 401 while running: discord.js then drops the token, and every later request fails without a word. */
export function tokenRejectedWhileRunning(method: string, route: string): DiscordFailure {
  return new DiscordFailure(
    `Discord rejected DISCORD_TOKEN while the bot was running (HTTP 401 on ${method.toUpperCase()} ${route}): the token was reset or revoked. ${resetToken}`,
    'token',
  );
}

/** Discord error codes that point at a setting, with what to check. */
const setupHints: Readonly<Record<string, string>> = {
  10002: 'DISCORD_CLIENT_ID is not this bot\'s application id (General Information → Application ID), or leave it empty.',
  10004: 'DISCORD_GUILD_ID is not a server the bot is in: invite it (see README) or fix the id.',
  50001: 'check that DISCORD_GUILD_ID is a server the bot was invited to with the applications.commands scope, and DISCORD_CLIENT_ID its application id.',
};

const networkCodes = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_SOCKET']);

function networkCode(error: unknown): string | undefined {
  for (let current: unknown = error, depth = 0; current instanceof Error && depth < 4; current = current.cause, depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && networkCodes.has(code)) return code;
    if (current.name === 'AbortError' || current.name === 'TimeoutError') return 'timed out';
  }
  return undefined;
}

function isTokenRejected(error: unknown): boolean {
  if (error instanceof DiscordAPIError || error instanceof HTTPError) return error.status === 401;
  // discord.js turns a 401 on login into its own TokenInvalid error.
  return error instanceof Error && (error as { code?: unknown }).code === 'TokenInvalid';
}

/**
 * Any error from logging in or calling Discord, as one line: the cause and what to do. `closeCode` is the fatal gateway
 * close seen while logging in, if any; `apiBase` is shown without credentials.
 */
export function explainDiscordError(error: unknown, { apiBase, closeCode }: { apiBase: string; closeCode?: number | undefined }): DiscordFailure {
  if (error instanceof DiscordFailure) return error;
  const fromClose = closeCode === undefined ? undefined : gatewayCloseFailure(closeCode);
  if (fromClose) return fromClose;
  if (isTokenRejected(error)) {
    return new DiscordFailure('Discord rejected DISCORD_TOKEN. Reset the token in the Developer Portal (your application → Bot) and put the new one in .env.', 'token');
  }
  const base = redactUrlCredentials(apiBase);
  const network = networkCode(error);
  if (network) {
    return new DiscordFailure(`Could not reach Discord at ${base} (${network}): check the network connection, or DISCORD_API_BASE if you set it.`, 'unreachable');
  }
  if (error instanceof HTTPError) {
    return new DiscordFailure(`Discord at ${base} answered HTTP ${error.status} (${error.message}): it may be having problems; try again in a few minutes.`, 'discord');
  }
  if (error instanceof DiscordAPIError) {
    const hint = setupHints[String(error.code)];
    if (hint) return new DiscordFailure(`Discord refused a request (code ${String(error.code)}, ${firstLine(error.message)}): ${hint}`, 'discord');
    return new DiscordFailure(`Discord refused a request (HTTP ${error.status}, code ${String(error.code)}: ${firstLine(error.message)}).`, 'discord');
  }
  const message = error instanceof Error ? error.message : String(error);
  return new DiscordFailure(`Could not connect to Discord at ${base}: ${firstLine(message)}`, 'unreachable');
}

function firstLine(text: string): string {
  return text.split('\n', 1)[0] ?? '';
}
