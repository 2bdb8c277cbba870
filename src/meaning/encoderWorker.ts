// The sentence encoder in a worker thread: embedding a question takes tens of milliseconds of
// arithmetic, and a new knowledge base's phrasings minutes; the bot's own thread stays free for
// Discord and for lexical answers meanwhile. Started by `startWorkerEmbedder`, which sends one
// request at a time (so it can put questions before batches of phrasings).
import { parentPort, workerData } from 'node:worker_threads';
import { loadSentenceEncoder, type EncoderBackend } from './sentenceEncoder.ts';
import type { EmbedRequest, WorkerMessage } from './encoderMessages.ts';

const port = parentPort;
if (!port) throw new Error('encoderWorker runs only as a worker thread.');
const post = (message: WorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer);

const { backend } = workerData as { backend: EncoderBackend };
try {
  const started = performance.now();
  const encoder = await loadSentenceEncoder({ backend });
  port.on('message', (request: EmbedRequest) => {
    encoder.embed(request.texts, request.maxTokens === undefined ? {} : { maxTokens: request.maxTokens }).then(
      (vectors) => post({ type: 'vectors', id: request.id, vectors }, vectors.map((vector) => vector.buffer as ArrayBuffer)),
      (error: unknown) => post({ type: 'error', id: request.id, message: error instanceof Error ? error.message : String(error) }),
    );
  });
  post({ type: 'ready', modelId: encoder.modelId, dimensions: encoder.dimensions, loadMs: performance.now() - started });
} catch (error) {
  post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
}
