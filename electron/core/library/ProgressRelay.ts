import type { IngestProgress } from './pipeline/pipelineTypes';

/** Options for a progress relay. */
export interface ProgressRelayOptions {
  /** Receives every event worth sending (byte updates thinned out), for all clients. */
  onProgress: (event: IngestProgress) => void;
  /** A file reached indexed, failed or cancelled. */
  onFileDone: (event: Extract<IngestProgress, { kind: 'file' }>) => void;
  /** A file got its own document (hashed, not a duplicate): lists can show it while it is indexed. */
  onDocumentAdded?: (event: Extract<IngestProgress, { kind: 'file' }>) => void;
  /** A listener threw; the relay goes on. */
  onListenerError?: (error: unknown) => void;
  /** Least time between two byte updates of one file, in ms (default 100). */
  minIntervalMs?: number;
  now?: () => number;
}

const TERMINAL = new Set(['indexed', 'failed', 'cancelled']);

/**
 * Fans pipeline progress out to the broadcast and to the caller's stream, thinning byte updates while a file is
 * read (hashing a large file reports every 64 KiB) so a batch does not flood a slow WebSocket. Stage changes and
 * batch totals always go through.
 */
export class ProgressRelay {
  readonly #o: ProgressRelayOptions;
  readonly #lastSent = new Map<string, { at: number; stage: string }>();

  constructor(options: ProgressRelayOptions) {
    this.#o = options;
  }

  /** A pipeline `onProgress` that also feeds `extra` (a caller's stream). */
  listener(extra?: (event: IngestProgress) => void): (event: IngestProgress) => void {
    return (event) => {
      if (!this.#pass(event)) return;
      // A listener that throws (a closed socket, a payload the contract refuses) must not fail the file.
      for (const send of [this.#o.onProgress, extra]) {
        try {
          send?.(event);
        } catch (error) {
          this.#o.onListenerError?.(error);
        }
      }
      if (event.kind !== 'file') return;
      if (TERMINAL.has(event.stage)) this.#notify(this.#o.onFileDone, event);
      // The pipeline creates a file's document as it is hashed (its id is the job's).
      else if (event.stage === 'hashed' && !event.duplicate) this.#notify(this.#o.onDocumentAdded, event);
    };
  }

  #notify(
    callback: ((event: Extract<IngestProgress, { kind: 'file' }>) => void) | undefined,
    event: Extract<IngestProgress, { kind: 'file' }>,
  ): void {
    try {
      callback?.(event);
    } catch (error) {
      this.#o.onListenerError?.(error);
    }
  }

  #pass(event: IngestProgress): boolean {
    if (event.kind === 'batch') return true;
    const now = (this.#o.now ?? Date.now)();
    const last = this.#lastSent.get(event.jobId);
    if (last && last.stage === event.stage) {
      // The pipeline reports a final stage twice (on reaching it and when the file is counted): once is enough.
      if (TERMINAL.has(event.stage) || now - last.at < (this.#o.minIntervalMs ?? 100)) return false;
    }
    this.#lastSent.set(event.jobId, { at: now, stage: event.stage });
    return true;
  }
}
