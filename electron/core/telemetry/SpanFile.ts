import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';
import { summariseSpan } from './SpanRing';

/** Options for the on-disk span log (Settings → Privacy → Telemetry: Local only). */
export interface SpanFileOptions {
  /** The data dir's `telemetry/` folder. */
  dir: string;
  /** Whether to write now (the setting can change while Hearth runs). */
  enabled: () => boolean;
  /** Size at which `spans.jsonl` rolls over to `spans.1.jsonl` (one old file kept). */
  maxBytes?: number;
}

/** Appends finished spans as JSON lines under the data dir, bounded in size. Never sends anything. */
export class SpanFile implements SpanExporter {
  readonly #file: string;

  constructor(private readonly options: SpanFileOptions) {
    this.#file = join(options.dir, 'spans.jsonl');
  }

  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    if (!this.options.enabled() || spans.length === 0) return done({ code: ExportResultCode.SUCCESS });
    try {
      mkdirSync(this.options.dir, { recursive: true, mode: 0o700 });
      if (sizeOf(this.#file) > (this.options.maxBytes ?? 5 * 1024 * 1024))
        renameSync(this.#file, join(this.options.dir, 'spans.1.jsonl'));
      appendFileSync(this.#file, spans.map((s) => `${JSON.stringify(summariseSpan(s))}\n`).join(''), { mode: 0o600 });
      done({ code: ExportResultCode.SUCCESS });
    } catch (error) {
      done({ code: ExportResultCode.FAILED, error: error instanceof Error ? error : new Error(String(error)) });
    }
  }

  async shutdown(): Promise<void> {}
}

function sizeOf(file: string): number {
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
