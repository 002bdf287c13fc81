import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { ChildStatus, DiagnosticsSnapshot } from '../../shared/schemas';

/** Options for the diagnostics service. */
export interface DiagnosticsOptions {
  /** When the core started (ms since epoch). */
  startedAt: number;
  /** Streams running right now (from the dispatcher). */
  activeStreams: () => number;
  /** Supervised children. */
  children: () => ChildStatus[];
}

/** Live core health for the Diagnostics screen, and a transport self-test. */
export class Diagnostics {
  readonly #delay: ReturnType<typeof monitorEventLoopDelay> = monitorEventLoopDelay({ resolution: 20 });
  /** Items the loopback stream has produced in total; lets tests see that a cancel stopped the work. */
  loopbackItemsProduced = 0;

  constructor(private readonly options: DiagnosticsOptions) {
    this.#delay.enable();
  }

  snapshot(): DiagnosticsSnapshot {
    const memory = process.memoryUsage();
    const p99 = this.#delay.percentile(99) / 1e6;
    this.#delay.reset();
    return {
      at: Date.now(),
      uptimeMs: Date.now() - this.options.startedAt,
      rssBytes: memory.rss,
      heapUsedBytes: memory.heapUsed,
      eventLoopDelayMs: Number.isFinite(p99) ? Math.round(p99 * 100) / 100 : 0,
      activeStreams: this.options.activeStreams(),
      children: this.options.children(),
    };
  }

  /**
   * Emits a snapshot now and every `intervalMs` until the signal aborts; waits while the client is behind (`emit`'s
   * promise), so a paused client gets no backlog.
   */
  async watch(
    intervalMs: number,
    signal: AbortSignal,
    emit: (s: DiagnosticsSnapshot) => void | Promise<void>,
  ): Promise<number> {
    let count = 0;
    while (!signal.aborted) {
      await emit(this.snapshot());
      count++;
      await sleep(intervalMs, signal);
    }
    return count;
  }

  /**
   * Sends `count` items as fast as the client takes them: each waits for `emit`'s promise (the transport's
   * backpressure), and the loop yields to the event loop regularly so a cancel is seen promptly.
   */
  async loopback(
    count: number,
    payloadBytes: number,
    signal: AbortSignal,
    emit: (item: { seq: number; payload: string }) => void | Promise<void>,
  ): Promise<number> {
    const payload = 'x'.repeat(payloadBytes);
    let sent = 0;
    while (sent < count && !signal.aborted) {
      await emit({ seq: sent, payload });
      sent++;
      this.loopbackItemsProduced++;
      if (sent % 128 === 0) await yieldToLoop();
    }
    return sent;
  }

  dispose(): void {
    this.#delay.disable();
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
