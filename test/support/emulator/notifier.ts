interface Waiter {
  check: () => boolean;
  reject: (error: Error) => void;
}

/**
 * Polling-free waiting: every state change calls `notify()`, which re-runs the pending checks. This keeps waits exact
 * (no sleeps in tests) and lets `stop()` fail every pending wait at once instead of leaving timers behind.
 */
export class Notifier {
  readonly #waiters = new Set<Waiter>();
  #closed: Error | null = null;

  /**
   * Resolves with the first non-undefined value `probe` returns, checking now and after each `notify()`.
   * `describe` builds the timeout message lazily, so it can list the state at the moment of failure.
   */
  wait<T>(probe: () => T | undefined, timeoutMs: number, describe: () => string): Promise<T> {
    if (this.#closed) return Promise.reject(this.#closed);
    const first = probe();
    if (first !== undefined) return Promise.resolve(first);
    return new Promise<T>((resolve, reject) => {
      const waiter: Waiter = {
        check: () => {
          let value: T | undefined;
          try {
            value = probe();
          } catch (error) {
            finish();
            reject(error instanceof Error ? error : new Error(String(error)));
            return true;
          }
          if (value === undefined) return false;
          finish();
          resolve(value);
          return true;
        },
        reject: (error) => {
          finish();
          reject(error);
        },
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`Timed out after ${timeoutMs}ms: ${describe()}`));
      }, timeoutMs);
      const finish = (): void => {
        clearTimeout(timer);
        this.#waiters.delete(waiter);
      };
      this.#waiters.add(waiter);
    });
  }

  notify(): void {
    for (const waiter of [...this.#waiters]) waiter.check();
  }

  close(reason: Error): void {
    this.#closed = reason;
    for (const waiter of [...this.#waiters]) waiter.reject(reason);
  }
}
