import { z } from 'zod';
import { CollectionNameSchema, DocumentIdSchema } from './librarySchemas';
import { ModelIdSchema } from './runtimeSchemas';

/** A collection with what it holds. */
export const CollectionSchema = z.object({
  name: z.string(),
  /** 0 for a name only documents carried before collections were kept on their own. */
  createdAt: z.number(),
  documents: z.int(),
  /** Sum of its documents' original sizes. */
  bytes: z.number(),
});
export type Collection = z.infer<typeof CollectionSchema>;

export const CollectionRenameSchema = z.strictObject({ name: CollectionNameSchema, to: CollectionNameSchema });
export const CollectionDeleteSchema = z.strictObject({
  name: CollectionNameSchema,
  /** Delete its documents everywhere; otherwise they stay, in no collection. */
  deleteDocuments: z.boolean().optional(),
});
export const LibraryMoveSchema = z.strictObject({
  documentIds: z.array(DocumentIdSchema).min(1).max(10_000),
  /** null: out of any collection. A new name creates the collection. */
  collection: CollectionNameSchema.nullable(),
});
/** A change that rewrites vectors answers once they carry it; `vectorsPending` counts those still waiting. */
export const MovedSchema = z.object({ moved: z.int(), vectorsPending: z.int() });

export const WatchedFolderIdSchema = z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'Not a watched folder id.');
export const WatchedFolderSchema = z.object({
  id: WatchedFolderIdSchema,
  path: z.string(),
  collection: z.string().nullable(),
  paused: z.boolean(),
  createdAt: z.number(),
  lastScanAt: z.number().nullable(),
  /** watching (file events), polling (rescans: events unavailable), scanning now, paused, or missing (not there). */
  state: z.enum(['watching', 'polling', 'scanning', 'paused', 'missing']),
  /** Why new files wait (no embedding model), in words; null when nothing does. */
  note: z.string().nullable(),
  documents: z.int(),
});
export type WatchedFolder = z.infer<typeof WatchedFolderSchema>;
export const WatchAddSchema = z.strictObject({
  path: z.string().min(1).max(4096),
  /** The collection its files join (created if new). */
  collection: CollectionNameSchema.optional(),
});
export const WatchRemoveSchema = z.strictObject({
  id: WatchedFolderIdSchema,
  /** Delete the documents of its files too; otherwise they stay (no longer followed). */
  deleteDocuments: z.boolean().optional(),
});

export const DocumentVersionSchema = z.object({
  version: z.int(),
  sha256: z.string().nullable(),
  size: z.number(),
  /** ingest (first added), disk (a watched file changed), bucket (its object was replaced). */
  origin: z.enum(['ingest', 'disk', 'bucket']),
  /** pending / embedding: being made now; current: what search finds; superseded: an older one (metadata only). */
  status: z.enum(['pending', 'embedding', 'current', 'superseded']),
  createdAt: z.number(),
});

const IndexInfoSchema = z.object({
  name: z.string(),
  model: z.string(),
  version: z.int(),
  dimensions: z.int(),
});
export const ReembedProgressSchema = z.object({
  runId: z.string(),
  model: z.string(),
  version: z.int(),
  done: z.int(),
  total: z.int(),
  documentId: z.string().nullable(),
});
export type ReembedProgressItem = z.infer<typeof ReembedProgressSchema>;
export const ReembedStateSchema = z.object({
  /** The index search uses now. */
  active: IndexInfoSchema.nullable(),
  /** What a re-embed builds: the default embedding model, the current embedding version. */
  target: z.object({ model: z.string().nullable(), version: z.int() }),
  /** Indexed documents exist and search does not use the target's index yet. */
  needed: z.boolean(),
  run: z
    .object({
      id: z.string(),
      model: z.string(),
      version: z.int(),
      status: z.enum(['running', 'complete', 'cancelled', 'failed']),
      done: z.int(),
      error: z.string().nullable(),
    })
    .nullable(),
});
export type ReembedStateInfo = z.infer<typeof ReembedStateSchema>;
/** How long re-embedding the library with a model would take, and what the figure rests on. */
export const ReembedEstimateSchema = z.object({
  /** Passages a re-embed writes (every passage in the library). */
  passages: z.int(),
  seconds: z.number(),
  passagesPerSecond: z.number(),
  /**
   * measured: this computer's timings of this model; scaled: of another model (`from`), scaled by the two models'
   * sizes; default: nothing timed yet, so a typical rate.
   */
  basis: z.enum(['measured', 'scaled', 'default']),
  /** The model whose timings were scaled; null unless `basis` is scaled. */
  from: z.string().nullable(),
});
export type ReembedEstimate = z.infer<typeof ReembedEstimateSchema>;
export const ReembedEstimateInputSchema = z.strictObject({ model: ModelIdSchema });
export const ReembedInputSchema = z.strictObject({
  /** Run even when search already uses the target index (a rebuild). */
  force: z.boolean().optional(),
});

const SizedPath = z.object({ path: z.string(), bytes: z.number() });
export const LibraryStorageSchema = z.object({
  /** Originals in the object store, by the catalogue's sizes. */
  originals: z.object({ documents: z.int(), bytes: z.number() }),
  /** The vector store's folder (0 bytes for an external PostgreSQL) and each index with its vector count. */
  vectors: SizedPath.extend({
    indexes: z.array(IndexInfoSchema.extend({ active: z.boolean(), vectors: z.int().nullable() })),
  }),
  keyword: z.object({ chunks: z.int() }),
  models: SizedPath.extend({ count: z.int() }),
  /** The catalogue file (with its write-ahead log). */
  catalogue: SizedPath,
  collections: z.array(CollectionSchema),
});
export type LibraryStorage = z.infer<typeof LibraryStorageSchema>;
export const LibraryEraseSchema = z.strictObject({
  /** Erase this collection only; without it, the whole library. */
  collection: CollectionNameSchema.optional(),
  /** The UI asked the person first. */
  confirm: z.literal(true),
});
