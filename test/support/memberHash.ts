import { readFileSync } from 'node:fs';
import path from 'node:path';
import { secretFileName, userHasher } from '../../src/questionLog/userHash.ts';

/** A member as the bot's log lines name them (`member`): the question log's keyed hash, from the secret in DATA_DIR. */
export function memberHashIn(dataDir: string, userId: string): string {
  return userHasher(Buffer.from(readFileSync(path.join(dataDir, secretFileName), 'utf8').trim(), 'hex'))(userId);
}
