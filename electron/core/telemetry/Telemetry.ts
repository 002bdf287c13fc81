import { execFile } from 'node:child_process';
import type { Counter, Histogram, Meter, Tracer, UpDownCounter } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { DataPointType, MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import { SimpleSpanProcessor, TracerProvider, type SpanProcessor } from '@opentelemetry/sdk-trace';
import type { ChildStatus } from '../../shared/schemas';
import type { GenerationSample, IngestSample, TelemetryRecent } from '../../shared/telemetrySchemas';
import { HEARTH_METRICS } from './metricNames';
import { OtlpExport } from './OtlpExport';
import { SpanRing } from './SpanRing';
import type { TelemetrySink } from './hearthTelemetry';

/** Options for the core's telemetry. */
export interface TelemetryOptions {
  /** Hearth's version, on every span and metric. */
  version: string;
  /** Supervised children: sidecar status, restarts and memory. */
  children: () => ChildStatus[];
  /** More span processors (the on-disk log of 'Local only'). */
  spanProcessors?: SpanProcessor[];
  /** Samples of each kind kept for the Diagnostics screen. */
  capacity?: number;
  /** Resident bytes of other processes by pid; `ps` by default (macOS and Linux). */
  memoryOf?: (pids: number[]) => Promise<Map<number, number>>;
}

/**
 * Spans and metrics for the whole core (OpenTelemetry SDK). By default nothing leaves the process: spans go to an
 * in-memory ring and metrics are read on demand, both for the Diagnostics screen; the OTLP export is opt-in.
 */
export class Telemetry implements TelemetrySink {
  readonly tracer: Tracer;
  readonly otlp = new OtlpExport();
  readonly #spans = new SpanRing();
  readonly #traces: TracerProvider;
  readonly #meters: MeterProvider;
  /** Reads every metric when asked (metric totals for tests and the diagnostics bundle); exports nothing. */
  readonly #reader = new OnDemandReader();
  readonly #generations: GenerationSample[] = [];
  readonly #ingests: IngestSample[] = [];
  readonly #capacity: number;
  readonly #memoryOf: (pids: number[]) => Promise<Map<number, number>>;
  #memory: TelemetryRecent['memory'] = [];
  readonly #instruments: {
    ttft: Histogram;
    rate: Histogram;
    tokens: Counter;
    retrieve: Histogram;
    files: Counter;
    bytes: Counter;
    chunks: Counter;
    queue: UpDownCounter;
    gatewayRequests: Counter;
    gatewayDuration: Histogram;
  };

  constructor(private readonly options: TelemetryOptions) {
    this.#capacity = options.capacity ?? 500;
    this.#memoryOf = options.memoryOf ?? residentMemory;
    const resource = resourceFromAttributes({ 'service.name': 'hearth', 'service.version': options.version });
    this.#traces = new TracerProvider({
      resource,
      spanProcessors: [
        new SimpleSpanProcessor({ exporter: this.#spans }),
        this.otlp.spanProcessor,
        ...(options.spanProcessors ?? []),
      ],
    });
    this.tracer = this.#traces.getTracer('hearth', options.version);
    this.#meters = new MeterProvider({
      resource,
      readers: [this.otlp.metricReader, this.#reader],
    });
    const meter = this.#meters.getMeter('hearth', options.version);
    const m = HEARTH_METRICS;
    const seconds = [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30];
    this.#instruments = {
      ttft: histogram(meter, m.generationTtft, seconds),
      rate: histogram(meter, m.generationRate, [1, 2, 5, 10, 20, 40, 80, 160]),
      tokens: counter(meter, m.generationTokens),
      retrieve: histogram(meter, m.retrieveDuration, seconds),
      files: counter(meter, m.ingestFiles),
      bytes: counter(meter, m.ingestBytes),
      chunks: counter(meter, m.ingestChunks),
      queue: meter.createUpDownCounter(m.ingestQueueDepth.name, description(m.ingestQueueDepth)),
      gatewayRequests: counter(meter, m.gatewayRequests),
      gatewayDuration: histogram(meter, m.gatewayDuration, seconds),
    };
    this.#observeProcesses(meter);
  }

  generation(sample: GenerationSample): void {
    push(this.#generations, sample, this.#capacity);
    const attributes = { source: sample.source };
    this.#instruments.ttft.record(sample.ttftMs / 1000, attributes);
    if (sample.tokensPerSecond > 0) this.#instruments.rate.record(sample.tokensPerSecond, attributes);
    this.#instruments.tokens.add(sample.tokens, attributes);
  }

  ingested(sample: IngestSample): void {
    push(this.#ingests, sample, this.#capacity);
    this.#instruments.files.add(1, { outcome: sample.outcome });
    if (sample.outcome === 'indexed') {
      this.#instruments.bytes.add(sample.bytes);
      this.#instruments.chunks.add(sample.chunks);
    }
  }

  queueDepth(delta: number): void {
    this.#instruments.queue.add(delta);
  }

  retrieved(ms: number): void {
    this.#instruments.retrieve.record(ms / 1000);
  }

  gatewayRequest(route: string, status: number, ms: number): void {
    this.#instruments.gatewayRequests.add(1, { route, status });
    this.#instruments.gatewayDuration.record(ms / 1000, { route });
  }

  /** What the Diagnostics screen plots: recent answers, ingested files, spans, sidecars and memory. */
  async recent(): Promise<TelemetryRecent> {
    await this.#traces.forceFlush();
    await this.#sampleMemory();
    return {
      generations: [...this.#generations],
      ingests: [...this.#ingests],
      spans: this.#spans.recent(),
      sidecars: this.options.children(),
      memory: this.#memory,
      otlpEndpoint: this.otlp.endpoint,
    };
  }

  /**
   * Every metric's current value by name: the sum over its series for counters and gauges, the number of
   * recordings for histograms.
   */
  async metricTotals(): Promise<Record<string, number>> {
    const { resourceMetrics } = await this.#reader.collect();
    const totals: Record<string, number> = {};
    for (const metric of resourceMetrics.scopeMetrics.flatMap((s) => s.metrics)) {
      totals[metric.descriptor.name] = metric.dataPoints.reduce(
        (sum: number, point) =>
          sum +
          (metric.dataPointType === DataPointType.HISTOGRAM
            ? (point.value as { count: number }).count
            : (point.value as number)),
        0,
      );
    }
    return totals;
  }

  async dispose(): Promise<void> {
    await Promise.allSettled([this.#traces.shutdown(), this.#meters.shutdown()]);
    await this.otlp.dispose();
  }

  #observeProcesses(meter: Meter): void {
    const m = HEARTH_METRICS;
    const restarts = meter.createObservableCounter(m.sidecarRestarts.name, description(m.sidecarRestarts));
    const up = meter.createObservableGauge(m.sidecarUp.name, description(m.sidecarUp));
    const memory = meter.createObservableGauge(m.processMemory.name, description(m.processMemory));
    meter.addBatchObservableCallback(
      async (observer) => {
        for (const child of this.options.children()) {
          observer.observe(restarts, child.restarts, { sidecar: child.name });
          observer.observe(up, child.state === 'running' ? 1 : 0, { sidecar: child.name });
        }
        await this.#sampleMemory();
        for (const entry of this.#memory) observer.observe(memory, entry.rssBytes, { process: entry.process });
      },
      [restarts, up, memory],
    );
  }

  async #sampleMemory(): Promise<void> {
    const children = this.options.children().filter((c) => c.pid !== null);
    const rss = children.length ? await this.#memoryOf(children.map((c) => c.pid as number)).catch(() => null) : null;
    this.#memory = [
      { process: 'core', rssBytes: process.memoryUsage().rss },
      ...children.flatMap((c) => {
        const bytes = rss?.get(c.pid as number);
        return bytes === undefined ? [] : [{ process: c.name, rssBytes: bytes }];
      }),
    ];
  }
}

class OnDemandReader extends MetricReader {
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
}

type MetricInfo = { name: string; unit: string; description: string };

function description(info: MetricInfo) {
  return { description: info.description, unit: info.unit };
}

function counter(meter: Meter, info: MetricInfo): Counter {
  return meter.createCounter(info.name, description(info));
}

function histogram(meter: Meter, info: MetricInfo, boundaries: number[]): Histogram {
  return meter.createHistogram(info.name, { ...description(info), advice: { explicitBucketBoundaries: boundaries } });
}

function push<T>(ring: T[], item: T, capacity: number): void {
  ring.push(item);
  if (ring.length > capacity) ring.splice(0, ring.length - capacity);
}

/** Resident set sizes from `ps` (kilobytes on macOS and Linux); a process that is gone is simply absent. */
function residentMemory(pids: number[]): Promise<Map<number, number>> {
  return new Promise((resolve, reject) => {
    execFile('ps', ['-o', 'pid=,rss=', '-p', pids.join(',')], { timeout: 2_000 }, (error, stdout) => {
      const out = new Map<number, number>();
      for (const line of stdout.split('\n')) {
        const [pid, kb] = line.trim().split(/\s+/).map(Number);
        if (pid && kb !== undefined && Number.isFinite(kb)) out.set(pid, kb * 1024);
      }
      // ps exits 1 when some pid is gone; what it printed still counts.
      if (error && out.size === 0 && !stdout) reject(error);
      else resolve(out);
    });
  });
}
