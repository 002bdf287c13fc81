import type { Logger } from 'pino';
import { isHearthError, type ErrorCode } from '../../../shared/errors';
import type { Catalog } from '../catalog/Catalog';
import type { IndexWriter } from '../indexing/IndexWriter';

/** Errors that mean the vector store itself is unreachable, not that one document cannot be written. */
const STORE_DOWN = new Set<ErrorCode>(['SIDECAR_DOWN', 'REMOTE_UNAVAILABLE', 'TIMEOUT']);

/** Options for the vector refresher. */
export interface VectorRefresherOptions {
  catalog: Catalog;
  writer: IndexWriter;
  logger: Logger;
  /** Aborted at dispose: stops the drain and any retry. */
  signal: AbortSignal;
  /** First wait before retrying a failed drain (doubles each time, default 5 s) and the longest (default 5 min). */
  retry?: { firstMs?: number; maxMs?: number };
}

/**
 * Drains the catalogue's `vector_refresh` queue: documents whose vectors must be written again (their collection
 * changed, or the active index lacks them). Rows leave the queue only once written, so a crash resumes at start.
 * One drain at a time; a drain asked for while one runs is folded into it. A drain that fails (the vector store is
 * down) is retried on its own with a growing delay, so pending rewrites do not wait for the next change or start.
 */
export class VectorRefresher {
  #running: Promise<void> | null = null;
  #again = false;
  #retry: NodeJS.Timeout | null = null;
  #failures = 0;

  constructor(private readonly o: VectorRefresherOptions) {
    o.signal.addEventListener('abort', () => this.#cancelRetry(), { once: true });
  }

  /** Documents still waiting for their vectors to be rewritten. */
  get pending(): number {
    return this.o.catalog.collectionTable.refreshQueue().length;
  }

  /** Resolves once the queue is empty, or at the first failure (logged, and retried later on its own). */
  drain(): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#cancelRetry();
    this.#running = this.#loop()
      .then((failed) => {
        if (failed) this.#scheduleRetry();
        else this.#failures = 0;
      })
      .finally(() => (this.#running = null));
    return this.#running;
  }

  /**
   * True when something failed. A store that is down stops the drain (every document would fail the same way); a
   * failure of one document (its model gone, say) leaves it queued and the others go on.
   */
  async #loop(): Promise<boolean> {
    const { catalog, writer, logger, signal } = this.o;
    let failed = false;
    do {
      this.#again = false;
      for (const id of catalog.collectionTable.refreshQueue()) {
        if (signal.aborted) return false;
        const doc = catalog.getDocument(id);
        try {
          if (doc?.status === 'indexed') await writer.writeCurrent(doc, signal);
          catalog.collectionTable.refreshDone(id);
        } catch (error) {
          if (signal.aborted) return false;
          logger.warn({ err: error, documentId: id }, 'could not rewrite vectors; will retry');
          failed = true;
          if (isHearthError(error) && STORE_DOWN.has(error.code)) return true;
        }
      }
    } while (this.#again);
    return failed;
  }

  #scheduleRetry(): void {
    if (this.o.signal.aborted || this.#retry) return;
    const first = this.o.retry?.firstMs ?? 5_000;
    const max = this.o.retry?.maxMs ?? 300_000;
    const delay = Math.min(max, first * 2 ** this.#failures);
    this.#failures++;
    this.#retry = setTimeout(() => {
      this.#retry = null;
      void this.drain();
    }, delay);
    // A pending retry must not keep a finished process (a test, the headless shell stopping) alive.
    this.#retry.unref();
  }

  #cancelRetry(): void {
    if (this.#retry) clearTimeout(this.#retry);
    this.#retry = null;
  }
}
