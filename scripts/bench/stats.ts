/** Percentile by nearest rank on a sorted copy. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

export const round = (n: number, digits = 3) => Math.round(n * 10 ** digits) / 10 ** digits;

export interface BenchRow {
  metric: string;
  value: number;
  unit: string;
  note?: string;
}

/** A readable table for the terminal; the JSON goes alongside. */
export function formatTable(suite: string, rows: BenchRow[]): string {
  const width = Math.max(...rows.map((r) => r.metric.length), 6);
  const lines = rows.map(
    (r) =>
      `  ${r.metric.padEnd(width)}  ${(Number.isNaN(r.value) ? 'n/a' : String(r.value)).padStart(12)} ${r.unit.padEnd(10)} ${r.note ?? ''}`,
  );
  return [`\n${suite}`, `  ${'metric'.padEnd(width)}  ${'value'.padStart(12)} unit`, ...lines].join('\n');
}
