import { z } from 'zod';
import { ErrorCodeSchema } from './errors';
import { StagingHandleSchema } from './schemas';

export const DocumentIdSchema = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'Not a document id.');
export const JobIdSchema = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'Not an ingestion job id.');
/** A collection name as people type it; trimmed, no control characters. */
export const CollectionNameSchema = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[^\p{Cc}]+$/u, 'A collection name cannot hold control characters.');

export const DOCUMENT_STATUSES = ['pending', 'indexing', 'indexed', 'failed'] as const;
export const JOB_STAGES = [
  'queued',
  'admitted',
  'hashed',
  'stored',
  'parsed',
  'chunked',
  'embedded',
  'indexed',
  'failed',
  'cancelled',
] as const;
const JobStageSchema = z.enum(JOB_STAGES);
export type JobStage = z.infer<typeof JobStageSchema>;

export const FileErrorSchema = z.object({ code: ErrorCodeSchema, message: z.string() });
export type FileError = z.infer<typeof FileErrorSchema>;

/** Where a passage sits in its document: a PDF page, a line range, or a Markdown heading path. */
const ProvenanceSchema = z.object({
  page: z.int().optional(),
  /** Set on text read by OCR: tesseract's mean word confidence for the page, 0–100. */
  confidence: z.number().optional(),
  lineStart: z.int().optional(),
  lineEnd: z.int().optional(),
  headingPath: z.array(z.string()).optional(),
  slide: z.int().optional(),
  sheet: z.string().optional(),
  cells: z.string().optional(),
});
export type Provenance = z.infer<typeof ProvenanceSchema>;

