import { z } from 'zod';

export const ModelIdSchema = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,127}$/, 'Not a model id.');

export const ModelInfoSchema = z.object({
  id: ModelIdSchema,
  displayName: z.string(),
  fileName: z.string(),
  /** Where it came from: an imported file, an https URL or an hf: URI. */
  source: z.string(),
  sizeBytes: z.number(),
  sha256: z.string().nullable(),
  architecture: z.string(),
  /** Parameter count. */
  parameters: z.number().nullable(),
  quantisation: z.string().nullable(),
  contextLength: z.int().nullable(),
  embeddingLength: z.int().nullable(),
  isEmbeddingModel: z.boolean(),
  /** A cross-encoder that scores (question, passage) pairs; neither chats nor embeds. Absent on older entries. */
  isReranker: z.boolean().optional(),
  addedAt: z.number(),
});
export type ModelInfo = z.infer<typeof ModelInfoSchema>;

export const ModelDefaultsSchema = z.object({ chat: ModelIdSchema.nullable(), embedding: ModelIdSchema.nullable() });

export const CuratedModelSchema = z.object({
  key: z.string(),
  role: z.enum(['chat', 'embedding', 'reranker']),
  displayName: z.string(),
  description: z.string(),
  source: z.string(),
  sizeBytes: z.number(),
  minRamBytes: z.number(),
  sha256: z.string().nullable(),
});
export type CuratedModel = z.infer<typeof CuratedModelSchema>;

export const ModelListSchema = z.object({
  models: z.array(ModelInfoSchema),
  defaults: ModelDefaultsSchema,
  /** First-run suggestions that fit this machine's memory. */
  curated: z.array(CuratedModelSchema),
  machine: z.object({ totalRamBytes: z.number() }),
});

/** https URLs or `hf:owner/repo/file.gguf`; nothing else is ever fetched. */
export const ModelSourceSchema = z
  .string()
  .max(2048)
  .refine((s) => /^https:\/\/[^\s]+$/i.test(s) || /^hf:[\w.-]+\/[\w.-]+\/[^\s]+\.gguf$/i.test(s), {
    message: 'Use an https:// link or hf:owner/repo/file.gguf',
  });

export const DownloadProgressSchema = z.object({
  receivedBytes: z.number(),
  totalBytes: z.number().nullable(),
  bytesPerSecond: z.number(),
  /** True when the download continued a partial file. */
  resumed: z.boolean(),
});

export const RuntimeStatusSchema = z.object({
  state: z.enum(['idle', 'loading', 'ready', 'error']),
  model: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** Where inference runs: metal, cuda, vulkan or cpu. */
  device: z.string().nullable(),
  memory: z.object({ workerRssBytes: z.number().nullable(), vramUsedBytes: z.number().nullable() }),
  lastError: z.string().nullable(),
});
export type RuntimeStatus = z.infer<typeof RuntimeStatusSchema>;

export const ChatOptionsSchema = z.strictObject({
  temperature: z.number().min(0).max(2).optional(),
  topP: z.number().min(0).max(1).optional(),
  maxTokens: z.int().min(1).max(32_768).optional(),
  stop: z.array(z.string().min(1).max(64)).max(8).optional(),
});

export const ChatSendSchema = z.strictObject({
  /** Continue this session; omitted starts a new one. */
  sessionId: z
    .string()
    .regex(/^[a-z0-9-]{1,64}$/)
    .optional(),
  message: z.string().min(1).max(100_000),
  systemPrompt: z.string().max(8_000).optional(),
  options: ChatOptionsSchema.optional(),
});

export const ChatEventSchema = z.discriminatedUnion('type', [
  /** First event: which model answers (the fallback chain may have skipped the primary). */
  z.object({
    type: z.literal('model'),
    source: z.enum(['local', 'remote']),
    modelId: z.string(),
    name: z.string(),
    fallback: z.boolean(),
  }),
  z.object({ type: z.literal('token'), text: z.string() }),
  z.object({ type: z.literal('usage'), promptTokens: z.int(), completionTokens: z.int(), reusedTokens: z.int() }),
]);

export const ChatResultSchema = z.object({
  sessionId: z.string(),
  text: z.string(),
  finishReason: z.enum(['stop', 'length', 'stopSequence']),
});
