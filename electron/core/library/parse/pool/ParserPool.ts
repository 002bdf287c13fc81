import { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import { HearthError, type ErrorData } from '../../../../shared/errors';
import type { OcrProgress } from '../ocr/ocrOptions';
import type { ParsedDocument } from '../ParsedDocument';
import type { ParseFileOptions } from '../parseFile';
import type { Context } from '@opentelemetry/api';
import { activeContext, recordPhase } from '../../../telemetry/hearthTelemetry';

export interface ParserPoolOptions {
  /** The worker script: the bundled `parseWorker.mjs`, or `parseWorker.ts` with the tsx loader in `execArgv`. */
  entry: string;
  /** Node flags for the workers, e.g. `['--import', <tsx loader file URL>]` to run the TypeScript source. */
  execArgv?: string[];
  /** Workers at most (default 2), each parsing one file at a time; further files wait in line. */
  size?: number;
  /** Heap limit of each worker in MB (default 1024): a parse that needs more fails instead of starving the core. */
  maxMemoryMb?: number;
  /** Time limit of a parse whose options give none (default 60 s); it counts from when a worker takes the file. */
  defaultTimeoutMs?: number;
  /** Where crashes and unexpected worker exits are reported. */
  logger?: Logger;
  /** Lets the workers obey the fault file names of parseWorker.ts. Tests only: never set by createCore. */
  allowFaults?: boolean;
}

/**
 * A file sent to a worker. The signal and progress callback stay behind (they cannot be cloned): the pool enforces
 * the signal by termination and relays `progress` replies to the callback.
 */
export interface ParseJob {
  id: number;
  path: string;
  options: Omit<ParseFileOptions, 'signal' | 'onProgress'>;
}

/**
 * What a worker sends back: `ready` once its modules are loaded, then per job any number of `progress` (a page
 * recognition starts: the time limit starts again) and one `done` or `failed`.
 */
export type ParseReply =
  | { type: 'ready' }
  | { type: 'progress'; id: number; progress: OcrProgress }
  | { type: 'done'; id: number; value: ParsedDocument }
  | { type: 'failed'; id: number; error: ErrorData; cause?: string };

export interface ParserPoolStats {
  /** Worker threads started and not yet exited (terminated ones count until they are really gone). */
  workers: number;
  /** Workers parsing a file now. */
  busy: number;
  /** Files waiting for a worker. */
  queued: number;
  /** Workers started since the pool was made: one per replacement after a timeout, cancel or crash. */
  started: number;
}

interface Job extends ParseJob {
  signal: AbortSignal | undefined;
  onProgress: ParseFileOptions['onProgress'];
  timeoutMs: number;
  resolve(doc: ParsedDocument): void;
  reject(err: HearthError): void;
  onAbort?: () => void;
  timer?: NodeJS.Timeout;
  /** The trace the parse belongs to (the ingest.parse span), and when it queued and reached a worker (ms). */
  trace: { parent: Context; queuedAt: number; startedAt?: number };
}

interface Slot {
  worker: Worker;
  /** The worker finished loading its modules; a crash before that is Hearth's fault, not the file's. */
  ready: boolean;
  job: Job | undefined;
  /** The last 'error' event; the 'exit' that follows decides what it means. */
  error: Error | undefined;
}

const cancelled = () => new HearthError('CANCELLED', 'Reading this file was cancelled.');

/**
 * Runs `parseFile` in `node:worker_threads` workers, so a hostile file that hogs the CPU or the heap stalls a worker,
 * never the core's event loop. Workers start lazily, are reused, take one file at a time; a worker that overruns the
 * time limit, is cancelled, runs out of memory or crashes is terminated (the only way to stop a parser stuck in
 * synchronous code) and replaced on demand. `parse` has `parseFile`'s signature, so it is a drop-in `ParseFn`.
 */
export class ParserPool {
  private readonly size: number;
  private readonly maxMemoryMb: number;
  private readonly defaultTimeoutMs: number;
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  /** Every thread not yet exited, with the promise of its exit (dispose awaits them). */
  private readonly alive = new Map<Worker, Promise<void>>();
  private nextId = 1;
  private started = 0;
  private disposed = false;

  constructor(private readonly options: ParserPoolOptions) {
    this.size = Math.max(1, Math.floor(options.size ?? 2));
    this.maxMemoryMb = options.maxMemoryMb ?? 1024;
    this.defaultTimeoutMs = options.defaultTimeoutMs ?? 60_000;
  }

  /** Parses one file in a worker; fails with the worker's HearthError, or CANCELLED, TIMEOUT, UNSUPPORTED_FILE. */
  parse = (path: string, options: ParseFileOptions): Promise<ParsedDocument> => {
    if (this.disposed) return Promise.reject(new HearthError('CANCELLED', 'The file reader has shut down.'));
    if (options.signal?.aborted) return Promise.reject(cancelled());
    const { signal, onProgress, ...rest } = options;
    return new Promise<ParsedDocument>((resolve, reject) => {
      const job: Job = {
        id: this.nextId++,
        path,
        options: rest,
        signal,
        onProgress,
        timeoutMs: options.timeoutMs ?? this.defaultTimeoutMs,
        resolve,
        reject,
        trace: { parent: activeContext(), queuedAt: Date.now() },
      };
      if (signal) {
        job.onAbort = () => this.abort(job);
        signal.addEventListener('abort', job.onAbort, { once: true });
      }
      this.queue.push(job);
      this.pump();
    });
  };

  stats(): ParserPoolStats {
    return {
      workers: this.alive.size,
      busy: this.slots.filter((s) => s.job).length,
      queued: this.queue.length,
      started: this.started,
    };
  }

  /** Terminates every worker, fails running and waiting files with CANCELLED, and resolves once all threads exited. */
  async dispose(): Promise<void> {
    this.disposed = true;
    for (const job of this.queue.splice(0)) this.settle(job, cancelled());
    for (const slot of [...this.slots]) {
      if (slot.job) this.settle(slot.job, cancelled());
      this.retire(slot);
    }
    await Promise.all(this.alive.values());
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.dispose();
  }

  /** Hands waiting files to idle workers, starting workers up to `size`. */
  private pump(): void {
    while (this.queue.length > 0 && !this.disposed) {
      let slot = this.slots.find((s) => !s.job);
      if (!slot) {
        if (this.slots.length >= this.size) return;
        slot = this.spawn();
      }
      this.dispatch(slot, this.queue.shift()!);
    }
  }

  private spawn(): Slot {
    const worker = new Worker(this.options.entry, {
      ...(this.options.execArgv ? { execArgv: this.options.execArgv } : {}),
      workerData: { faults: this.options.allowFaults === true },
      resourceLimits: { maxOldGenerationSizeMb: this.maxMemoryMb },
    });
    const slot: Slot = { worker, ready: false, job: undefined, error: undefined };
    this.started++;
    this.slots.push(slot);
    this.alive.set(worker, new Promise<void>((resolve) => worker.once('exit', () => resolve())));
    worker.on('message', (reply: ParseReply) => this.onReply(slot, reply));
    worker.on('error', (err) => {
      slot.error = err;
    });
    worker.on('exit', (code) => {
      this.alive.delete(worker);
      this.onExit(slot, code);
    });
    return slot;
  }

  private dispatch(slot: Slot, job: Job): void {
    slot.job = job;
    // Busy workers keep the process alive like any pending I/O; idle ones must not.
    slot.worker.ref();
    this.arm(slot, job);
    job.trace.startedAt = Date.now();
    slot.worker.postMessage({ id: job.id, path: job.path, options: job.options } satisfies ParseJob);
  }

  /** (Re)starts a job's time limit: at dispatch, and at each OCR page (the worker's own deadline does the same). */
  private arm(slot: Slot, job: Job): void {
    clearTimeout(job.timer);
    job.timer = setTimeout(() => this.fail(slot, job, this.timeoutError(job)), job.timeoutMs);
  }

  private onReply(slot: Slot, reply: ParseReply): void {
    if (reply.type === 'ready') {
      slot.ready = true;
      return;
    }
    const job = slot.job;
    if (!job || job.id !== reply.id) return;
    if (reply.type === 'progress') {
      this.arm(slot, job);
      return job.onProgress?.(reply.progress);
    }
    if (reply.type === 'done') return this.finish(slot, job, undefined, reply.value);
    if (reply.cause) this.options.logger?.warn({ cause: reply.cause }, 'parser worker: unexpected error');
    // parseFile's own deadline fired first (this thread was busy): a pdf.js task may still be running, so recycle.
    if (reply.error.code === 'TIMEOUT') return this.fail(slot, job, this.timeoutError(job));
    this.finish(slot, job, new HearthError(reply.error.code, reply.error.message, reply.error.details));
  }

  private onExit(slot: Slot, code: number): void {
    const index = this.slots.indexOf(slot);
    if (index < 0) return; // retired: its job, if any, is settled already
    this.slots.splice(index, 1);
    const job = slot.job;
    const err = slot.error;
    this.options.logger?.warn({ exitCode: code, err, busy: Boolean(job) }, 'parser worker exited unexpectedly');
    if (job) this.settle(job, this.crashError(slot, err));
    this.pump();
  }

  private abort(job: Job): void {
    const queued = this.queue.indexOf(job);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      return this.settle(job, cancelled());
    }
    const slot = this.slots.find((s) => s.job === job);
    if (slot) this.fail(slot, job, cancelled());
  }

  /** Ends a running job by terminating its worker: a parse cannot be interrupted any other way. */
  private fail(slot: Slot, job: Job, err: HearthError): void {
    this.retire(slot);
    this.settle(job, err);
    this.pump();
  }

  private retire(slot: Slot): void {
    const index = this.slots.indexOf(slot);
    if (index >= 0) this.slots.splice(index, 1);
    slot.job = undefined;
    void slot.worker.terminate();
  }

  /** Ends a job the worker answered; the worker stays for the next file. */
  private finish(slot: Slot, job: Job, err: HearthError | undefined, doc?: ParsedDocument): void {
    slot.job = undefined;
    slot.worker.unref();
    this.settle(job, err, doc);
    this.pump();
  }

  private settle(job: Job, err: HearthError | undefined, doc?: ParsedDocument): void {
    clearTimeout(job.timer);
    traceParse(job.trace, err);
    if (job.onAbort) job.signal?.removeEventListener('abort', job.onAbort);
    if (err) job.reject(err);
    else job.resolve(doc!);
  }

  private timeoutError(job: Job): HearthError {
    return new HearthError(
      'TIMEOUT',
      `Reading this file took longer than ${Math.round(job.timeoutMs / 1000)} s; it may be damaged or far too complex.`,
    );
  }

  private crashError(slot: Slot, err: Error | undefined): HearthError {
    if ((err as { code?: string } | undefined)?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
      return new HearthError(
        'UNSUPPORTED_FILE',
        `Reading this file used more memory than allowed (${this.maxMemoryMb} MB); it may be damaged or far too complex.`,
      );
    }
    if (!slot.ready) {
      // The worker died loading its own modules: an install problem that every file would hit.
      return new HearthError('INTERNAL', 'The file reader could not start.', undefined, { cause: err });
    }
    return new HearthError(
      'UNSUPPORTED_FILE',
      'Reading this file crashed the file reader; it may be damaged.',
      undefined,
      {
        cause: err,
      },
    );
  }
}

/** The wait for a free worker thread and the parse in it, as spans under the job's ingest.parse span. */
function traceParse(trace: Job['trace'], err: HearthError | undefined): void {
  const now = Date.now();
  const started = trace.startedAt ?? now;
  recordPhase('parse.queue', trace.queuedAt, started, {}, trace.parent);
  if (trace.startedAt !== undefined)
    recordPhase('parse.worker', started, now, { 'hearth.error': err?.code ?? '' }, trace.parent);
}
