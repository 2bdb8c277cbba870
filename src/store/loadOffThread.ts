import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { ReadLimits } from '../knowledge/readTextFile.ts';
import { createChunkAssembler, type LoadedChunk } from './loadedChunks.ts';
import type { Loaded } from './loadStable.ts';

// The worker is this folder's loadWorker, compiled or not. Run from TypeScript sources, it first
// registers the TypeScript loader (a worker does not take `--import` from its options).
const ownExtension = path.extname(fileURLToPath(import.meta.url));
const workerFile = new URL(`./loadWorker${ownExtension}`, import.meta.url);
const startWorker = (workerData: unknown): Worker => {
  // The worker needs none of the flags the bot was started with (some, like --input-type, it refuses).
  if (ownExtension !== '.ts') return new Worker(workerFile, { workerData, execArgv: [] });
  // tsx's own API for registering its loader in this thread (its package exports name the file for `import`).
  const tsxRoot = path.dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const api = pathToFileURL(path.join(tsxRoot, 'dist/esm/api/index.mjs')).href;
  const bootstrap = `import(${JSON.stringify(api)}).then(({ register }) => { register(); return import(${JSON.stringify(workerFile.href)}); })`;
  return new Worker(bootstrap, { eval: true, workerData, execArgv: [] });
};

/** `loadStable` in a worker thread: the caller's thread stays free to answer meanwhile. */
export function loadStableOffThread(dir: string, limits: ReadLimits): Promise<Loaded> {
  return new Promise<Loaded>((resolve, reject) => {
    const worker = startWorker({ dir, limits });
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
