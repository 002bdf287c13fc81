import type { IngestRun } from './ingestRun';
import type { BenchRow } from './stats';
import { round } from './stats';

/** Stages in pipeline order, with how the table names them. `embed+vectors` is split into its two parts. */
const STAGES: readonly [key: string, label: string][] = [
  ['hash', 'hash + duplicate check'],
  ['store', 'store original (S3 server)'],
  ['parse', 'parse'],
  ['chunk', 'chunk + keyword index (FTS5)'],
  ['embed', 'embed (inference worker)'],
  ['vectors', 'vector upsert (Chroma)'],
  ['finalize', 'mark indexed'],
];

const MB = 1024 * 1024;
/** Three significant digits: rates here run from hundreds per second down to a few hundredths. */
const sig = (n: number): number => (Number.isFinite(n) && n !== 0 ? Number(n.toPrecision(3)) : n);

/** The table rows of one run; `baseline` adds the parse-only rows (once per suite, over the whole corpus). */
export function ingestRows(options: {
  run: IngestRun;
  /** Parse-only time over the run's files, and over its PDFs. */
  parseOnlyMs: number;
  parseOnlyPdfMs: number;
  baseline: boolean;
}): BenchRow[] {
  const { run, parseOnlyMs } = options;
  const p = run.label;
  const seconds = run.wallMs / 1000;
  const docs = run.docs.length;
  const pdfs = run.docs.filter((d) => d.kind === 'pdf');
  const pages = pdfs.reduce((n, d) => n + d.pages, 0);
  const kinds = ['pdf', 'docx', 'markdown', 'code']
    .map((k) => `${run.docs.filter((d) => d.kind === k).length} ${k}`)
    .join(', ');
  const docsPerSecond = docs / seconds;
  const parseDocsPerSecond = docs / (parseOnlyMs / 1000);
  const rows: BenchRow[] = [];
  if (options.baseline) {
    rows.push(
      {
        metric: 'baseline: parse only, documents/s',
        value: sig(parseDocsPerSecond),
        unit: 'docs/s',
        note: `parseFile in-process, one file at a time, over the same ${docs} files (${Math.round(parseOnlyMs)} ms)`,
      },
      {
        metric: 'baseline: parse only, PDF pages/s',
        value: sig(pages / (options.parseOnlyPdfMs / 1000)),
        unit: 'pages/s',
        note: 'PDF files only',
      },
    );
  }
  rows.push(
    {
      metric: `${p}: documents/s`,
      value: sig(docsPerSecond),
      unit: 'docs/s',
      note: `${docs} docs (${kinds}) in ${round(seconds, 1)} s; ${run.model}`,
    },
    { metric: `${p}: PDF pages/s`, value: sig(pages / seconds), unit: 'pages/s', note: `${pages} pages` },
    {
      metric: `${p}: chunks/s`,
      value: sig(run.chunks / seconds),
      unit: 'chunks/s',
      note: `${run.chunks} chunks; ${run.vectors} vectors, ${run.keywordRows} keyword rows`,
    },
    {
      metric: `${p}: tokens embedded`,
      value: run.embed.tokens,
      unit: 'tokens',
      note: `model's tokenizer; ${run.chunkTokens} by the chunker's estimate; ${run.embed.truncated} texts cut`,
    },
    { metric: `${p}: tokens/s end to end`, value: sig(run.embed.tokens / seconds), unit: 'tok/s' },
    {
      metric: `${p}: end to end / parse only`,
      value: sig(docsPerSecond / parseDocsPerSecond),
      unit: '×',
      note: `documents/s ratio against the baseline over the same files`,
    },
  );
  const sum = STAGES.reduce((n, [key]) => n + (run.stages[key] ?? 0), 0);
  const w = run.vectorWrites;
  const extra: Record<string, string> = {
    embed: `; ${run.embed.calls} calls, ${run.embed.texts} texts`,
    vectors: `; of which clearing old vectors ${Math.round(w.deleteMs)} ms (${w.deletes} calls), upserts ${Math.round(
      w.upsertMs,
    )} ms (${w.upserts} calls)`,
  };
  for (const [key, label] of STAGES) {
    const ms = run.stages[key] ?? 0;
    rows.push({
      metric: `${p}: stage ${label}`,
      value: Math.round(ms),
      unit: 'ms',
      note: `${round((100 * ms) / sum, 1)}% of stage time; ${round(ms / docs, 1)} ms per doc${extra[key] ?? ''}`,
    });
  }
  rows.push({
    metric: `${p}: stage time / wall time`,
    value: round(sum / run.wallMs, 2),
    unit: '×',
    note: 'sum over files: above 1 as the worker pool overlaps files',
  });
  rows.push({
    metric: `${p}: peak RSS, core process`,
    value: round(run.rssPeakBytes / MB, 1),
    unit: 'MB',
    note: `sampled every 100 ms; ${round(run.rssStartBytes / MB, 1)} MB before the batch`,
  });
  for (const child of run.children) {
    rows.push({
      metric: `${p}: peak RSS, ${child.name} process`,
      value: child.peakRssBytes === null ? Number.NaN : round(child.peakRssBytes / MB, 1),
      unit: 'MB',
      note: child.peakRssBytes === null ? 'not readable here (Linux /proc only)' : 'VmHWM of the supervised process',
    });
  }
  rows.push({
    metric: `${p}: worker start + model load`,
    value: Math.round(run.probe.loadMs),
    unit: 'ms',
    note: `first embed, outside the batch; then a probe embedded ${round(run.probe.tokensPerSecond, 1)} tok/s${
      run.budgetNote ? `; ${run.budgetNote}` : ''
    }`,
  });
  return rows;
}
