import { describe, expect, it } from 'vitest';
import type { GenerationSample, IngestSample } from '@shared/telemetrySchemas';
import { ingestThroughput, speedPoints, ttftHistogram } from '@/features/diagnostics/charts/chartData';

const answer = (at: number, ttftMs: number, tokensPerSecond: number): GenerationSample => ({
  at,
  ttftMs,
  tokensPerSecond,
  tokens: 10,
  source: 'local',
});

describe('Diagnostics chart data', () => {
  it('counts answers into fixed time-to-first-token buckets, the slowest in the last', () => {
    const bars = ttftHistogram([answer(1, 80, 5), answer(2, 100, 5), answer(3, 700, 5), answer(4, 9_000, 5)]);
    expect(bars.map((b) => b.label)).toEqual(['≤0.1s', '≤0.25s', '≤0.5s', '≤1s', '≤2s', '≤5s', '>5s']);
    expect(bars.map((b) => b.value)).toEqual([2, 0, 0, 1, 0, 0, 1]);
  });

  it('plots speed per answer in order, leaving out answers with no measurable rate', () => {
    expect(speedPoints([answer(1, 50, 12.5), answer(2, 50, 0), answer(3, 50, 20)])).toEqual([
      { x: 1, y: 12.5 },
      { x: 3, y: 20 },
    ]);
  });

  it('buckets ingested files per minute, bytes only for indexed files, nothing outside the window', () => {
    const now = 10 * 60_000;
    const file = (at: number, outcome: IngestSample['outcome'], bytes: number): IngestSample => ({
      at,
      outcome,
      bytes,
      chunks: 1,
    });
    const { files, kilobytes } = ingestThroughput(
      [
        file(now - 30_000, 'indexed', 4096),
        file(now - 10_000, 'failed', 999_999),
        file(now - 90_000, 'indexed', 2048),
        file(0, 'indexed', 1),
      ],
      now,
    );
    expect(files.at(-1)).toEqual({ label: 'now', value: 2 });
    expect(kilobytes.at(-1)).toEqual({ label: 'now', value: 4 });
    expect(files.at(-2)).toEqual({ label: '−1m', value: 1 });
    expect(files.reduce((n, b) => n + b.value, 0)).toBe(3);
  });
});
