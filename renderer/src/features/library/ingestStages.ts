import type { JobStage } from '@shared/librarySchemas';

/**
 * A job's stage names the last step it finished (electron/core/library/pipeline): `admitted` means the file passed
 * the admission check (a regular file within the size limit) and is being hashed next, `chunked` that it is being embedded, and so on. People see the step in
 * progress.
 */
const LABELS: Record<JobStage, string> = {
  queued: 'Waiting',
  admitted: 'Reading',
  hashed: 'Storing original',
  stored: 'Reading text',
  parsed: 'Splitting',
  chunked: 'Embedding',
  embedded: 'Finishing',
  indexed: 'Indexed',
  failed: 'Failed',
  cancelled: 'Cancelled',
};

/** Share of a file's work done when each stage is reached (hashing moves from 0.05 to 0.2 with the bytes read). */
const FRACTIONS: Record<JobStage, number> = {
  queued: 0,
  admitted: 0.05,
  hashed: 0.2,
  stored: 0.35,
  parsed: 0.5,
  chunked: 0.6,
  embedded: 0.95,
  indexed: 1,
  // Never done: a failed or cancelled file's share stays undone (fileStatus decides before this is asked).
  failed: 0,
  cancelled: 0,
};

/** The step a file is in, in words ("Reading text"); a duplicate that was linked to a copy says so. */
export function stageLabel(stage: JobStage, duplicate = false): string {
  if (stage === 'indexed' && duplicate) return 'Already indexed';
  return LABELS[stage];
}

/** A running file's step, with the OCR page while a scan is recognised ("Recognising page 3 of 40"). */
export function fileStageLabel(row: { stage: JobStage; duplicate: boolean; ocr?: { page: number; pages: number } }) {
  if (row.ocr && row.stage === 'stored') return `Recognising page ${String(row.ocr.page)} of ${String(row.ocr.pages)}`;
  return stageLabel(row.stage, row.duplicate);
}

/** 0–1: how far a file is, by stage, and by bytes read while it is hashed. */
export function stageFraction(stage: JobStage, bytes = 0, totalBytes = 0): number {
  const base = FRACTIONS[stage];
  if (stage !== 'admitted' || totalBytes <= 0) return base;
  const read = Math.max(0, Math.min(1, bytes / totalBytes));
  return base + (FRACTIONS.hashed - base) * read;
}
