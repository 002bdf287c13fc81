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
  /** The computer's total memory from which it is suggested (chat models run beside macOS and a browser). */
  minRamBytes: z.number(),
  /** Memory the model itself takes while it runs: weights, context cache and working buffers. */
  memoryBytes: z.number(),
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
export type ModelList = z.infer<typeof ModelListSchema>;

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

/** One message of a stateless completion (the OpenAI gateway's `messages`). */
const CompletionMessageSchema = z.strictObject({
  role: z.enum(['system', 'user', 'assistant']),
  content: z.string().max(400_000),
});

/** A stateless completion: the whole conversation comes with the request and nothing of it is kept. */
export const ChatCompleteSchema = z.strictObject({
  /** A local model to answer with first; the configured chain follows. Omitted: the default chat model. */
  modelId: ModelIdSchema.optional(),
  /** System messages join into the system prompt; the last message is the one answered. */
  messages: z
    .array(CompletionMessageSchema)
    .min(1)
    .max(1_000)
    .refine((messages) => messages.at(-1)?.role === 'user', 'The last message must be a user message.'),
  options: ChatOptionsSchema.extend({
    seed: z
      .int()
      .min(0)
      .max(2 ** 31 - 1)
      .optional(),
  }).optional(),
});

export const ChatCompleteResultSchema = z.object({
  text: z.string(),
  finishReason: z.enum(['stop', 'length', 'stopSequence']),
  model: z.object({ source: z.enum(['local', 'remote']), modelId: z.string(), name: z.string() }),
  usage: z.object({ promptTokens: z.int(), completionTokens: z.int() }),
});

/** Texts to embed with the default embedding model, or `modelId` only. */
export const EmbedInputSchema = z.strictObject({
  texts: z.array(z.string().max(400_000)).min(1).max(2_048),
  modelId: ModelIdSchema.optional(),
});

export const EmbedOutputSchema = z.object({
  /** L2-normalised, one per text, in order. */
  vectors: z.array(z.array(z.number())),
  model: z.object({ source: z.enum(['local', 'remote']), modelId: z.string(), name: z.string() }),
  /** Tokens embedded (after cutting texts to the embedding context). */
  tokens: z.int(),
});
