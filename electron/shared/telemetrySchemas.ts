import { z } from 'zod';
import { ChildStatusSchema } from './schemas';

/** One answer's speed, as the Diagnostics screen plots it. */
export const GenerationSampleSchema = z.object({
  at: z.number(),
  ttftMs: z.number(),
  tokensPerSecond: z.number(),
  tokens: z.int(),
  /** 'local' or 'remote': which source answered. */
  source: z.string(),
});
export type GenerationSample = z.infer<typeof GenerationSampleSchema>;

/** One file that finished ingestion. */
export const IngestSampleSchema = z.object({
  at: z.number(),
  outcome: z.enum(['indexed', 'duplicate', 'failed', 'cancelled']),
  bytes: z.number(),
  chunks: z.int(),
});
export type IngestSample = z.infer<typeof IngestSampleSchema>;

/** A finished span, summarised for the UI (attributes are plain values only). */
export const SpanSummarySchema = z.object({
  traceId: z.string(),
  spanId: z.string(),
  parentSpanId: z.string().nullable(),
  name: z.string(),
  startedAt: z.number(),
  durationMs: z.number(),
  error: z.boolean(),
  attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
});
export type SpanSummary = z.infer<typeof SpanSummarySchema>;

/** What the in-memory telemetry holds now: never written anywhere, never sent, lost at quit. */
export const TelemetryRecentSchema = z.object({
  generations: z.array(GenerationSampleSchema),
  ingests: z.array(IngestSampleSchema),
  spans: z.array(SpanSummarySchema),
  sidecars: z.array(ChildStatusSchema),
  memory: z.array(z.object({ process: z.string(), rssBytes: z.number() })),
  /** Where spans and metrics are also exported ('' = nowhere; opt-in in Settings → Privacy). */
  otlpEndpoint: z.string(),
});
export type TelemetryRecent = z.infer<typeof TelemetryRecentSchema>;

/** A support bundle: versions, settings (no secrets live there; addresses lose their credentials), recent logs. */
export const DiagnosticsBundleSchema = z.object({
  createdAt: z.string(),
  versions: z.record(z.string(), z.string()),
  settings: z.record(z.string(), z.unknown()),
  telemetry: TelemetryRecentSchema,
  /** The end of hearth.log (credentials were redacted when written). */
  log: z.string(),
});
export type DiagnosticsBundle = z.infer<typeof DiagnosticsBundleSchema>;
