import { parentPort, workerData } from 'node:worker_threads';
import { z } from 'zod';
import { loadStable } from './loadStable.ts';
import { toChunks } from './loadedChunks.ts';
import { readLimitsSchema } from './startWorker.ts';

// Reads, parses and validates the knowledge off the bot's thread: at 10,000 records that is seconds
// of work that would otherwise stop every reply. The result goes back in chunks, each small enough to
// be received between replies, and the next is sent only when the bot asks for it: queued messages
// are all received in one go, which would block the bot as long as one big message.
const request = z.object({ dir: z.string(), limits: readLimitsSchema }).parse(workerData);
const loaded = await loadStable(request.dir, request.limits);
const port = parentPort;
if (port) {
  for (const chunk of toChunks(loaded)) {
    const asked = new Promise((resolve) => port.once('message', resolve));
    port.postMessage(chunk);
    await asked;
  }
  port.close();
}
