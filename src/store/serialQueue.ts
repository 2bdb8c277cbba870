/** Runs tasks one at a time, in the order they were queued; a failed task does not stop the queue. */
export type SerialQueue = <T>(task: () => Promise<T>) => Promise<T>;

export function createSerialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return (task) => {
    const run = tail.then(task);
    tail = run.catch(() => undefined);
    return run;
  };
}

const queuesByKey = new Map<string, { run: SerialQueue; pending: number }>();

/**
 * Runs `task` after every earlier task queued under the same key (e.g. one knowledge folder),
 * so two edits to the same files never interleave, whichever writer object made them.
 */
export async function runExclusive<T>(key: string, task: () => Promise<T>): Promise<T> {
  let queue = queuesByKey.get(key);
  if (!queue) {
    queue = { run: createSerialQueue(), pending: 0 };
    queuesByKey.set(key, queue);
  }
  queue.pending++;
  try {
    return await queue.run(task);
  } finally {
    if (--queue.pending === 0) queuesByKey.delete(key);
  }
}
