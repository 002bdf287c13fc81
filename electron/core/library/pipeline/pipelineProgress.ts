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

/** The batch's totals. */
export function batchProgress(b: Batch): BatchProgress {
  return {
    kind: 'batch',
    batchId: b.id,
    files: b.files,
    done: b.done,
    failed: b.failed,
    cancelled: b.cancelled,
    bytes: b.bytes,
    totalBytes: b.totalBytes,
  };
}
