import { Telemetry } from '../../electron/core/telemetry/Telemetry';
import { installTelemetry, recordGeneration, withSpan } from '../../electron/core/telemetry/hearthTelemetry';
import type { BenchRow } from './stats';
import { round } from './stats';

const SPANS = Number(process.env['HEARTH_BENCH_TELEMETRY_SPANS'] ?? 50_000);

/** Nested spans like an ingest stage inside a file inside a batch: three per iteration. */
async function spanTree(count: number): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < count / 3; i++) {
    await withSpan('bench.batch', { i }, () =>
      withSpan('bench.file', {}, () => withSpan('bench.stage', { 'hearth.stage': 'parse' }, async () => i)),
    );
  }
  return ((performance.now() - started) * 1000) / count;
}

/**
 * What the instrumentation costs (issue 18): µs per span with no telemetry installed (the no-op API) and with the
 * core's (in-memory ring, on-demand metrics), a metric sample, and reading what Diagnostics shows with a full ring.
 */
export async function telemetrySuite(): Promise<{ rows: BenchRow[]; meta: Record<string, unknown> }> {
  const rows: BenchRow[] = [];
  await spanTree(3_000);
  rows.push({ metric: 'span, no telemetry installed', value: round(await spanTree(SPANS), 2), unit: 'µs/span' });

  const telemetry = new Telemetry({ version: 'bench', children: () => [] });
  const uninstall = installTelemetry(telemetry);
  try {
    await spanTree(3_000);
    rows.push({ metric: 'span, in-memory ring', value: round(await spanTree(SPANS), 2), unit: 'µs/span' });
    const samples = 100_000;
    let started = performance.now();
    for (let i = 0; i < samples; i++)
      recordGeneration({ at: i, ttftMs: 120, tokensPerSecond: 30, tokens: 64, source: 'local' });
    rows.push({
      metric: 'answer sample (3 instruments + ring)',
      value: round(((performance.now() - started) * 1000) / samples, 3),
      unit: 'µs',
    });
    started = performance.now();
    const reads = 200;
    for (let i = 0; i < reads; i++) await telemetry.recent();
    rows.push({
      metric: 'telemetry.recent with a full ring',
      value: round((performance.now() - started) / reads, 3),
      unit: 'ms',
      note: '500 spans, 500 answers',
    });
  } finally {
    uninstall();
    await telemetry.dispose();
  }
  return { rows, meta: { spans: SPANS, node: process.version } };
}
