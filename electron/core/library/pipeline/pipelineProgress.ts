import type { BatchProgress, FileProgress } from './pipelineTypes';
import type { Batch, Work } from './pipelineWork';

/** A file's progress event: its stage, bytes read so far, chunks, and why it failed if it did. */
export function fileProgress(
  work: Work,
  extra: { bytes?: number; duplicate?: boolean; ocr?: FileProgress['ocr'] },
): FileProgress {
  return {
    kind: 'file',
    batchId: work.batch.id,
    jobId: work.job.id,
    name: work.name,
    stage: work.job.stage,
    bytes: extra.bytes ?? (work.job.stage === 'queued' ? 0 : work.size),
    totalBytes: work.size,
    chunks: work.chunks,
    ...(work.job.error ? { error: work.job.error } : {}),
    ...(extra.duplicate ? { duplicate: true } : {}),
    ...(extra.ocr ? { ocr: extra.ocr } : {}),
  };
}

/** The batch's totals with an ETA from the rate so far (null until a file has finished). */
export function batchProgress(b: Batch, now: number): BatchProgress {
  const finished = b.done + b.failed + b.cancelled;
  const left = b.files - finished;
  return {
    kind: 'batch',
    batchId: b.id,
    files: b.files,
    done: b.done,
    failed: b.failed,
    cancelled: b.cancelled,
    bytes: b.bytes,
    totalBytes: b.totalBytes,
    // By files: bytes only count once a file is indexed, which says little while one large file runs.
    etaMs: finished > 0 ? Math.round(((now - b.startedAt) / finished) * left) : null,
  };
}
