import type { KnowledgeProblem } from '../knowledge/knowledgeProblem.ts';
import type { EditRefusal } from '../store/planEdit.ts';

/**
 * Why a moderator action did nothing. `message` says it in words any front end can show; the
 * other fields let a front end say it its own way (a Discord hint, a terminal command).
 */
export type Refusal =
  /** From the writer: invalid, conflict (changed since it was opened), not_found, exists, unavailable (the shared database). */
  | EditRefusal
  /** The record's file cannot be read or parsed: the moderator must hear what is wrong with it, not that the record does not exist. */
  | { readonly ok: false; readonly reason: 'unreadable_file'; readonly message: string; readonly fileName: string; readonly problems: readonly KnowledgeProblem[] }
  /** Other records link to it (`related`): removing it would leave their links dangling. */
  | { readonly ok: false; readonly reason: 'linked'; readonly message: string; readonly linkers: readonly string[] }
  /** The question log is off, cannot be read now, or no longer lists that gap. */
  | { readonly ok: false; readonly reason: 'log_off' | 'log_unreadable' | 'gap_gone'; readonly message: string }
  /** A check of the knowledge (`confusions`) could not run to the end. */
  | { readonly ok: false; readonly reason: 'check_failed'; readonly message: string };

export function refusal<R extends 'log_off' | 'log_unreadable' | 'gap_gone'>(reason: R, message: string): Refusal {
  return { ok: false, reason, message };
}
