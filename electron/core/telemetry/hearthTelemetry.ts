import {
  type Attributes,
  type Context,
  context,
  propagation,
  type Span,
  SpanStatusCode,
  trace,
  type Tracer,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import type { GenerationSample, IngestSample } from '../../shared/telemetrySchemas';

/** What the running core's Telemetry does with what instrumented code reports. */
export interface TelemetrySink {
  readonly tracer: Tracer;
  generation(sample: GenerationSample): void;
  ingested(sample: IngestSample): void;
  queueDepth(delta: number): void;
  retrieved(ms: number): void;
  gatewayRequest(route: string, status: number, ms: number): void;
}

let sink: TelemetrySink | undefined;
let contextReady = false;

/**
 * Installs the core's sink; instrumented code reports to whichever is installed (nothing when none is, as in unit
 * tests of a single service). Returns the uninstaller. The context manager and W3C propagator are process-wide and
 * stay: they carry the active span across awaits, which costs nothing without spans.
 */
export function installTelemetry(next: TelemetrySink): () => void {
  if (!contextReady) {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    contextReady = true;
  }
  sink = next;
  return () => {
    if (sink === next) sink = undefined;
  };
}

const NO_TRACER = trace.getTracerProvider().getTracer('hearth-none');

/** The active tracer (a no-op one when no core telemetry is installed). */
function tracer(): Tracer {
  return sink?.tracer ?? NO_TRACER;
}

/** Runs `fn` inside a span that ends when it settles; a thrown error marks the span and is rethrown. */
export async function withSpan<T>(name: string, attributes: Attributes, fn: (span: Span) => Promise<T>): Promise<T> {
  return tracer().startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await fn(span);
    } catch (error) {
      span.recordException(error instanceof Error ? error : String(error));
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  });
}

/** Like withSpan, with the parent taken from a W3C `traceparent` (from the contract or an HTTP header). */
export function withRemoteParent<T>(traceparent: string | undefined, fn: () => Promise<T>): Promise<T> {
  if (!traceparent) return fn();
  const parent = propagation.extract(context.active(), { traceparent });
  return context.with(parent, fn);
}

/** A span the caller ends itself (a gateway request ends with its response, not with a function). */
export function startSpan(name: string, attributes: Attributes, traceparent?: string): Span {
  const parent = traceparent ? propagation.extract(context.active(), { traceparent }) : context.active();
  return tracer().startSpan(name, { attributes }, parent);
}

/**
 * A finished child of the active span (or of `parent`, a context captured earlier with `activeContext`), timed
 * elsewhere — another process or thread measured it, or it ended in a callback: ms since epoch.
 */
export function recordPhase(
  name: string,
  startMs: number,
  endMs: number,
  attributes: Attributes,
  parent: Context = context.active(),
): void {
  tracer().startSpan(name, { attributes, startTime: startMs }, parent).end(endMs);
}

/** The active trace context, to parent spans recorded later from a callback that runs outside it. */
export function activeContext(): Context {
  return context.active();
}

/** The W3C traceparent of a span, to carry its trace into another call or process. */
export function traceparentOf(span: Span): string | undefined {
  const carrier: Record<string, string> = {};
  propagation.inject(trace.setSpan(context.active(), span), carrier);
  return carrier['traceparent'];
}

/** The trace and span ids of the active span, for log lines (pino's mixin). */
export function activeTraceIds(): { trace_id: string; span_id: string } | Record<string, never> {
  const span = trace.getSpan(context.active());
  const ids = span?.spanContext();
  if (!ids || !trace.isSpanContextValid(ids)) return {};
  return { trace_id: ids.traceId, span_id: ids.spanId };
}

/** One answer's speed (ChatEngine). */
export function recordGeneration(sample: GenerationSample): void {
  sink?.generation(sample);
}

/** One file finished ingestion (IngestionPipeline). */
export function recordIngested(sample: IngestSample): void {
  sink?.ingested(sample);
}

/** Files entering (+) or leaving (−) the ingestion pipeline. */
export function recordQueueDepth(delta: number): void {
  sink?.queueDepth(delta);
}

/** One retrieval (search + rerank) took `ms`. */
export function recordRetrieve(ms: number): void {
  sink?.retrieved(ms);
}

/** One gateway request ended with `status` after `ms`. */
export function recordGatewayRequest(route: string, status: number, ms: number): void {
  sink?.gatewayRequest(route, status, ms);
}
