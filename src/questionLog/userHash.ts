import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The secret's file in DATA_DIR: without it, a stored hash cannot be tied back to a Discord id. */
export const secretFileName = 'question-log.secret';

/**
 * The key for hashing member ids, generated into DATA_DIR on first start (readable by the bot's
 * user only). Throws when it can neither be read nor created (a read-only DATA_DIR), and refuses a
 * key other users can read or change: whoever reads it can tie every stored hash back to a Discord
 * id. The log then stays off (the bot keeps answering) until it can be used; it retries by itself.
 */
export function loadOrCreateSecret(dataDir: string): Buffer {
  const file = path.join(dataDir, secretFileName);
  try {
    const mode = statSync(file).mode & 0o777;
    if ((mode & 0o077) !== 0) {
      throw Object.assign(
        new Error(
          `${file} can be read or changed by other users (mode ${mode.toString(8)}), and with it the stored hashes can be tied back to Discord ids: run \`chmod 600 ${file}\` as the bot's user`,
        ),
        { code: 'SECRET_EXPOSED' },
      );
    }
    const existing = readFileSync(file, 'utf8').trim();
    if (/^[0-9a-f]{64}$/.test(existing)) return Buffer.from(existing, 'hex');
    throw new Error(`${file} does not hold a 64-character hex key; move it away and the bot makes a new one`);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const secret = randomBytes(32);
  // 'wx': never overwrite a secret another process created in between.
  writeFileSync(file, `${secret.toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  return secret;
}

/** A member's id as the log stores it: HMAC-SHA256 with the secret, 32 hex characters. */
export type UserHasher = (userId: string) => string;

export function userHasher(secret: Buffer): UserHasher {
  return (userId) => createHmac('sha256', secret).update(userId).digest('hex').slice(0, 32);
}

/**
 * For log lines when the question log's key is not at hand (QUESTION_LOG=off, DATA_DIR unusable): a key made for
 * this run only, so one run's lines about a member can be told apart and never tied to a Discord id.
 */
export const hashForThisRun: UserHasher = userHasher(randomBytes(32));