const LibraryDocumentSchema = z.object({
  id: DocumentIdSchema,
  name: z.string(),
  /** The path it came from on this computer; null for uploads through the browser. */
  sourcePath: z.string().nullable(),
  sha256: z.string().nullable(),
  size: z.number(),
  /** The sniffed type: pdf, docx, markdown, html, text, code, csv, json. */
  type: z.string(),
  collection: z.string().nullable(),
  status: z.enum(DOCUMENT_STATUSES),
  error: FileErrorSchema.nullable(),
  version: z.int(),
  embeddingVersion: z.int().nullable(),
  /** The email it is attached to; null for a file added on its own. */
  parentId: z.string().nullable(),
  /** "attached to <subject> (<mail file>)" for an email's attachment, else null. */
  attachedTo: z.string().nullable(),
  chunks: z.int(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type LibraryDocument = z.infer<typeof LibraryDocumentSchema>;

/** An ingestion job as the Library screen lists it: in progress, failed or cancelled (finished ones are documents). */
const LibraryJobSchema = z.object({
  id: JobIdSchema,
  batchId: z.string(),
  documentId: z.string().nullable(),
  name: z.string(),
  stage: JobStageSchema,
  error: FileErrorSchema.nullable(),
  attempts: z.int(),
  updatedAt: z.number(),
});
export type LibraryJob = z.infer<typeof LibraryJobSchema>;

const FileProgressSchema = z.object({
  kind: z.literal('file'),
  batchId: z.string(),
  jobId: z.string(),
  name: z.string(),
  stage: JobStageSchema,
  bytes: z.number(),
  totalBytes: z.number(),
  chunks: z.int(),
  error: FileErrorSchema.optional(),
  duplicate: z.boolean().optional(),
  /** While a scan is read by OCR: the page being recognised, of how many ("recognising page 3 of 40"). */
  ocr: z.object({ page: z.int(), pages: z.int() }).optional(),
});
export type FileProgress = z.infer<typeof FileProgressSchema>;

const BatchProgressSchema = z.object({
  kind: z.literal('batch'),
  batchId: z.string(),
  files: z.int(),
  done: z.int(),
  failed: z.int(),
  cancelled: z.int(),
  /** Bytes of the files indexed so far; a failed or cancelled file's never count. */
  bytes: z.number(),
  /** Bytes of every file, known from the batch's first event (an email's attachments add theirs when found). */
  totalBytes: z.number(),
});
export type BatchProgress = z.infer<typeof BatchProgressSchema>;

export const IngestProgressSchema = z.discriminatedUnion('kind', [FileProgressSchema, BatchProgressSchema]);
export type IngestProgress = z.infer<typeof IngestProgressSchema>;

export const FileResultSchema = z.object({
  jobId: z.string(),
  name: z.string(),
  documentId: z.string().nullable(),
  stage: JobStageSchema,
  error: FileErrorSchema.optional(),
  duplicate: z.boolean().optional(),
  /** An email attachment's result: the mail's document. */
  parentId: z.string().optional(),
});
export type FileResult = z.infer<typeof FileResultSchema>;

export const BatchResultSchema = z.object({
  batchId: z.string(),
  files: z.array(FileResultSchema),
  /** The batch's email attachments, each indexed as a document of its own. */
  attachments: z.array(FileResultSchema).optional(),
});
export type BatchResult = z.infer<typeof BatchResultSchema>;

/**
 * Files to ingest: paths on this computer (desktop app only; a browser cannot name files on the server) and
 * uploads from the headless shell's upload route.
 */
export const IngestInputSchema = z
  .strictObject({
    paths: z.array(z.string().min(1).max(4096)).max(10_000).optional(),
    uploads: z
      .array(z.strictObject({ handle: StagingHandleSchema, name: z.string().min(1).max(1024) }))
      .max(10_000)
      .optional(),
    collection: CollectionNameSchema.optional(),
  })
  .refine((v) => (v.paths?.length ?? 0) + (v.uploads?.length ?? 0) > 0, 'Give at least one file or folder.');

/** What the Library table can sort by: name, date added, size or status (then name). */
export const LIBRARY_SORTS = ['name', 'added', 'size', 'status'] as const;

/** Narrows the documents listed; every field is optional and they combine with AND. */
export const LibraryFiltersSchema = z.strictObject({
  /** Any of these statuses; empty or absent for every status. */
  status: z.array(z.enum(DOCUMENT_STATUSES)).max(DOCUMENT_STATUSES.length).optional(),
  /** Any of these sniffed types (pdf, markdown, …). */
  type: z.array(z.string().min(1).max(32)).max(32).optional(),
  collection: CollectionNameSchema.optional(),
  /** Case-insensitive part of the name. */
  text: z.string().max(200).optional(),
});
export type LibraryFilters = z.infer<typeof LibraryFiltersSchema>;

/** Opaque: the `nextCursor` of the page before, for the same sort and filters. */
const LibraryCursorSchema = z.string().min(1).max(2048);

export const LibraryListInputSchema = z.strictObject({
  cursor: LibraryCursorSchema.optional(),
  limit: z.int().min(1).max(500).default(100),
  sort: z.enum(LIBRARY_SORTS).default('added'),
  direction: z.enum(['asc', 'desc']).default('desc'),
  filters: LibraryFiltersSchema.default({}),
});
export type LibraryListInput = z.input<typeof LibraryListInputSchema>;
export type LibraryQuery = z.output<typeof LibraryListInputSchema>;

const StatusCountsSchema = z.object({
  pending: z.int(),
  indexing: z.int(),
  indexed: z.int(),
  failed: z.int(),
});
export type StatusCounts = z.infer<typeof StatusCountsSchema>;

/** What every answer about the list carries besides rows: totals, jobs, collections and the blocker. */
const LibraryOverviewSchema = z.object({
  /** Documents matching the filters. */
  total: z.int(),
  /** Documents per status matching every filter but the status one (what each status choice would show). */
  counts: StatusCountsSchema,
  /** The whole library, whatever the filters. */
  library: z.object({ documents: z.int(), indexed: z.int() }),
  /** Jobs still running, failed or cancelled, newest first. */
  jobs: z.array(LibraryJobSchema),
  collections: z.array(z.string()),
  /** Why ingestion cannot run now (no embedding model, storage down), in words; null when it can. */
  blocker: z.string().nullable(),
});

export type LibraryOverview = z.infer<typeof LibraryOverviewSchema>;

export const LibraryListSchema = LibraryOverviewSchema.extend({
  /** One page, in the order asked. */
  items: z.array(LibraryDocumentSchema),
  /** Pass as `cursor` for the next page; null after the last one. */
  nextCursor: LibraryCursorSchema.nullable(),
});
export type LibraryList = z.infer<typeof LibraryListSchema>;

/** Re-reads changed documents for a list already shown (the delta after `library.changed`). */
export const LibraryDocumentsInputSchema = z.strictObject({
  ids: z.array(DocumentIdSchema).max(500),
  filters: LibraryFiltersSchema.default({}),
});

export const LibraryDocumentsSchema = LibraryOverviewSchema.extend({
  /** Those of the ids still in the library and matching the filters; the others are gone from this list. */
  documents: z.array(LibraryDocumentSchema),
});
export type LibraryDocuments = z.infer<typeof LibraryDocumentsSchema>;

const ChunkPreviewSchema = z.object({
  id: z.string(),
  ordinal: z.int(),
  text: z.string(),
  provenance: ProvenanceSchema,
});

/** Pages of a document read by OCR, and those whose recognition was uncertain (to check against the original). */
const OcrSummarySchema = z.object({
  pages: z.int(),
  lowConfidencePages: z.array(z.int()),
});
export type OcrSummary = z.infer<typeof OcrSummarySchema>;

/** A document linked to another: an email's attachment, or the email an attachment came with. */
const LinkedDocumentSchema = z.object({ id: DocumentIdSchema, name: z.string(), status: z.enum(DOCUMENT_STATUSES) });

/** An email's attachments: those indexed as documents of their own, and those not indexed, with the reason. */
const AttachmentsSchema = z.object({
  documents: z.array(LinkedDocumentSchema),
  notIndexed: z.array(z.object({ name: z.string(), reason: z.string() })),
});

export const LibraryDocumentDetailSchema = z.object({
  document: LibraryDocumentSchema,
  chunks: z.array(ChunkPreviewSchema),
  jobs: z.array(LibraryJobSchema),
  /** The email this document is attached to; absent for a file added on its own. */
  parent: LinkedDocumentSchema.optional(),
  /** Absent when the document has no attachments (or is not an email). */
  attachments: AttachmentsSchema.optional(),
  /** Absent when no page was read by OCR. */
  ocr: OcrSummarySchema.optional(),
});

export const LibraryChangedSchema = z.object({
  /** Documents added, changed or removed; empty when the change is only to jobs. */
  documentIds: z.array(z.string()),
  /** updated: a new version, a rename or a move to another collection. */
  reason: z.enum(['ingested', 'failed', 'deleted', 'jobs', 'updated']),
});
