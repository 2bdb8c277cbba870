import { pino, stdSerializers, type DestinationStream, type Logger } from 'pino';
import { redactUrlCredentials } from '../config/redactUrlCredentials.ts';
import type { QuestionLog } from '../questionLog/questionLog.ts';
import { hashForThisRun } from '../questionLog/userHash.ts';

export type { Logger };

// Interaction callbacks and follow-ups carry the interaction's token in their path: whoever holds it can answer as
// the bot for 15 minutes. `/interactions/<id>/<token>/callback`, `/webhooks/<application id>/<token>/…`.
const tokenInPath = /(\/(?:interactions|webhooks)\/\d+\/)[^/?#\s"']+/g;
// A member's id in a request path (`/guilds/…/members/<id>`, `/users/<id>`): the logs name members by hash only.
const memberInPath = /(\/(?:members|users)\/)\d{15,21}\b/g;

/** A string as it may be logged: no interaction token in a URL, no member id in a URL, no credentials in a URL. */
export function redactLogText(text: string): string {
  return redactUrlCredentials(text.replace(tokenInPath, '$1[redacted]').replace(memberInPath, '$1[id]'));
}

/**
 * What a logged error may show. discord.js REST errors carry the request URL (with the interaction token) and the
 * whole request body (a member's question, the answer, a moderator's draft): the body is dropped, every string
 * scrubbed. The status, method, route and Discord's own error (`rawError`, with field paths) stay.
 */
function scrubError(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactLogText(value);
  if (typeof value !== 'object' || value === null || depth > 6) return value;
  if (Array.isArray(value)) return value.map((item) => scrubError(item, depth + 1));
  const scrubbed: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    if (key === 'requestBody') continue;
    scrubbed[key] = scrubError(inner, depth + 1);
  }
  return scrubbed;
}

function serializeError(error: unknown): unknown {
  return scrubError(stdSerializers.err(error as Error));
}

/**
 * One structured logger for the bot. Anything named like a secret is redacted, so the token cannot reach the logs even
 * if a config or client object is logged by mistake, and errors are logged without tokens or request bodies.
 * `destination` is for tests; by default it writes JSON lines to stdout.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { app: 'faq-bot' },
    serializers: { err: serializeError, error: serializeError },
    redact: {
      paths: ['token', '*.token', '*.*.token', 'DISCORD_TOKEN', '*.DISCORD_TOKEN', 'headers.authorization', '*.headers.authorization'],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}

/**
 * A member as the bot's log lines name them (`member`): the keyed hash the question log stores, so an operator can
 * match lines to its rows, never the Discord id. Without the log's key (QUESTION_LOG=off, DATA_DIR unusable) a key
 * made for this run only.
 */
export function memberOf(context: { readonly questionLog?: QuestionLog | undefined }, userId: string): string {
  return context.questionLog?.memberHash(userId) ?? hashForThisRun(userId);
}
