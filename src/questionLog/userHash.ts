import { createHmac, randomBytes } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** The secret's file in DATA_DIR: without it, a stored hash cannot be tied back to a Discord id. */
export const secretFileName = 'question-log.secret';

/**
 * The key for hashing member ids, generated into DATA_DIR on first start (readable by the bot's
 * user only). Throws when it can neither be read nor created (a read-only DATA_DIR): the log then
 * stays off until it can be.
 */
export function loadOrCreateSecret(dataDir: string): Buffer {
  const file = path.join(dataDir, secretFileName);
  try {
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
