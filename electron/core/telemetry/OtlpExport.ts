import type { Context } from '@opentelemetry/api';
import { ExportResultCode, type ExportResult } from '@opentelemetry/core';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import {
  AggregationTemporality,
  PeriodicExportingMetricReader,
  type PushMetricExporter,
  type ResourceMetrics,
} from '@opentelemetry/sdk-metrics';
import { BatchSpanProcessor, type ReadableSpan, type Span, type SpanProcessor } from '@opentelemetry/sdk-trace';

/**
 * The opt-in OTLP/HTTP export (Settings → Privacy, this computer only). Off — the default — it holds no exporter and
 * opens no connection; set, spans go through a batch processor and metrics every `intervalMs` to `<endpoint>/v1/…`.
 * The endpoint can change while Hearth runs: the old exporters are flushed and shut down, new ones built.
 */
export class OtlpExport {
  #endpoint = '';
  #spans: BatchSpanProcessor | undefined;
  #metrics: OTLPMetricExporter | undefined;
  /** Goes in the tracer provider: forwards to the current batch processor, if any. */
  readonly spanProcessor: SpanProcessor;
  /** Goes in the meter provider: collects every interval, and drops the result while no endpoint is set. */
  readonly metricReader: PeriodicExportingMetricReader;

  constructor(intervalMs = 15_000) {
    this.spanProcessor = {
      onStart: (span: Span, parent: Context) => this.#spans?.onStart(span, parent),
      onEnd: (span: ReadableSpan) => this.#spans?.onEnd(span),
      forceFlush: async () => this.#spans?.forceFlush(),
      shutdown: async () => this.#spans?.shutdown(),
    };
    const forward: PushMetricExporter = {
      export: (metrics: ResourceMetrics, done: (result: ExportResult) => void) => {
        if (this.#metrics) this.#metrics.export(metrics, done);
        else done({ code: ExportResultCode.SUCCESS });
      },
      forceFlush: async () => this.#metrics?.forceFlush(),
      shutdown: async () => this.#metrics?.shutdown(),
      selectAggregationTemporality: () => AggregationTemporality.CUMULATIVE,
    };
    this.metricReader = new PeriodicExportingMetricReader({ exporter: forward, exportIntervalMillis: intervalMs });
  }

  get endpoint(): string {
    return this.#endpoint;
  }

  /** Points the export at `endpoint` (an http(s) base address), or turns it off with ''. */
  async setEndpoint(endpoint: string): Promise<void> {
    if (endpoint === this.#endpoint) return;
    const [spans, metrics] = [this.#spans, this.#metrics];
    this.#endpoint = endpoint;
    this.#spans = undefined;
    this.#metrics = undefined;
    await Promise.allSettled([spans?.shutdown(), metrics?.shutdown()]);
    if (!endpoint) return;
    const base = endpoint.replace(/\/+$/, '');
    this.#spans = new BatchSpanProcessor({ exporter: new OTLPTraceExporter({ url: `${base}/v1/traces` }) });
    this.#metrics = new OTLPMetricExporter({ url: `${base}/v1/metrics` });
  }

  async dispose(): Promise<void> {
    await this.setEndpoint('');
  }
}
