import { appendFile, chmod, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { FaqRecord, TermRecord } from '../knowledge/schema.ts';

export interface Actor {
  /** Discord user id, or `terminal` for a change made with `npm run kb`. */
  readonly id: string;
  /** Discord user name as shown (`mod#0001`, `mod`), or the name given to `npm run kb --as`. */
  readonly tag: string;
}

export type EditAction = 'add' | 'update' | 'remove';
export type EditKind = 'faq' | 'term';

/** One line of the audit log: who changed which record, and what it was before and after. */
export interface AuditEntry {
  readonly at: string;
  readonly actor: Actor;
  readonly action: EditAction;
  readonly kind: EditKind;
  readonly id: string;
  readonly before: FaqRecord | TermRecord | null;
  readonly after: FaqRecord | TermRecord | null;
}

/** The audit log lives outside the knowledge folder, so writing it never triggers a reload. */
export function defaultAuditLogPath(knowledgeDir: string): string {
  return path.join(path.dirname(path.resolve(knowledgeDir)), 'data', 'audit.log.jsonl');
}

/**
 * One JSON object per line, appended: the log is only ever added to. It names moderators by Discord id, so
 * only the bot's own user may read it, like the question log beside it (a file an older version left
 * readable to all is narrowed on the next edit).
 */
export async function appendAuditEntry(filePath: string, entry: AuditEntry): Promise<void> {
  await mkdir(path.dirname(filePath), { recursive: true, mode: 0o700 });
  await appendFile(filePath, `${JSON.stringify(entry)}\n`, { encoding: 'utf8', mode: 0o600 });
  await chmod(filePath, 0o600);
}
