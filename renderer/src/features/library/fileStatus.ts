import type { ErrorCode } from '@shared/errors';
import type { JobStage } from '@shared/librarySchemas';
import type { DocumentStatus } from './filterDocuments';
import { fileStageLabel, stageFraction } from './ingestStages';

/**
 * What a file's state is known from: a live ingestion job (its stage, bytes and OCR page), or a listed document,
 * whose status says it is being indexed but not at which step (`indexing`).
 */
export interface FileStateInput {
  stage: JobStage | 'indexing';
  /** Why it failed; a cancel is stored as a failure with the CANCELLED code on the document. */
  error?: { code: ErrorCode } | null;
  /** Linked to the same content already indexed. */
  duplicate?: boolean;
  /** The page OCR is recognising, while it does. */
  ocr?: { page: number; pages: number };
  /** Bytes read by the hashing step, and the file's size. */
  bytes?: number;
  totalBytes?: number;
}

export type FilePhase = 'waiting' | 'running' | 'indexed' | 'failed' | 'cancelled';
export type FileTone = 'ok' | 'busy' | 'bad' | 'idle';

/** One file's state as every view shows it: the ingest panel, the document table and the document's details. */
export interface FileStatus {
  phase: FilePhase;
  /** In words: "Embedding", "Recognising page 3 of 40", "Cancelled". */
  label: string;
  tone: FileTone;
  /** Whether Retry is worth offering: after a cancel, or a failure another try can end differently. */
  retryable: boolean;
  /** Whether Cancel applies: the file is waiting or being worked on. */
  cancellable: boolean;
  /** 0–1 of the file's work that counts as done: by step while it runs, 1 once indexed, 0 if it never will be. */
  progress: number;
}

/**
 * Failures that the same file fails again with: another try cannot help (the file itself must change, or a setting).
 * Everything else (a stopped service, a timeout, a full disk) may go through on another try.
 */
const FINAL: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'UNSUPPORTED_FILE',
  'FILE_TOO_LARGE',
  'INVALID_INPUT',
  'PERMISSION_DENIED',
]);

const ended = (phase: 'failed' | 'cancelled', label: string, retryable: boolean): FileStatus => ({
  phase,
  label,
  tone: phase === 'failed' ? 'bad' : 'idle',
  retryable,
  cancellable: false,
  progress: 0,
});

/** The one state machine behind every ingest status: a stage (and error) in, what to show and offer out. */
export function fileStatus(input: FileStateInput): FileStatus {
  const { stage, error } = input;
  // A job cancelled ends in `cancelled`; its document keeps `failed` with the CANCELLED code: the same outcome.
  if (stage === 'cancelled' || (stage === 'failed' && error?.code === 'CANCELLED')) {
    return ended('cancelled', 'Cancelled', true);
  }
  if (stage === 'failed')
    return ended('failed', 'Failed', error === undefined || error === null || !FINAL.has(error.code));
  if (stage === 'indexed') {
    const label = input.duplicate ? 'Already indexed' : 'Indexed';
    return { phase: 'indexed', label, tone: 'ok', retryable: false, cancellable: false, progress: 1 };
  }
  if (stage === 'queued') {
    return { phase: 'waiting', label: 'Waiting', tone: 'idle', retryable: false, cancellable: true, progress: 0 };
  }
  if (stage === 'indexing') {
    // A listed document without its job: half way is as good a guess as any, and it is only ever shown as a badge.
    return { phase: 'running', label: 'Indexing', tone: 'busy', retryable: false, cancellable: true, progress: 0.5 };
  }
  return {
    phase: 'running',
    label: fileStageLabel({ stage, duplicate: input.duplicate ?? false, ...(input.ocr ? { ocr: input.ocr } : {}) }),
    tone: 'busy',
    retryable: false,
    cancellable: true,
    progress: stageFraction(stage, input.bytes, input.totalBytes),
  };
}

const DOCUMENT_STAGES: Record<DocumentStatus, FileStateInput['stage']> = {
  pending: 'queued',
  indexing: 'indexing',
  indexed: 'indexed',
  failed: 'failed',
};

/**
 * A listed document's state, through the same machine as the ingest panel's. While this client follows the
 * document's job (its id is the document's), the job's live stage is fresher than the list and wins, so the table
 * says "Embedding" when the panel does; an indexed job defers to the document, which may have moved on since
 * (a new version, a re-embed).
 */
export function documentStatus(
  d: { status: DocumentStatus; error: { code: ErrorCode } | null },
  job?: FileStateInput,
): FileStatus {
  if (job && job.stage !== 'indexed') return fileStatus(job);
  return fileStatus({ stage: DOCUMENT_STAGES[d.status], error: d.error });
}
