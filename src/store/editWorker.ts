import { parentPort } from 'node:worker_threads';
import { z } from 'zod';
import { specOfKind } from './editableKinds.ts';
import { openRecordOf, planEdit, type EditRequest } from './planEdit.ts';
import { readLimitsSchema } from './startWorker.ts';

// Opens records and plans edits for the bot's thread (see editThread): parsing a large knowledge
// file here keeps the bot answering meanwhile.

const aboutRecords = { seq: z.number(), dir: z.string(), limits: readLimitsSchema, kind: z.enum(['faq', 'term']) };
const taskSchema = z.discriminatedUnion('task', [
  z.object({ ...aboutRecords, task: z.literal('open'), id: z.string() }),
  z.object({
    ...aboutRecords,
    task: z.literal('plan'),
    action: z.enum(['add', 'update', 'remove']),
    id: z.string().nullable(),
    record: z.unknown(),
    expectedVersion: z.string().nullable(),
  }),
]);

/** The answer, and the buffers in it to hand over rather than copy. */
async function perform(message: z.infer<typeof taskSchema>): Promise<{ value: unknown; transfer: ArrayBuffer[] }> {
  if (message.task === 'open') return { value: await openRecordOf(message.dir, message.kind, message.id, message.limits), transfer: [] };
  const request: EditRequest = {
    dir: message.dir,
    limits: message.limits,
    kind: message.kind,
    action: message.action,
    id: message.id,
    record: message.record === null ? null : specOfKind[message.kind].schema.parse(message.record),
    expectedVersion: message.expectedVersion,
  };
  const plan = await planEdit(request);
  return { value: plan, transfer: plan.ok && plan.change ? [plan.change.bytes.buffer as ArrayBuffer] : [] };
}

const port = parentPort;
port?.on('message', (raw: unknown) => {
  const message = taskSchema.safeParse(raw);
  if (!message.success) {
    const seq = typeof raw === 'object' && raw !== null && 'seq' in raw && typeof raw.seq === 'number' ? raw.seq : -1;
    port.postMessage({ seq, ok: false, error: `bad request to the edit thread: ${message.error.message}` });
    return;
  }
  const { seq } = message.data;
  perform(message.data).then(
    ({ value, transfer }) => port.postMessage({ seq, ok: true, value }, transfer),
    (error: unknown) => port.postMessage({ seq, ok: false, error: error instanceof Error ? error.message : String(error) }),
  );
});
