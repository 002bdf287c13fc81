import type { Logger } from 'pino';
import { HearthError } from '../../shared/errors';
import type { PartStatus } from '../../shared/partSchemas';
import type { EventBus } from '../rpc/EventBus';

/** What one background start is. */
export interface PartStartSpec {
  /** Stable id, e.g. `living-library`. */
  name: string;
  /** What the person loses while it is down, e.g. "Folder watching and library sync". */
  label: string;
  /** Starts it; rejects when it could not. Must be safe to call again after a rejection. */
  start: (signal: AbortSignal) => Promise<void>;
}

/** Options for PartStarts. */
export interface PartStartsOptions {
  logger: Logger;
  events: EventBus;
  /** First retry delay; doubles per failure up to `maxDelayMs`. Default 2000. */
  initialDelayMs?: number;
  /** Default 300000 (5 minutes). */
  maxDelayMs?: number;
  now?: () => number;
}

interface Entry {
  spec: PartStartSpec;
  controller: AbortController;
  status: PartStatus;
  attempt: Promise<void> | null;
  timer: NodeJS.Timeout | null;
}

/**
 * Background starts that never fail silently: a part whose start fails (the living library when the object store
 * cannot list, say) is retried with backoff, its state is a contract event every client sees (`core.parts.changed`),
 * the first failure of a streak and the recovery are notices, and "Retry now" runs it at once.
 */
export class PartStarts {
  readonly #o: PartStartsOptions;
  readonly #entries = new Map<string, Entry>();

  constructor(options: PartStartsOptions) {
    this.#o = options;
  }

  /**
   * Starts `spec` now, in the background. The part registers the returned handle after the service it starts, so
   * the retries stop (and an attempt under way is awaited) before that service is disposed.
   */
  run(spec: PartStartSpec): { dispose(): Promise<void> } {
    if (this.#entries.has(spec.name)) throw new Error(`A start named ${spec.name} already runs.`);
    const controller = new AbortController();
    const entry: Entry = { spec, controller, status: this.#status(spec, 'starting'), attempt: null, timer: null };
    this.#entries.set(spec.name, entry);
    this.#attempt(entry);
    return { dispose: () => this.#stop(entry) };
  }

  list(): PartStatus[] {
    return [...this.#entries.values()].map((e) => e.status);
  }

  /** Attempts a failed start now instead of at its next retry; a running or starting part is left as it is. */
  retry(name: string): PartStatus {
    const entry = this.#entries.get(name);
    if (!entry) throw new HearthError('NOT_FOUND', 'Hearth has no background service by that name.', { name });
    if (entry.status.state === 'retrying') {
      if (entry.timer) clearTimeout(entry.timer);
      entry.timer = null;
      this.#attempt(entry);
    }
    return entry.status;
  }

  /** Resolves when every attempt under way has settled (tests, shutdown). */
  async settled(): Promise<void> {
    await Promise.all([...this.#entries.values()].map((e) => e.attempt));
  }

  async dispose(): Promise<void> {
    await Promise.all([...this.#entries.values()].map((entry) => this.#stop(entry)));
  }

  async #stop(entry: Entry): Promise<void> {
    entry.controller.abort();
    if (entry.timer) clearTimeout(entry.timer);
    entry.timer = null;
    await entry.attempt;
  }

  #attempt(entry: Entry): void {
    const signal = entry.controller.signal;
    if (signal.aborted) return;
    this.#set(entry, { state: 'starting', nextRetryAt: null });
    entry.attempt = entry.spec
      .start(signal)
      .then(
        () => this.#succeeded(entry),
        (error: unknown) => this.#failed(entry, error),
      )
      .finally(() => {
        entry.attempt = null;
      });
  }

  #succeeded(entry: Entry): void {
    if (entry.controller.signal.aborted) return;
    const recovered = entry.status.failures > 0;
    this.#set(entry, { state: 'running', message: null, failures: 0 });
    if (recovered) {
      this.#o.logger.info({ part: entry.spec.name }, 'background start recovered');
      this.#o.events.emit('core.notice', { level: 'info', message: `${entry.spec.label} is on again.` });
    }
  }

  #failed(entry: Entry, error: unknown): void {
    if (entry.controller.signal.aborted) return;
    const failures = entry.status.failures + 1;
    const initial = this.#o.initialDelayMs ?? 2000;
    const delay = Math.min(this.#o.maxDelayMs ?? 300_000, initial * 2 ** (failures - 1));
    const message = error instanceof Error ? error.message : String(error);
    const nextRetryAt = this.#now() + delay;
    this.#o.logger.error({ err: error, part: entry.spec.name, failures, retryInMs: delay }, 'background start failed');
    this.#set(entry, { state: 'retrying', message, failures, nextRetryAt });
    if (failures === 1) {
      this.#o.events.emit('core.notice', {
        level: 'warning',
        message: `${entry.spec.label} is off: ${/[.!?]$/.test(message) ? message : `${message}.`} Hearth keeps retrying; Diagnostics has "Retry now".`,
      });
    }
    entry.timer = setTimeout(() => {
      entry.timer = null;
      this.#attempt(entry);
    }, delay);
    entry.timer.unref();
  }

  #set(entry: Entry, change: Partial<PartStatus>): void {
    const state = change.state ?? entry.status.state;
    entry.status = {
      ...entry.status,
      ...change,
      since: state === entry.status.state ? entry.status.since : this.#now(),
    };
    this.#o.events.emit('core.parts.changed', entry.status);
  }

  #status(spec: PartStartSpec, state: PartStatus['state']): PartStatus {
    return {
      name: spec.name,
      label: spec.label,
      state,
      message: null,
      failures: 0,
      nextRetryAt: null,
      since: this.#now(),
    };
  }

  #now(): number {
    return (this.#o.now ?? Date.now)();
  }
}
