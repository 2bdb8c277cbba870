import { setImmediate as nextTurn } from 'node:timers/promises';

/**
 * Work written as steps: each `yield` is a point where it may pause. The same build runs straight
 * through where nothing else waits (a terminal tool, a test) or in slices between other work
 * (a bot answering while its knowledge reloads), with the same result.
 */
export type BuildSteps<T> = Generator<void, T, void>;

/** Runs every step at once. */
export function runToEnd<T>(steps: BuildSteps<T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

/** Runs the steps in slices of about `sliceMs`, letting the event loop run in between. */
export async function runInSlices<T>(steps: BuildSteps<T>, sliceMs = 4): Promise<T> {
  let sliceStart = performance.now();
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    if (performance.now() - sliceStart >= sliceMs) {
      await nextTurn();
      sliceStart = performance.now();
    }
  }
}
