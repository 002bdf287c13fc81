import type { BatchProgress, FileError, FileProgress, JobStage, LibraryJob } from '@shared/librarySchemas';
import { isTerminalStage, stageFraction } from './ingestStages';

/** One file of an ingestion batch as the Library screen shows it. */
export interface JobRow {
  jobId: string;
  batchId: string;
  name: string;
  stage: JobStage;
  bytes: number;
  totalBytes: number;
  chunks: number;
  error: FileError | null;
  duplicate: boolean;
  /** The page OCR is recognising, while it does (live events only). */
  ocr?: { page: number; pages: number };
  /** Display order: first seen first. */
  order: number;
  /** When this client last heard of the job (ms): a list asked for before then is older news. */
  seenAt: number;
}

export type JobRows = Readonly<Record<string, JobRow>>;

/** A batch's latest totals and when they arrived (its ETA counts down from then). */
export interface BatchTotals {
  progress: BatchProgress;
  at: number;
}

function nextOrder(rows: JobRows): number {
  let max = 0;
  for (const row of Object.values(rows)) max = Math.max(max, row.order);
  return max + 1;
}

/** A live progress event (library.progress) applied to the rows. */
export function applyFileProgress(rows: JobRows, event: FileProgress, now: number): JobRows {
  const existing = rows[event.jobId];
  const row: JobRow = {
    jobId: event.jobId,
    batchId: event.batchId,
    name: event.name || existing?.name || 'Untitled',
    stage: event.stage,
    bytes: event.bytes,
    totalBytes: event.totalBytes || existing?.totalBytes || 0,
    chunks: event.chunks || (event.stage === existing?.stage ? existing.chunks : 0),
    error: event.error ?? null,
    duplicate: event.duplicate ?? existing?.duplicate ?? false,
    ...(event.ocr ? { ocr: event.ocr } : {}),
    order: existing?.order ?? nextOrder(rows),
    seenAt: now,
  };
  return { ...rows, [event.jobId]: row };
}

/**
 * The core's list of open jobs (running, failed, cancelled; newest first) merged into the rows. It wins over rows
 * last heard of before it was asked for; newer rows stay as they are. Rows it no longer holds are dropped (dismissed
 * elsewhere, or finished), except files that finished indexing here, which stay until cleared.
 */
export function mergeJobList(rows: JobRows, jobs: readonly LibraryJob[], requestedAt: number): JobRows {
  const next: Record<string, JobRow> = {};
  const listed = new Set(jobs.map((j) => j.id));
  for (const row of Object.values(rows)) {
    if (listed.has(row.jobId) || row.stage === 'indexed' || row.seenAt > requestedAt) next[row.jobId] = row;
  }
  let order = nextOrder(rows);
  // Oldest first, so a fresh page lists files in the order they were added.
  for (const job of [...jobs].reverse()) {
    const existing = next[job.id];
    if (existing && existing.seenAt > requestedAt) continue;
    next[job.id] = {
      jobId: job.id,
      batchId: job.batchId,
      name: job.name,
      stage: job.stage,
      bytes: existing?.stage === job.stage ? existing.bytes : 0,
      totalBytes: existing?.totalBytes ?? 0,
      chunks: existing?.stage === job.stage ? existing.chunks : 0,
      error: job.error,
      duplicate: existing?.duplicate ?? false,
      order: existing?.order ?? order++,
      seenAt: existing?.seenAt ?? 0,
    };
  }
  return next;
}

/** The rows in display order. */
export function orderedRows(rows: JobRows): JobRow[] {
  return Object.values(rows).sort((a, b) => a.order - b.order);
}

/** A file on its way up to the headless shell (browser only), before it has an ingestion job. */
export interface PendingUpload {
  size: number;
  loaded: number;
  /** 'failed' counts as finished. */
  phase: string;
}

export interface IngestSummary {
  files: number;
  done: number;
  failed: number;
  cancelled: number;
  /** Files still being uploaded or worked on. */
  active: number;
  bytesDone: number;
  bytesTotal: number;
  /** 0–100 over all files, or null when there are none. */
  percent: number | null;
  /** The longest time left of the running batches; null while unknown or when nothing runs. */
  etaMs: number | null;
}

/** Overall figures for the batch panel: every file shown, uploads included. */
export function summarise(
  rows: readonly JobRow[],
  uploads: readonly PendingUpload[],
  batches: Readonly<Record<string, BatchTotals>>,
  now: number,
): IngestSummary {
  const count = (stage: JobStage) => rows.filter((r) => r.stage === stage).length;
  const uploadsFailed = uploads.filter((u) => u.phase === 'failed').length;
  const files = rows.length + uploads.length;
  const done = count('indexed');
  const failed = count('failed') + uploadsFailed;
  const cancelled = count('cancelled');
  let fractions = uploadsFailed;
  let bytesDone = 0;
  let bytesTotal = uploads.reduce((sum, u) => sum + u.size, 0);
  const running = new Set<string>();
  for (const row of rows) {
    fractions += stageFraction(row.stage, row.bytes, row.totalBytes);
    bytesTotal += row.totalBytes;
    if (isTerminalStage(row.stage)) bytesDone += row.totalBytes;
    else running.add(row.batchId);
  }
  let etaMs: number | null = null;
  for (const id of running) {
    const totals = batches[id];
    if (!totals || totals.progress.etaMs === null) {
      etaMs = null;
      break;
    }
    etaMs = Math.max(etaMs ?? 0, Math.max(0, totals.progress.etaMs - (now - totals.at)));
  }
  return {
    files,
    done,
    failed,
    cancelled,
    active: files - done - failed - cancelled,
    bytesDone,
    bytesTotal,
    percent: files === 0 ? null : (fractions / files) * 100,
    etaMs,
  };
}
