/**
 * Every metric Hearth emits, in one place: the instruments are created from this list, and the ops dashboard's test
 * (deploy/observability) checks that each query names one of them. Names carry their unit, so the Prometheus names
 * (dots → underscores, the collector's `add_metric_suffixes: false`) are predictable.
 */
export const HEARTH_METRICS = {
  generationTtft: {
    name: 'hearth.generation.ttft_seconds',
    kind: 'histogram',
    unit: 's',
    description: 'Time from a chat request to its first generated text',
  },
  generationRate: {
    name: 'hearth.generation.tokens_per_second',
    kind: 'histogram',
    unit: '{token}/s',
    description: 'Generation speed after the first token, per answer',
  },
  generationTokens: {
    name: 'hearth.generation.tokens',
    kind: 'counter',
    unit: '{token}',
    description: 'Tokens generated',
  },
  retrieveDuration: {
    name: 'hearth.retrieve.duration_seconds',
    kind: 'histogram',
    unit: 's',
    description: 'Hybrid search plus rerank, per question',
  },
  ingestFiles: {
    name: 'hearth.ingest.files',
    kind: 'counter',
    unit: '{file}',
    description: 'Files that finished ingestion, by outcome (indexed, duplicate, failed, cancelled)',
  },
  ingestBytes: {
    name: 'hearth.ingest.bytes',
    kind: 'counter',
    unit: 'By',
    description: 'Bytes of files indexed',
  },
  ingestChunks: {
    name: 'hearth.ingest.chunks',
    kind: 'counter',
    unit: '{chunk}',
    description: 'Passages indexed',
  },
  ingestQueueDepth: {
    name: 'hearth.ingest.queue_depth',
    kind: 'updowncounter',
    unit: '{file}',
    description: 'Files waiting or in progress in the ingestion pipeline',
  },
  gatewayRequests: {
    name: 'hearth.gateway.requests',
    kind: 'counter',
    unit: '{request}',
    description: 'Gateway requests (/v1, /mcp), by route and status',
  },
  gatewayDuration: {
    name: 'hearth.gateway.duration_seconds',
    kind: 'histogram',
    unit: 's',
    description: 'Gateway request duration, by route',
  },
  sidecarRestarts: {
    name: 'hearth.sidecar.restarts',
    kind: 'observable-counter',
    unit: '{restart}',
    description: 'Restarts of each supervised child since Hearth started',
  },
  sidecarUp: {
    name: 'hearth.sidecar.up',
    kind: 'observable-gauge',
    unit: '1',
    description: '1 while a supervised child is running, else 0',
  },
  processMemory: {
    name: 'hearth.process.memory_bytes',
    kind: 'observable-gauge',
    unit: 'By',
    description: 'Resident memory of the core and of each supervised child',
  },
} as const;

type MetricKind = (typeof HEARTH_METRICS)[keyof typeof HEARTH_METRICS]['kind'];

/** The series names Prometheus stores for a metric (histograms as _bucket, _sum and _count). */
function prometheusSeries(name: string, kind: MetricKind): string[] {
  const base = name.replaceAll('.', '_');
  return kind === 'histogram' ? [`${base}_bucket`, `${base}_sum`, `${base}_count`] : [base];
}

/** Every Prometheus series name Hearth's metrics become through the collector (deploy/observability). */
export function prometheusMetricNames(): string[] {
  return Object.values(HEARTH_METRICS).flatMap((m) => prometheusSeries(m.name, m.kind));
}
