import { canonicalJson, sha256 } from './contentHash.ts';

/**
 * A short content hash of a record as validated (as in the served knowledge). A moderator's edit
 * carries the version of the record they opened; if the record's version differs now, someone
 * else changed it in between and the edit is refused instead of silently overwriting theirs.
 */
export function recordVersion(record: unknown): string {
  return sha256(canonicalJson(record)).slice(0, 16);
}
