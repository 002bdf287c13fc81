import type { BatchProgress, FileError, FileProgress, JobStage, LibraryJob } from '@shared/librarySchemas';
import type { FilePhase } from './fileStatus';
import { fileStatus } from './fileStatus';

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

/** A batch's latest totals (its byte total is known from its first event). */
export interface BatchTotals {
  progress: BatchProgress;
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
  /** Work done, in bytes: indexed files whole, running ones by their step; failed and cancelled files never. */
  bytesDone: number;
  /** Every file's bytes, failed and cancelled included: a running batch's total as the core sized it at the start. */
  bytesTotal: number;
  /** 0–100: bytesDone of bytesTotal (by files where no sizes are known), or null when there are none. */
  percent: number | null;
}

/**
 * A batch's byte total: the core's, known from its first event, while the batch runs (files not yet seen count);
 * the sum of its rows once it is over, or where that is more (a retry's event covers the retried file alone).
 */
function batchBytes(rows: readonly JobRow[], totals: BatchTotals | undefined, running: boolean): number {
  const shown = rows.reduce((sum, r) => sum + r.totalBytes, 0);
  return running && totals ? Math.max(totals.progress.totalBytes, shown) : shown;
}

/**
 * Overall figures for the batch panel: every file shown, uploads included. The bar and the figures are one
 * measure: bytes done of all bytes, so after a cancel or a failure the bar stops short of full, as the work did.
 */
export function summarise(
  rows: readonly JobRow[],
  uploads: readonly PendingUpload[],
  batches: Readonly<Record<string, BatchTotals>>,
): IngestSummary {
  const counts: Record<FilePhase, number> = { waiting: 0, running: 0, indexed: 0, failed: 0, cancelled: 0 };
  const byBatch = new Map<string, JobRow[]>();
  let progress = 0;
  let bytesDone = 0;
  const running = new Set<string>();
  for (const row of rows) {
    const status = fileStatus(row);
    counts[status.phase] += 1;
    if (status.cancellable) running.add(row.batchId);
    progress += status.progress;
    bytesDone += status.progress * row.totalBytes;
    byBatch.set(row.batchId, [...(byBatch.get(row.batchId) ?? []), row]);
  }
  let bytesTotal = uploads.reduce((sum, u) => sum + u.size, 0);
  for (const [id, batchRows] of byBatch) bytesTotal += batchBytes(batchRows, batches[id], running.has(id));
  const files = rows.length + uploads.length;
  const done = counts.indexed;
  const failed = counts.failed + uploads.filter((u) => u.phase === 'failed').length;
  const { cancelled } = counts;
  let percent: number | null = null;
  if (bytesTotal > 0) percent = (bytesDone / bytesTotal) * 100;
  else if (files > 0) percent = (progress / files) * 100;
  return { files, done, failed, cancelled, active: files - done - failed - cancelled, bytesDone, bytesTotal, percent };
}
