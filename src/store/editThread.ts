import type { Worker } from 'node:worker_threads';
import { z } from 'zod';
import type { ReadLimits } from '../knowledge/readTextFile.ts';
import type { EditKind } from './auditLog.ts';
import type { EditPlan, EditRequest, OpenedFromFile } from './planEdit.ts';
import { startWorker } from './startWorker.ts';

/**
 * One worker thread, shared by every writer of the process, that opens records and plans edits
 * (editWorker): at 10,000 records that is seconds of YAML parsing and validation, which on the bot's
 * thread would hold up every reply and the gateway's heartbeat. Started on first use (its modules
 * take most of a second to load, so it is kept), it lets the process exit whenever it is idle, and
 * after a while idle it stops to give its memory back.
 */

const idleMs = 30_000;

const replySchema = z.object({ seq: z.number(), ok: z.boolean(), value: z.unknown().optional(), error: z.string().optional() });

interface Waiting {
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: Error) => void;
}

let worker: Worker | null = null;
let nextSeq = 0;
const waiting = new Map<number, Waiting>();
let idleTimer: NodeJS.Timeout | null = null;

/** The record as its file holds it now (null when there is none), or what is wrong with the file. */
export function openRecordOffThread(dir: string, kind: EditKind, id: string, limits: ReadLimits): Promise<OpenedFromFile> {
  return ask<OpenedFromFile>({ task: 'open', dir, limits, kind, id });
}

/** `planEdit` in the edit thread. */
export function planEditOffThread(request: EditRequest): Promise<EditPlan> {
  return ask<EditPlan>({ task: 'plan', ...request });
}

function ask<T>(task: Record<string, unknown>): Promise<T> {
  const thread = running();
  // Referenced while an answer is awaited, so a script that only waits for it does not exit early.
  thread.ref();
  const seq = nextSeq++;
  return new Promise<T>((resolve, reject) => {
    // The edit thread is this project's own code sending what planEdit and openRecordOf return.
    waiting.set(seq, { resolve: (value) => resolve(value as T), reject });
    thread.postMessage({ ...task, seq });
  });
}

function running(): Worker {
  if (idleTimer) {
    clearTimeout(idleTimer);
    idleTimer = null;
  }
  if (worker) return worker;
  const started = startWorker('editWorker', null);
  started.on('message', (raw: unknown) => {
    const reply = replySchema.safeParse(raw);
    if (!reply.success) return;
    const { seq, ok, value, error } = reply.data;
    const entry = waiting.get(seq);
    waiting.delete(seq);
    if (ok) entry?.resolve(value);
    else entry?.reject(new Error(error ?? 'the edit thread failed'));
    if (waiting.size === 0 && worker === started) rest(started);
  });
  started.on('error', (error) => failAll(error));
  started.on('exit', (code) => {
    if (worker === started) worker = null;
    failAll(new Error(`The edit thread stopped (exit code ${code}) before answering`));
  });
  worker = started;
  return started;
}

function rest(thread: Worker): void {
  thread.unref();
  idleTimer = setTimeout(() => {
    idleTimer = null;
    if (worker !== thread || waiting.size > 0) return;
    worker = null;
    void thread.terminate();
  }, idleMs);
  idleTimer.unref();
}

function failAll(error: Error): void {
  const entries = [...waiting.values()];
  waiting.clear();
  for (const entry of entries) entry.reject(error);
}
