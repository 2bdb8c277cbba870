import { parentPort, workerData } from 'node:worker_threads';
import { askHeldOutPhrasings } from '../answer/heldOutPhrasings.ts';
import type { Knowledge } from '../knowledge/schema.ts';

// Asks the knowledge its own phrasings off the bot's thread: it builds the engine once per round
// (0.6 s for this project's knowledge, seconds for thousands of records), which would otherwise
// hold every member's reply. The knowledge is the one the bot serves, sent by the bot itself.
let reply: { ok: true; report: unknown } | { ok: false; problem: string };
try {
  reply = { ok: true, report: askHeldOutPhrasings(workerData as Knowledge) };
} catch (error) {
  reply = { ok: false, problem: error instanceof Error ? error.message : String(error) };
}
parentPort?.postMessage(reply);
