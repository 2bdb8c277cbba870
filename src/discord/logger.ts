import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * One structured logger for the bot. Anything named like a secret is redacted, so the token cannot
 * reach the logs even if a config or client object is logged by mistake.
 */
export function createLogger(level: string): Logger {
  return pino({
    level,
    base: { app: 'faq-bot' },
    redact: {
      paths: ['token', '*.token', '*.*.token', 'DISCORD_TOKEN', '*.DISCORD_TOKEN', 'headers.authorization', '*.headers.authorization'],
      censor: '[redacted]',
    },
  });
}
