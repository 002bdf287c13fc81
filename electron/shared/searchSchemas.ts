import { z } from 'zod';
import { CollectionNameSchema, DocumentIdSchema } from './librarySchemas';

/** How a search ranks: both channels fused (default), words only, or meaning only. */
const SearchModeSchema = z.enum(['hybrid', 'keyword', 'vector']);
export type SearchMode = z.infer<typeof SearchModeSchema>;

/** What to search for and where; every filter narrows (documents of any listed collection, of any listed type…). */
export const SearchInputSchema = z.strictObject({
  query: z.string().trim().min(1, 'Type something to search for.').max(500),
  filters: z
    .strictObject({
      /** Collection names. */
      collections: z.array(CollectionNameSchema).max(50).optional(),
      /** Sniffed document types: pdf, docx, markdown, html, text, code, csv, json. */
      types: z
        .array(z.string().regex(/^[a-z0-9-]{1,32}$/, 'Not a document type.'))
        .max(20)
        .optional(),
      documentIds: z.array(DocumentIdSchema).max(100).optional(),
    })
    .optional(),
  mode: SearchModeSchema.default('hybrid'),
  topK: z.int().min(1).max(50).default(20),
});

/** Where a matched word sits in a passage's `text`: UTF-16 offsets, `end` exclusive. */
const HighlightSchema = z.object({ start: z.int().min(0), end: z.int().min(0) });
export type Highlight = z.infer<typeof HighlightSchema>;

/** One passage found, with where it is in its document and which of its words matched. */
const SearchPassageSchema = z.object({
  chunkId: z.string(),
  documentId: z.string(),
  documentName: z.string(),
  documentType: z.string(),
  text: z.string(),
  page: z.int().optional(),
  lineStart: z.int().optional(),
  lineEnd: z.int().optional(),
  headingPath: z.array(z.string()).optional(),
  slide: z.int().optional(),
  sheet: z.string().optional(),
  cells: z.string().optional(),
  /** Where it is, for people: "p. 3", "Setup › Linux · lines 4–9" ('' when unknown). */
  location: z.string(),
  /** Matched query words in `text`, in order, not overlapping. */
  highlights: z.array(HighlightSchema),
  /** Fused score, higher is better (comparable within one search only). */
  score: z.number(),
});
export type SearchPassage = z.infer<typeof SearchPassageSchema>;

/** A document with passages in the results, in the order of its best passage. */
const SearchDocumentSchema = z.object({
  documentId: z.string(),
  documentName: z.string(),
  documentType: z.string(),
  /** Indexes into `passages`, best first. */
  passageIndexes: z.array(z.int().min(0)),
  bestScore: z.number(),
});
export type SearchDocument = z.infer<typeof SearchDocumentSchema>;

export const SearchResultSchema = z.object({
  /** The query as searched (trimmed). */
  query: z.string(),
  mode: SearchModeSchema,
  /** Best first. */
  passages: z.array(SearchPassageSchema),
  documents: z.array(SearchDocumentSchema),
  /** Why meaning search was left out (no embedding model, no index yet…); null when it took part or was not asked. */
  vectorSkipped: z.string().nullable(),
  /** Something the user should know about the order (the reranker failed and fused order was kept); else null. */
  note: z.string().nullable(),
});
export type SearchResult = z.infer<typeof SearchResultSchema>;
