import type { Catalog } from '../catalog/Catalog';
import type { JobRecord, JobStage, StoredError } from '../catalog/catalogTypes';
import type { EmbedTimings } from '../catalog/EmbedTimings';
import type { IngestionJobs } from '../catalog/IngestionJobs';
import type { Chunk, ChunkOptions } from '../parse/chunkDocument';
import type { ParsedDocument } from '../parse/ParsedDocument';
import type { ParseFileOptions } from '../parse/parseFile';
import type { VectorStore } from '../../vectors/VectorStore';
import type { VectorIndexSource } from '../indexing/IndexCache';

/** The catalogue calls the pipeline makes; `Catalog` satisfies it, so tests may pass a real one or a fake. */
export type PipelineCatalog = Pick<
  Catalog,
  'createDocument' | 'getDocument' | 'updateDocument' | 'findIndexedBySha256' | 'replaceChunks' | 'listChunks'
> &
  Pick<Catalog, 'deleteDocument' | 'transaction' | 'attachments'> & {
    jobs: Pick<
      IngestionJobs,
      | 'create'
      | 'get'
      | 'advance'
      | 'fail'
      | 'cancel'
      | 'retry'
      | 'beginAttempt'
      | 'listResumable'
      | 'list'
      | 'remove'
      | 'claim'
      | 'renew'
      | 'replicaId'
      | 'leaseMs'
    >;
  };

/** The object-store calls the pipeline makes; `ObjectStore` satisfies it. */
export interface PipelineObjects {
  upload(
    key: string,
    filePath: string,
    options: { signal?: AbortSignal; tags?: Record<string, string> },
  ): Promise<unknown>;
  setTags(key: string, tags: Record<string, string>): Promise<void>;
  delete(key: string): Promise<void>;
}

/** What an embedder returns: one L2-normalised vector per text, and the model that made them. */
export interface EmbedResult {
  vectors: readonly (Float32Array | number[])[];
  model: string;
}

/** Embeds texts; wraps `RuntimeService.embed` with the library's embedding model. */
export type EmbedFn = (texts: string[], signal: AbortSignal) => Promise<EmbedResult>;

/** The library's opened indexes (one per model and embedding version), or one fixed store. */
type VectorStoreSource = VectorStore | VectorIndexSource;

export type ParseFn = (path: string, options: ParseFileOptions) => Promise<ParsedDocument>;
export type ChunkFn = (doc: ParsedDocument, options?: ChunkOptions) => Promise<Chunk[]>;

/** One file to ingest. */
export interface IngestInput {
  path: string;
  /** Shown name and type hint; defaults to the path's base name. */
  name?: string;
  /** An upload the library owns (no source path on the person's disk). */
  staged?: boolean;
  /** The real root of the folder it was found in; the file must lead inside it (see walkInputs). */
  root?: string;
  /** An upload's copy in the object store, for another replica to fetch if this one stops before storing it. */
  objectKey?: string;
}

/** Progress of one file; sent at each stage change and while bytes are read. */
export interface FileProgress {
  kind: 'file';
  batchId: string;
  jobId: string;
  name: string;
  stage: JobStage;
  /** Bytes read so far by the current stage (hashing), and the file's size. */
  bytes: number;
  totalBytes: number;
  /** Chunks made so far (0 until chunked). */
  chunks: number;
  /** Set once the file failed or was cancelled. */
  error?: StoredError;
  /** True when the content was already indexed and the file was skipped. */
  duplicate?: boolean;
  /** While a scan is read by OCR: the page being recognised, of how many. */
  ocr?: { page: number; pages: number };
}

/** Running counts of a batch. */
export interface BatchTotals {
  files: number;
  done: number;
  failed: number;
  cancelled: number;
  /** Bytes of the files indexed so far; a failed or cancelled file's never count. */
  bytes: number;
  /** Bytes of every file, known from the first event (an email's attachments add theirs when they are found). */
  totalBytes: number;
}

/** Totals for the batch, sent after every file event. The time left is the client's to judge: it sees the steps. */
export interface BatchProgress extends BatchTotals {
  kind: 'batch';
  batchId: string;
}

export type IngestProgress = FileProgress | BatchProgress;

/** How one file ended. */
export interface FileResult {
  jobId: string;
  name: string;
  /** The document it became (or the already indexed one it duplicates); null if it failed before hashing. */
  documentId: string | null;
  stage: JobStage;
  error?: StoredError;
  duplicate?: boolean;
  /** Set on an email attachment's result: the mail's document. */
  parentId?: string;
}

export interface BatchResult {
  batchId: string;
  files: FileResult[];
  /** The attachments of the batch's emails, each ingested as a document of its own (absent when there were none). */
  attachments?: FileResult[];
}

/** Dependencies and settings of an `IngestionPipeline`. */
export interface IngestionPipelineOptions {
  catalog: PipelineCatalog;
  objects: PipelineObjects;
  /** Where vectors go: the library's index cache, or one fixed store. */
  vectors: VectorStoreSource;
  embed: EmbedFn;
  parse: ParseFn;
  chunk: ChunkFn;
  /** Files worked on at once (default 2): parsing and embedding are heavy, so more mostly adds contention. */
  concurrency?: number;
  /** Size limit per file (or a function reading it from settings); larger files fail with FILE_TOO_LARGE unread. */
  maxBytes: number | (() => number);
  /** Tags objects and picks the vector index; bump it when chunking or embedding changes. */
  embeddingVersion: number;
  /** Times each embedding batch (the catalogue's `embedTimings`), for the re-embed estimate; untimed without it. */
  embedTimings?: Pick<EmbedTimings, 'measure'>;
  /** Chunks per embedding call (default 32). */
  batchSize?: number;
  /** Chunk size and overlap, in tokens. */
  chunkTokens?: number;
  overlapTokens?: number;
  /**
   * Where an email's attachments wait as files until their own jobs have stored them. Set, an email's readable
   * attachments become documents of their own (children of the mail); unset, they are parsed into the mail.
   */
  attachmentsDir?: string;
  /** Per-parser time limit (default parseFile's). */
  parseTimeoutMs?: number;
  /**
   * The file of a job this replica did not take in (an upload another replica received, then stopped): fetched to a
   * local path, or a clear error. Absent: every job's file is where its input says (one process).
   */
  localInput?: (job: JobRecord) => Promise<string | null>;
}

/** Options for one `ingest` call. */
export interface IngestOptions {
  /** The collection the new documents join. */
  collection?: string;
  /** Cancels the whole batch. */
  signal?: AbortSignal;
  onProgress?: (event: IngestProgress) => void;
}
