import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import { HearthError, type ErrorData } from '../../../shared/errors';
import type { KeywordHit, KeywordSearchOptions } from './catalogTypes';

/** A search for the keyword thread. */
export interface KeywordRequest {
  id: number;
  query: string;
  options: KeywordSearchOptions;
}

/** The thread's answer: hits, or the error the search raised. */
export type KeywordReply = { id: number; hits: KeywordHit[] } | { id: number; error: ErrorData };

/** Options for `KeywordThread.start`. */
export interface KeywordThreadOptions {
  /** The worker script (`keywordWorker.mjs`, or keywordSearchWorker.ts with a tsx registration in `execArgv`). */
  entry: string;
  execArgv?: string[];
  /** The catalogue file (opened read-only by the thread). */
  catalogPath: string;
  logger: Pick<Logger, 'warn'>;
}

/**
 * Keyword searches of a SQLite catalogue in a thread of their own (keywordSearchWorker.ts), so the core's thread stays
 * free for the query embedding's reply and the vector search while FTS5 ranks. A thread that died is started again
 * on the next search; its searches in flight fail (HybridRetriever then searches in the core's thread).
 */
export class KeywordThread {
  #worker: Worker | null = null;
  #nextId = 1;
  #disposed = false;
  readonly #pending = new Map<number, { resolve: (hits: KeywordHit[]) => void; reject: (error: Error) => void }>();

  constructor(private readonly options: KeywordThreadOptions) {}

  /** Starts the thread now (it opens the catalogue and compiles its statements), so the first search does not wait. */
  start(): void {
    if (!this.#disposed) this.#started();
  }

  /** BM25-ranked hits, as Catalog.keywordSearch returns them, computed in the thread. */
  search(query: string, options: KeywordSearchOptions): Promise<KeywordHit[]> {
    if (this.#disposed) return Promise.reject(new HearthError('CANCELLED', 'The keyword search has stopped.'));
    const worker = this.#started();
    const id = this.#nextId++;
    return new Promise<KeywordHit[]>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      if (this.#pending.size === 1) worker.ref();
      worker.postMessage({ id, query, options } satisfies KeywordRequest);
    });
  }

  async dispose(): Promise<void> {
    this.#disposed = true;
    const worker = this.#worker;
    this.#worker = null;
    this.#failAll(new HearthError('CANCELLED', 'The keyword search has stopped.'));
    if (worker) await worker.terminate();
  }

  #started(): Worker {
    if (this.#worker) return this.#worker;
    const worker = new Worker(this.options.entry, {
      execArgv: this.options.execArgv ?? [],
      workerData: { path: this.options.catalogPath },
    });
    // Idle between searches (ref'd only while one is running): the thread must not keep a finished process alive.
    worker.unref();
    worker.on('message', (reply: KeywordReply) => {
      const waiting = this.#pending.get(reply.id);
      if (!waiting) return;
      this.#pending.delete(reply.id);
      if (this.#pending.size === 0) worker.unref();
      if ('hits' in reply) waiting.resolve(reply.hits);
      else waiting.reject(new HearthError(reply.error.code, reply.error.message, reply.error.details));
    });
    const gone = (error: Error): void => {
      if (this.#worker !== worker) return;
      this.#worker = null;
      if (!this.#disposed) this.options.logger.warn({ err: error }, 'keyword search thread stopped; starting anew');
      this.#failAll(new HearthError('INTERNAL', 'The keyword search thread stopped.', {}, { cause: error }));
    };
    worker.on('error', gone);
    worker.on('exit', (code) => gone(new Error(`exited with code ${code}`)));
    this.#worker = worker;
    return worker;
  }

  #failAll(error: Error): void {
    for (const waiting of this.#pending.values()) waiting.reject(error);
    this.#pending.clear();
  }
}
