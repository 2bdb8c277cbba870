import type { Logger } from './logger.ts';

/**
 * The handlers running now: so that stopping finishes the replies already being written instead of cutting them off,
 * and takes no new work meanwhile.
 */
export class InFlight {
  readonly #tasks = new Set<Promise<void>>();
  #accepting = true;

  constructor(private readonly logger: Logger) {}

  get size(): number {
    return this.#tasks.size;
  }

  /** Runs `work` unless closed; its failure is logged, never thrown. */
  track(work: () => Promise<void>, what: string): void {
    if (!this.#accepting) return;
    const task = work()
      .catch((error: unknown) => this.logger.error({ err: error, what }, 'Handler failed'))
      .finally(() => this.#tasks.delete(task));
    this.#tasks.add(task);
  }

  /** Takes no new work from now on. */
  close(): void {
    this.#accepting = false;
  }

  /** Resolves when everything running now has finished, or after `timeoutMs`, whichever comes first. */
  async settle(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
    await Promise.race([Promise.allSettled([...this.#tasks]), timeout]);
    clearTimeout(timer);
  }
}
