import { z } from 'zod';
import type { ErrorCode } from '../../../shared/errors';
import { DOCUMENT_STATUSES, JOB_STAGES } from '../../../shared/librarySchemas';
import type { OcrMarks } from '../../../shared/ocrMarks';

/** Where a chunk came from in its document, so answers can cite a page, a slide, cells, a line range or a heading. */
export const ProvenanceSchema = z.union([
  // `confidence` (0–100, tesseract's mean word confidence) marks a page read by OCR.
  z
    .object({ page: z.number().int().positive().optional(), confidence: z.number().min(0).max(100).optional() })
    .strict(),
  z.object({ slide: z.number().int().positive() }).strict(),
  z.object({ sheet: z.string(), cells: z.string() }).strict(),
  z.object({ lineStart: z.number().int().positive(), lineEnd: z.number().int().positive() }).strict(),
  // Lines came later: chunks written before them carry the heading path alone.
  z
    .object({
      headingPath: z.array(z.string()),
      lineStart: z.number().int().positive().optional(),
      lineEnd: z.number().int().positive().optional(),
    })
    .strict(),
]);
export type Provenance = z.infer<typeof ProvenanceSchema>;

export { DOCUMENT_STATUSES };
export type DocumentStatus = (typeof DOCUMENT_STATUSES)[number];

/** A per-file failure as the catalogue keeps it. */
export interface StoredError {
  code: ErrorCode;
  message: string;
}

export interface DocumentRecord {
  id: string;
  name: string;
  /** The path it was ingested from; null for uploads (staging handles). */
  sourcePath: string | null;
  /** Hex SHA-256 of the content; null until the pipeline has hashed it. */
  sha256: string | null;
  size: number;
  /** The sniffed type, e.g. "pdf", "markdown". */
  type: string;
  /** Key of the original in the object store; null until stored. */
  objectKey: string | null;
  collection: string | null;
  status: DocumentStatus;
  error: StoredError | null;
  /** Bumped when the content changes and the document is re-chunked. */
  version: number;
  /** The embedding version its vectors were made with; null until embedded. */
  embeddingVersion: number | null;
  /** The email this document was attached to; null for a file added on its own. */
  parentId: string | null;
  /** Where an attachment came from, in words: "attached to <subject> (<mail file>)"; null otherwise. */
  attachedTo: string | null;
  /** Milliseconds since the epoch. */
  createdAt: number;
  updatedAt: number;
}

export interface NewDocument {
  /** Defaults to a random UUID. */
  id?: string;
  name: string;
  sourcePath?: string | null;
  sha256?: string | null;
  size?: number;
  type?: string;
  objectKey?: string | null;
  collection?: string | null;
  status?: DocumentStatus;
  /** The email it is attached to (a child document goes when its parent goes). */
  parentId?: string | null;
  /** "attached to <subject> (<mail file>)". */
  attachedTo?: string | null;
}

/** Fields `updateDocument` may change; absent fields stay as they are. */
export type DocumentPatch = Partial<
  Pick<
    DocumentRecord,
    | 'name'
    | 'sourcePath'
    | 'sha256'
    | 'size'
    | 'type'
    | 'objectKey'
    | 'collection'
    | 'status'
    | 'error'
    | 'version'
    | 'embeddingVersion'
  >
>;

export interface ChunkRecord {
  id: string;
  documentId: string;
  version: number;
  ordinal: number;
  text: string;
  provenance: Provenance;
  tokenCount: number;
  /** Where an OCR chunk lies on its page image; absent for other chunks and OCR chunks written before boxes were kept. */
  ocr?: OcrMarks;
}

export interface NewChunk {
  /** Defaults to `<documentId>:<version>:<ordinal>`, stable so re-upserting vectors after a crash replaces them. */
  id?: string;
  ordinal: number;
  text: string;
  provenance: Provenance;
  tokenCount: number;
  ocr?: OcrMarks;
}

export { JOB_STAGES };
export type JobStage = (typeof JOB_STAGES)[number];

/** What a job reads: a file path (Electron, CLI) or a staging handle from the upload route. */
/** `root`: the real root of the folder the file was found in, which it must still lead inside when admitted. */
/** An attachment's job is a staging input that names its parent document and provenance (`ChildOrigin`). */
export type JobInput =
  | { kind: 'path'; path: string; root?: string }
  | ({ kind: 'staging'; handle: string; name: string; objectKey?: string } & Partial<ChildOrigin>);

/** Where a child document (an email's attachment) came from. */
export interface ChildOrigin {
  parentId: string;
  /** "attached to <subject> (<mail file>)". */
  attachedTo: string;
}

export const JobInputSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('path'), path: z.string().min(1), root: z.string().min(1).optional() }),
  z.object({
    kind: z.literal('staging'),
    handle: z.string().min(1),
    name: z.string(),
    parentId: z.string().min(1).optional(),
    attachedTo: z.string().optional(),
    /** On a team server: the upload's copy in the object store, for whichever replica runs the job. */
    objectKey: z.string().min(1).optional(),
  }),
]);

export interface JobRecord {
  id: string;
  documentId: string | null;
  batchId: string;
  input: JobInput;
  stage: JobStage;
  /** How many times work on this job was started (first run, resumes, retries). */
  attempts: number;
  error: StoredError | null;
  createdAt: number;
  updatedAt: number;
  /** The replica working on the job and until when (ms since the epoch); null when no replica holds it. */
  lease: { holder: string; until: number } | null;
}

export interface NewJob {
  /** Defaults to a random UUID. */
  id?: string;
  batchId: string;
  input: JobInput;
  documentId?: string | null;
}

export interface KeywordSearchOptions {
  /** How many chunks to return at most (1–1000). */
  topK: number;
  /** Only chunks of these documents. */
  documentIds?: readonly string[];
  /** Only chunks of documents in these collections. */
  collections?: readonly string[];
  /**
   * 'any' (default): chunks holding any word, ranked by BM25 over all of them (see KeywordIndex.search); 'all'
   * requires every word; 'prefix' is 'any' on stems.
   */
  match?: 'any' | 'all' | 'prefix';
  /**
   * With 'any'/'prefix', only when every word is too common to score all its rows: below this many every-word hits,
   * the newest any-word rows fill up to topK (default: topK).
   */
  minHits?: number;
}

export interface KeywordHit {
  chunkId: string;
  documentId: string;
  /** BM25 relevance squashed into (0, 1): higher is better. */
  score: number;
}
