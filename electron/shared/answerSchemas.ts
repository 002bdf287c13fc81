import { z } from 'zod';
import { CollectionNameSchema, DocumentIdSchema, FileErrorSchema } from './librarySchemas';
import { OcrMarksSchema } from './ocrMarks';

export const ConversationIdSchema = z.string().regex(/^[a-z0-9-]{1,64}$/, 'Not a conversation id.');
const MessageIdSchema = z.string().regex(/^[a-z0-9-]{1,64}$/, 'Not a message id.');

/** One numbered source of an answer: the passage, where it is in its document, and how well it matched. */
const CitationSchema = z.object({
  /** The `[n]` the answer uses. */
  n: z.int().min(1),
  chunkId: z.string(),
  documentId: z.string(),
  documentName: z.string(),
  documentType: z.string(),
  page: z.int().optional(),
  lineStart: z.int().optional(),
  lineEnd: z.int().optional(),
  headingPath: z.array(z.string()).optional(),
  slide: z.int().optional(),
  sheet: z.string().optional(),
  cells: z.string().optional(),
  /** The passage, shortened for a chip's tooltip and the viewer's header. */
  snippet: z.string(),
  /** Fused retrieval score, higher is better (comparable within one answer only). */
  score: z.number(),
  /** True when the answer actually cites `[n]`; uncited sources are still listed as "also consulted". */
  cited: z.boolean(),
});
export type Citation = z.infer<typeof CitationSchema>;

export const MessageSchema = z.object({
  id: MessageIdSchema,
  role: z.enum(['user', 'assistant']),
  content: z.string(),
  citations: z.array(CitationSchema),
  /** complete; stopped by the user; failed (error says why). */
  status: z.enum(['complete', 'stopped', 'failed']),
  error: FileErrorSchema.nullable(),
  /** The model that answered (assistant messages). */
  model: z.string().nullable(),
  /** False when nothing relevant was found and the answer says so. */
  grounded: z.boolean(),
  /**
   * For people, beside the answer: sources found were left out or shortened to fit the model's context. Absent when
   * every source went in whole.
   */
  notice: z.string().optional(),
  createdAt: z.number(),
});
export type Message = z.infer<typeof MessageSchema>;

export const ConversationSchema = z.object({
  id: ConversationIdSchema,
  title: z.string(),
  /** Only documents of this collection are searched; null: the whole library. */
  collection: z.string().nullable(),
  /** Chat model for this conversation; null: the default one. */
  model: z.string().nullable(),
  messageCount: z.int(),
  /** The start of the last message, for the list. */
  preview: z.string(),
  createdAt: z.number(),
  updatedAt: z.number(),
});
export type Conversation = z.infer<typeof ConversationSchema>;

export const ConversationListInputSchema = z.strictObject({
  /** Words in titles or messages. */
  search: z.string().max(200).optional(),
});

export const ConversationCreateSchema = z.strictObject({
  title: z.string().trim().min(1).max(200).optional(),
  collection: CollectionNameSchema.nullable().optional(),
  model: z.string().max(128).nullable().optional(),
});

export const ConversationUpdateSchema = z.strictObject({
  id: ConversationIdSchema,
  title: z.string().trim().min(1).max(200).optional(),
  collection: CollectionNameSchema.nullable().optional(),
  model: z.string().max(128).nullable().optional(),
});

/**
 * A question. `mode`: `new` asks `question` after the last message; `regenerate` answers the last question again
 * (replacing the last answer; `question` is ignored); `edit` replaces the user message `editMessageId` with
 * `question`, drops everything after it, and answers.
 */
export const AskInputSchema = z
  .strictObject({
    conversationId: ConversationIdSchema.optional(),
    question: z.string().max(8000),
    mode: z.enum(['new', 'regenerate', 'edit']).default('new'),
    editMessageId: MessageIdSchema.optional(),
    /** Narrows this question to these documents. */
    documentIds: z.array(DocumentIdSchema).max(100).optional(),
    /** For a new conversation: its collection scope. */
    collection: CollectionNameSchema.nullable().optional(),
    /** Smaller budget (the quick prompt). */
    quick: z.boolean().optional(),
  })
  .refine((v) => v.mode === 'regenerate' || v.question.trim().length > 0, 'Type a question first.')
  .refine((v) => v.mode !== 'edit' || v.editMessageId, 'Say which message to edit.')
  .refine((v) => v.mode === 'new' || v.conversationId, 'Regenerating or editing needs a conversation.');

export const AskEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('started'),
    conversationId: ConversationIdSchema,
    userMessageId: MessageIdSchema,
    assistantMessageId: MessageIdSchema,
  }),
  /** The agent's step, for a status line. */
  z.object({
    type: z.literal('step'),
    step: z.enum(['retrieving', 'grading', 'rewriting', 'answering']),
    detail: z.string().optional(),
  }),
  z.object({ type: z.literal('token'), text: z.string() }),
  /** Sent once the answer is complete, with `cited` set from the `[n]` marks in it. */
  z.object({ type: z.literal('citations'), citations: z.array(CitationSchema) }),
]);
export type AskEvent = z.infer<typeof AskEventSchema>;

export const AskResultSchema = z.object({ conversationId: ConversationIdSchema, message: MessageSchema });

/** A passage with enough of its document around it for the viewer. */
export const PassageSchema = z.object({
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
  /** Where an OCR passage lies on its page image; absent for text layers and for scans indexed before boxes were kept. */
  ocr: OcrMarksSchema.optional(),
  /** Where the original can be fetched: `/api/originals/<id>` (headless) or `hearth://original/<id>` (desktop). */
  originalPath: z.string(),
});
export type Passage = z.infer<typeof PassageSchema>;
