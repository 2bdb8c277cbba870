/**
 * What health and metrics need from the question log, when the bot has one: how many entries wait to be written, and
 * whether the database still accepts writes. Without it /healthz says "not configured" and the queue-depth metric is
 * not exported.
 */
export interface QuestionLogStatus {
  queueDepth(): number;
  health(): { readonly writable: boolean; readonly queued?: number; readonly dropped?: number; readonly problem?: string | null };
}
