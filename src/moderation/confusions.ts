import { z } from 'zod';
import type { HeldOutReport } from '../answer/heldOutPhrasings.ts';
import type { Knowledge } from '../knowledge/schema.ts';
import { startWorker } from '../store/startWorker.ts';
import type { Refusal } from './refusal.ts';

const count = z.number().int().nonnegative();
const reportSchema = z.object({
  asked: count,
  right: count,
  related: count,
  wrong: count,
  unsure: count,
  rounds: count,
  confusions: z.array(z.object({ record: z.string(), phrasing: z.string(), answeredWith: z.string(), related: z.boolean() })),
});
const replySchema = z.union([z.object({ ok: z.literal(true), report: reportSchema }), z.object({ ok: z.literal(false), problem: z.string() })]);

/**
 * The knowledge's phrasings asked with themselves left out (`askHeldOutPhrasings`), in a worker thread:
 * which phrasings the bot answers with another record.
 */
export interface ConfusionsFound {
  readonly ok: true;
  readonly report: HeldOutReport;
}

export function findConfusions(knowledge: Knowledge): Promise<ConfusionsFound | Refusal> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (outcome: ConfusionsFound | Refusal) => {
      if (settled) return;
      settled = true;
      resolve(outcome);
    };
    const refused = (problem: string): Refusal => ({ ok: false, reason: 'check_failed', message: `The phrasings could not be checked: ${problem}` });
    const worker = startWorker('confusionsWorker', knowledge, import.meta.url);
    worker.once('message', (raw: unknown) => {
      const reply = replySchema.safeParse(raw);
      if (!reply.success) settle(refused('the checking thread sent something else than a report'));
      else settle(reply.data.ok ? { ok: true, report: reply.data.report } : refused(reply.data.problem));
    });
    worker.once('error', (error) => settle(refused(error.message)));
    worker.once('exit', (code) => settle(refused(`the checking thread stopped (exit code ${code}) before sending its report`)));
  });
}
