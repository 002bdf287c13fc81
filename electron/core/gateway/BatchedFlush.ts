/** Options for a batched flush. */
export interface BatchedFlushOptions {
  /** Longest a change waits before it is written, ms. */
  flushMs: number;
  /** Writes everything pending. */
  flush: () => Promise<void>;
  /** Hears a failed write (the next change tries again). */
  onError?: (error: unknown) => void;
}

/**
 * Many small changes, one write: the first change after a write starts a timer, the write takes everything changed
 * by then. Dispose writes what is pending.
 */
export class BatchedFlush {
  #timer: NodeJS.Timeout | undefined;
  #pending = false;

  constructor(private readonly options: BatchedFlushOptions) {}

  /** Something changed: make sure a write follows within `flushMs`. */
  touch(): void {
    this.#pending = true;
    if (this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      this.flush().catch((error: unknown) => this.options.onError?.(error));
    }, this.options.flushMs);
    this.#timer.unref();
  }

  /** Writes now if anything changed. */
  async flush(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = undefined;
    if (!this.#pending) return;
    this.#pending = false;
    await this.options.flush();
  }

  async dispose(): Promise<void> {
    await this.flush();
  }
}
