import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { z } from 'zod';
import type { ReadLimits } from '../knowledge/readTextFile.ts';

// Workers are modules beside the module that starts them, compiled or not. Run from TypeScript
// sources, a worker first registers the TypeScript loader (a worker does not take `--import` from its options).

/** Starts `./<name>` of the folder of `besideModule` (this folder unless told; e.g. "loadWorker") in a worker thread. */
export function startWorker(name: string, workerData: unknown, besideModule: string = import.meta.url): Worker {
  const ownExtension = path.extname(fileURLToPath(besideModule));
  const workerFile = new URL(`./${name}${ownExtension}`, besideModule);
  // The worker needs none of the flags the bot was started with (some, like --input-type, it refuses).
  if (ownExtension !== '.ts') return new Worker(workerFile, { workerData, execArgv: [] });
  // tsx's own API for registering its loader in this thread (its package exports name the file for `import`).
  const tsxRoot = path.dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const api = pathToFileURL(path.join(tsxRoot, 'dist/esm/api/index.mjs')).href;
  const bootstrap = `import(${JSON.stringify(api)}).then(({ register }) => { register(); return import(${JSON.stringify(workerFile.href)}); })`;
  return new Worker(bootstrap, { eval: true, workerData, execArgv: [] });
}

/** The read limits a worker is sent, checked as it receives them (a limit left out stays out). */
export const readLimitsSchema = z
  .object({ maxFileBytes: z.number().optional(), timeoutMs: z.number().optional() })
  .transform(
    ({ maxFileBytes, timeoutMs }): ReadLimits => ({
      ...(maxFileBytes === undefined ? {} : { maxFileBytes }),
      ...(timeoutMs === undefined ? {} : { timeoutMs }),
    }),
  );
