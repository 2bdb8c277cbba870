import path from 'node:path';
import { defaultMaxFileBytes } from '../knowledge/readTextFile.ts';
import { ConfigError } from './configError.ts';
import { bundledKnowledgeDir } from './paths.ts';

// KNOWLEDGE_DIR and KNOWLEDGE_MAX_FILE_BYTES, the two settings the terminal tools read, as plain
// functions: the bot checks them with the rest of its configuration (botConfig.ts, through these
// same functions), while `npm run ask`, started for one answer, would spend longer loading the
// schema library than answering.

/** KNOWLEDGE_DIR's value as an absolute folder; empty or unset: the knowledge folder shipped with the bot. */
export function knowledgeDirOf(value: string | undefined): string {
  return path.resolve(value?.trim() || bundledKnowledgeDir);
}

const maxFileBytesLimit = 64 * 1024 * 1024;

export const maxFileBytesProblem = `KNOWLEDGE_MAX_FILE_BYTES must be a whole number of bytes from 1024 to ${maxFileBytesLimit} (default ${defaultMaxFileBytes}, 1 MiB)`;

/** KNOWLEDGE_MAX_FILE_BYTES's value in bytes (empty or unset: the default), or null when it is not an allowed size. */
export function maxFileBytesOf(value: string | undefined): number | null {
  const trimmed = value?.trim();
  const bytes = trimmed ? plainNumber(trimmed) : defaultMaxFileBytes;
  return bytes >= 1024 && bytes <= maxFileBytesLimit ? bytes : null;
}

/**
 * A setting's whole number as people write it: digits only, NaN otherwise. `Number()` alone also takes `1e1`, `0x10`
 * and `0b11`; nobody means days or bytes that way, so such a value is a typo to point out, not a number to guess.
 */
export function plainNumber(value: string): number {
  return /^\d{1,15}$/.test(value) ? Number(value) : Number.NaN;
}

/** KNOWLEDGE_DIR, or the knowledge folder shipped with the bot. */
export function knowledgeDirFromEnv(env: NodeJS.ProcessEnv): string {
  return knowledgeDirOf(env.KNOWLEDGE_DIR);
}

/** How much of a knowledge file is read at most (KNOWLEDGE_MAX_FILE_BYTES); throws ConfigError naming the variable. */
export function knowledgeReadLimitsFromEnv(env: NodeJS.ProcessEnv): { readonly maxFileBytes: number } {
  const maxFileBytes = maxFileBytesOf(env.KNOWLEDGE_MAX_FILE_BYTES);
  if (maxFileBytes === null) throw new ConfigError([maxFileBytesProblem]);
  return { maxFileBytes };
}
