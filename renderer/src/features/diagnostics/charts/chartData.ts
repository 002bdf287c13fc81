import type { GenerationSample, IngestSample } from '@shared/telemetrySchemas';

/** One bar: its label and height. */
export interface Bar {
  label: string;
  value: number;
}

/** TTFT upper edges in ms; the last bucket takes everything slower. */
const TTFT_EDGES_MS = [100, 250, 500, 1000, 2000, 5000];

/** Answers counted by time to first token, in fixed buckets (so two looks at the screen compare). */
export function ttftHistogram(samples: readonly GenerationSample[]): Bar[] {
  const counts = new Array<number>(TTFT_EDGES_MS.length + 1).fill(0);
  for (const s of samples) {
    const index = TTFT_EDGES_MS.findIndex((edge) => s.ttftMs <= edge);
    counts[index < 0 ? TTFT_EDGES_MS.length : index]! += 1;
  }
  return counts.map((value, i) => ({
    label: i < TTFT_EDGES_MS.length ? `≤${formatEdge(TTFT_EDGES_MS[i]!)}` : `>${formatEdge(TTFT_EDGES_MS.at(-1)!)}`,
    value,
  }));
}

/** Seconds, short enough that seven labels fit under a small chart. */
function formatEdge(ms: number): string {
  return `${ms / 1000}s`;
}

/** One point of a line: x is a time in ms since epoch. */
export interface Point {
  x: number;
  y: number;
}

/** Generation speed per answer, oldest first; answers with no measurable rate (one token) are left out. */
export function speedPoints(samples: readonly GenerationSample[]): Point[] {
  return samples.filter((s) => s.tokensPerSecond > 0).map((s) => ({ x: s.at, y: s.tokensPerSecond }));
}

/**
 * Files and kilobytes indexed per bucket over the last `buckets × bucketMs` up to `now`, oldest first: the
 * ingestion throughput plot. Failed, cancelled and duplicate files count as files but add no bytes.
 */
export function ingestThroughput(
  samples: readonly IngestSample[],
  now: number,
  bucketMs = 60_000,
  buckets = 10,
): { files: Bar[]; kilobytes: Bar[] } {
  const start = now - bucketMs * buckets;
  const files = new Array<number>(buckets).fill(0);
  const bytes = new Array<number>(buckets).fill(0);
  for (const s of samples) {
    if (s.at <= start || s.at > now) continue;
    const index = Math.min(buckets - 1, Math.floor((s.at - start) / bucketMs));
    files[index]! += 1;
    if (s.outcome === 'indexed') bytes[index]! += s.bytes;
  }
  const label = (i: number) => {
    const ago = Math.round(((buckets - 1 - i) * bucketMs) / 60_000);
    return ago === 0 ? 'now' : `−${ago}m`;
  };
  return {
    files: files.map((value, i) => ({ label: label(i), value })),
    kilobytes: bytes.map((value, i) => ({ label: label(i), value: Math.round(value / 102.4) / 10 })),
  };
}
