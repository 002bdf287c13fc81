import { HearthError } from '../../shared/errors';

/**
 * The operations a service has running, so its `dispose()` can cancel them and wait until they settle, and refuse
 * new ones: a request that arrives while Hearth stops gets CANCELLED instead of touching closed stores.
 */
export class InFlight {
  readonly #running = new Set<{ controller: AbortController; done: Promise<unknown> }>();
  #closed = false;

  /** @param what names the service in the refusal ("Answers", "Search"). */
  constructor(private readonly what: string) {}

  /** Throws CANCELLED once the service is disposed. */
  assertOpen(): void {
    if (this.#closed) throw new HearthError('CANCELLED', `${this.what} stopped: Hearth is shutting down.`);
  }

  /** Runs `work` with a signal that aborts when `signal` does or when the service is disposed. */
  run<T>(work: (signal: AbortSignal) => Promise<T>, signal?: AbortSignal): Promise<T> {
    try {
      this.assertOpen();
    } catch (error) {
      return Promise.reject(error);
    }
    const controller = new AbortController();
    const done = work(signal ? AbortSignal.any([signal, controller.signal]) : controller.signal);
    const entry = { controller, done };
    this.#running.add(entry);
    void done.then(
      () => this.#running.delete(entry),
      () => this.#running.delete(entry),
    );
    return done;
  }

  /** Operations running now. */
  get size(): number {
    return this.#running.size;
  }

  /** Refuses new work, aborts what runs and waits for all of it to settle. */
  async dispose(): Promise<void> {
    this.#closed = true;
    const running = [...this.#running];
    for (const entry of running) entry.controller.abort();
    await Promise.allSettled(running.map((entry) => entry.done));
  }
}
