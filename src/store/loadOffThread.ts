import type { ReadLimits } from '../knowledge/readTextFile.ts';
import { createChunkAssembler, type LoadedChunk } from './loadedChunks.ts';
import type { Loaded } from './loadStable.ts';
import { startWorker } from './startWorker.ts';

/** `loadStable` in a worker thread: the caller's thread stays free to answer meanwhile. */
export function loadStableOffThread(dir: string, limits: ReadLimits): Promise<Loaded> {
  return new Promise<Loaded>((resolve, reject) => {
    const worker = startWorker('loadWorker', { dir, limits });
    const assemble = createChunkAssembler();
    let settled = false;
    worker.on('message', (chunk: LoadedChunk) => {
      const loaded = assemble(chunk);
      if (!loaded) {
        // Ask for the next chunk once whatever else is waiting has run.
        setImmediate(() => worker.postMessage('next'));
        return;
      }
      if (settled) return;
      settled = true;
      resolve(loaded);
      void worker.terminate();
    });
    worker.on('error', (error) => {
      if (settled) return;
      settled = true;
      reject(error);
    });
    worker.on('exit', (code) => {
      if (settled) return;
      settled = true;
      reject(new Error(`The knowledge loader stopped (exit code ${code}) before sending the knowledge`));
    });
  });
}
