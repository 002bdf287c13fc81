import { hrTimeToMilliseconds, ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { SpanStatusCode } from '@opentelemetry/api';
import type { ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace';
import type { SpanSummary } from '../../shared/telemetrySchemas';

/** Keeps the most recent finished spans in memory for the Diagnostics screen; nothing is written or sent. */
export class SpanRing implements SpanExporter {
  readonly #spans: SpanSummary[] = [];

  /** @param capacity spans kept; the oldest go first. */
  constructor(private readonly capacity = 500) {}

  export(spans: ReadableSpan[], done: (result: ExportResult) => void): void {
    for (const span of spans) this.#spans.push(summariseSpan(span));
    if (this.#spans.length > this.capacity) this.#spans.splice(0, this.#spans.length - this.capacity);
    done({ code: ExportResultCode.SUCCESS });
  }

  /** Finished spans, oldest first. */
  recent(): SpanSummary[] {
    return [...this.#spans];
  }

  async shutdown(): Promise<void> {
    this.#spans.length = 0;
  }
}

/** A span as plain data: ids, name, times in ms, error flag and its scalar attributes. */
export function summariseSpan(span: ReadableSpan): SpanSummary {
  const attributes: SpanSummary['attributes'] = {};
  for (const [key, value] of Object.entries(span.attributes)) {
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') attributes[key] = value;
  }
  const ids = span.spanContext();
  return {
    traceId: ids.traceId,
    spanId: ids.spanId,
    parentSpanId: span.parentSpanContext?.spanId ?? null,
    name: span.name,
    startedAt: hrTimeToMilliseconds(span.startTime),
    durationMs: hrTimeToMilliseconds(span.duration),
    error: span.status.code === SpanStatusCode.ERROR,
    attributes,
  };
}
