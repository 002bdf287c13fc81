import type { JobRecord, StoredError } from '../catalog/catalogTypes';
import type { ParsedDocument } from '../parse/ParsedDocument';
import type { BatchTotals, IngestProgress } from './pipelineTypes';

/** A batch of files ingested together, with its running totals. */
export interface Batch extends BatchTotals {
  id: string;
  startedAt: number;
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
}

export const CANCELLED: StoredError = { code: 'CANCELLED', message: 'Ingestion of this file was cancelled.' };
