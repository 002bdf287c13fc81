import type { Logger } from 'pino';
import type { Catalog } from '../catalog/Catalog';
import type { IndexWriter } from './IndexWriter';

/**
 * Drains the catalogue's `vector_refresh` queue: documents whose vectors must be written again (their collection
 * changed, or the active index lacks them). Rows leave the queue only once written, so a crash resumes at start.
 * One drain at a time; a drain asked for while one runs is folded into it.
 */
export class VectorRefresher {
  #running: Promise<void> | null = null;
  #again = false;

  constructor(private readonly o: { catalog: Catalog; writer: IndexWriter; logger: Logger; signal: AbortSignal }) {}

  /** Resolves once the queue is empty (or the first failure, which is logged and retried at the next drain). */
  drain(): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    this.#running = this.#loop().finally(() => (this.#running = null));
    return this.#running;
  }

  async #loop(): Promise<void> {
    const { catalog, writer, logger, signal } = this.o;
    do {
      this.#again = false;
      for (const id of catalog.collectionTable.refreshQueue()) {
        if (signal.aborted) return;
        const doc = catalog.getDocument(id);
        try {
          if (doc?.status === 'indexed') await writer.writeCurrent(doc, signal);
          catalog.collectionTable.refreshDone(id);
        } catch (error) {
          if (!signal.aborted) logger.warn({ err: error, documentId: id }, 'could not rewrite vectors; will retry');
          return;
        }
      }
    } while (this.#again);
  }
}
