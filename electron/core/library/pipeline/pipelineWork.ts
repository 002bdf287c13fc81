import { basename } from 'node:path';
import type { JobRecord, StoredError } from '../catalog/catalogTypes';
import type { ParsedDocument } from '../parse/ParsedDocument';
import type { BatchResult, BatchTotals, FileResult, IngestProgress } from './pipelineTypes';

/** A batch of files ingested together, with its running totals. */
export interface Batch extends BatchTotals {
  id: string;
  /** Jobs of email attachments made while the batch ran; they run once the current files are done. */
  children: JobRecord[];
  onProgress?: (event: IngestProgress) => void;
}

/** In-memory state of a job while a worker holds it. */
export interface Work {
  job: JobRecord;
  path: string;
  name: string;
  collection: string | null;
  size: number;
  chunks: number;
  parsed?: ParsedDocument;
  controller: AbortController;
  batch: Batch;
  /** Lets other jobs with the same content go on once this one is finished. */
  release?: () => void;
  /** Set when another replica took the job over (this one stalled past its lease): stop, leave the job alone. */
  leaseLost?: boolean;
}

export const CANCELLED: StoredError = { code: 'CANCELLED', message: 'Ingestion of this file was cancelled.' };

/** A job's work, before it starts: `name` is the shown name a path job was given (else the path's base name). */
export function createWork(job: JobRecord, batch: Batch, name: string | undefined, collection: string | null): Work {
  const path = job.input.kind === 'path' ? job.input.path : job.input.handle;
  const shown = job.input.kind === 'staging' ? job.input.name : (name ?? basename(path));
  return { job, path, name: shown, collection, size: 0, chunks: 0, controller: new AbortController(), batch };
}

/** A batch of `files` jobs, nothing done yet. */
export function createBatch(id: string, files: number, onProgress: Batch['onProgress']): Batch {
  return { id, files, done: 0, failed: 0, cancelled: 0, bytes: 0, totalBytes: 0, children: [], onProgress };
}

/** The batch's results: its first `given` works are the files it was given, the rest attachments of its emails. */
export function batchResult(
  batchId: string,
  given: number,
  works: readonly Work[],
  results: ReadonlyMap<string, FileResult>,
): BatchResult {
  const all = works.map((w) => results.get(w.job.id) as FileResult);
  const attachments = all.slice(given);
  return { batchId, files: all.slice(0, given), ...(attachments.length > 0 ? { attachments } : {}) };
}
