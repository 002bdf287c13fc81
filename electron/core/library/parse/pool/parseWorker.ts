/**
 * The parser worker: a `node:worker_threads` entry that runs `parseFile` for `ParserPool`, so a hostile file that
 * hogs the CPU or the heap stalls this thread only, never the core's event loop. One job at a time; it speaks the
 * `ParseJob` / `ParseReply` messages declared in ParserPool.ts. Runs as TypeScript through the tsx loader in tests and
 * development, and as an esbuild bundle (`parseWorker.mjs`, dependencies external) in the app and headless shell.
 *
 * workerData `{ faults: true }` (only from a pool built with `allowFaults`) makes the fault names below misbehave.
 */
import { basename } from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { HearthError, isHearthError, type ErrorData } from '../../../../shared/errors';
import type { OcrProgress } from '../ocr/ocrOptions';
import { parseFile } from '../parseFile';
import type { ParseJob, ParseReply } from './ParserPool';

/** Base names that trigger a fault when faults are allowed: each stands in for one kind of pathological file. */
const FAULTS: Record<string, () => void> = {
  // A parser stuck in synchronous code: nothing inside this thread can interrupt it.
  'hearth-fault-hang': () => {
    for (;;);
  },
  // A parser whose heap grows without bound, until the worker's resourceLimits stop it.
  'hearth-fault-oom': () => {
    const hoard: unknown[] = [];
    for (;;) hoard.push(Array.from({ length: 1024 }, (_, i) => ({ i })));
  },
  // A parser that throws outside any promise the worker awaits (an uncaught exception ends the thread).
  'hearth-fault-crash': () => {
    setImmediate(() => {
      throw new Error('simulated parser crash');
    });
  },
};

const port = parentPort;
if (!port) throw new Error('parseWorker must run as a worker thread (ParserPool starts it).');
const faultsAllowed = (workerData as { faults?: unknown } | null)?.faults === true;

const INTERNAL: ErrorData = new HearthError(
  'INTERNAL',
  'Hearth could not read this file because of an internal error.',
).toData();

/** The unexpected error behind a failure, for the pool's log: a `cause` does not cross postMessage. */
function causeOf(err: unknown): string | undefined {
  const inner = isHearthError(err) ? err.cause : err;
  if (inner === undefined) return undefined;
  return inner instanceof Error ? (inner.stack ?? inner.message) : String(inner);
}

function failed(id: number, err: unknown): ParseReply {
  const error = isHearthError(err) ? err.toData() : INTERNAL;
  // Only a bug is worth the log; a damaged or missing file is reported to the person already.
  const cause = error.code === 'INTERNAL' ? causeOf(err) : undefined;
  return { type: 'failed', id, error, ...(cause ? { cause } : {}) };
}

function reply(message: ParseReply): void {
  try {
    port!.postMessage(message);
  } catch (err) {
    // Details a parser attached may not survive structured clone; the code and message always do.
    if (message.type === 'failed') {
      const { code, message: text } = message.error;
      port!.postMessage({ ...message, error: { code, message: text } } satisfies ParseReply);
    } else if (message.type === 'done') {
      port!.postMessage(failed(message.id, err));
    }
  }
}

port.on('message', (job: ParseJob) => {
  const fault = faultsAllowed ? FAULTS[job.options.name ?? basename(job.path)] : undefined;
  if (fault) return fault();
  const onProgress = (progress: OcrProgress): void => reply({ type: 'progress', id: job.id, progress });
  parseFile(job.path, { ...job.options, onProgress }).then(
    (value) => reply({ type: 'done', id: job.id, value }),
    (err: unknown) => reply(failed(job.id, err)),
  );
});

// Module loading (the parsers, pdf.js) is over: a crash from here on is the file's doing, not a broken install.
reply({ type: 'ready' });
