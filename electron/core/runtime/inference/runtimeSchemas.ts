import { z } from 'zod';
import { ChildStateSchema } from '../../../shared/schemas';
import { ErrorDataSchema } from '../../../shared/errors';

/*
 * The runtime's public, serialisable shapes. They import only zod and electron/shared, so they can move into
 * electron/shared as contract schemas unchanged.
 */

/** Sampling and length controls of one reply. */
export const SamplingSchema = z.object({
  /** 0 is greedy (deterministic); the default is 0.7. */
  temperature: z.number().min(0).max(2).optional(),
  /** Nucleus sampling threshold; 1 disables it. */
  topP: z.number().gt(0).max(1).optional(),
  /** Upper bound of generated tokens; 512 by default. */
  maxTokens: z.int().min(1).max(32_768).optional(),
  /** Texts that end the reply (not included in it). */
  stop: z.array(z.string().min(1).max(200)).max(8).optional(),
  /** Seed for sampling with temperature > 0. */
  seed: z
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .optional(),
  /** Never stop at end-of-sequence: generate exactly maxTokens (benchmarks). */
  ignoreEos: z.boolean().optional(),
});
export type Sampling = z.infer<typeof SamplingSchema>;

export const ChatMessageSchema = z.object({
  role: z.enum(['user', 'assistant']),
  content: z.string(),
});
export type ChatMessage = z.infer<typeof ChatMessageSchema>;

export const ChatRequestSchema = SamplingSchema.extend({
  /** Conversation id: history and the engine's cached state (KV) belong to it. */
  sessionId: z.string().min(1).max(200),
  /** The new user message. */
  message: z.string().min(1).max(400_000),
  /** Replaces the session's system prompt from this turn on. */
  systemPrompt: z.string().max(40_000).optional(),
  /** Earlier turns to answer after instead of the session's history (stateless callers: the OpenAI gateway). */
  history: z.array(ChatMessageSchema).max(1_000).optional(),
  /** Try this model first (a local model id); the configured chain follows. */
  modelId: z.string().min(1).max(500).optional(),
});
export type ChatRequest = z.infer<typeof ChatRequestSchema>;

/** Which model answered. */
export const ModelRefSchema = z.object({
  source: z.enum(['local', 'remote']),
  /** Local: the model id; remote: the endpoint's model name. */
  modelId: z.string(),
  /** For people: GGUF `general.name`, file name, or "model (endpoint)". */
  name: z.string(),
});
export type ModelRef = z.infer<typeof ModelRefSchema>;

/** A source the fallback chain passed over, and why. */
export const SkippedSourceSchema = z.object({
  source: z.enum(['local', 'remote']),
  modelId: z.string(),
  error: ErrorDataSchema,
});
export type SkippedSource = z.infer<typeof SkippedSourceSchema>;

/** Stream items of a chat. The first is always `model`; then text deltas. */
export const ChatEventSchema = z.discriminatedUnion('type', [
  ModelRefSchema.extend({
    type: z.literal('model'),
    /** Sources tried before this one (primary missing, failed to load, out of memory…). */
    skipped: z.array(SkippedSourceSchema),
  }),
  z.object({ type: z.literal('delta'), text: z.string() }),
]);
export type ChatEvent = z.infer<typeof ChatEventSchema>;

export const ChatUsageSchema = z.object({
  /** Tokens of the whole prompt (system prompt, kept history, new message). */
  promptTokens: z.int(),
  /** Prompt tokens the engine actually evaluated this turn. */
  evaluatedTokens: z.int(),
  /** Prompt tokens served from the session's cached state (prefix/KV reuse). */
  reusedTokens: z.int(),
  completionTokens: z.int(),
  /** Oldest history messages left out so the prompt fits the context. */
  trimmedMessages: z.int(),
  /** From the call to the first text delta, as the caller sees it. */
  ttftMs: z.number(),
  durationMs: z.number(),
  /** Generation rate after the first delta (completionTokens − 1 over the time after it). */
  tokensPerSecond: z.number(),
});

/** The end value of a chat stream. */
export const ChatResultSchema = z.object({
  text: z.string(),
  /** eos: the model finished; maxTokens: the length limit; stop: a stop sequence. */
  stopReason: z.enum(['eos', 'maxTokens', 'stop']),
  model: ModelRefSchema,
  usage: ChatUsageSchema,
});
export type ChatResult = z.infer<typeof ChatResultSchema>;

export const EmbedRequestSchema = z.object({
  texts: z.array(z.string().max(400_000)).min(1).max(4_096),
  /** Only this model, no fallback: vectors of different models must not be mixed in one index. */
  modelId: z.string().min(1).max(500).optional(),
});

export const EmbedResultSchema = z.object({
  /** L2-normalised, one per text, in order. */
  vectors: z.array(z.array(z.number())),
  dimensions: z.int(),
  model: ModelRefSchema,
  /** Tokens embedded (after truncation). */
  tokens: z.int(),
  /** Texts cut to the embedding context. */
  truncated: z.int(),
});
export type EmbedResult = z.infer<typeof EmbedResultSchema>;

/** The compute device llama.cpp chose. */
export const DeviceInfoSchema = z.object({
  gpu: z.enum(['metal', 'cuda', 'vulkan', 'cpu']),
  /** GPU names, empty on CPU. */
  names: z.array(z.string()),
  cpuMathCores: z.int(),
  /** Set when llama.cpp could not start at all (no usable binary). */
  error: z.string().nullable(),
});
export type DeviceInfo = z.infer<typeof DeviceInfoSchema>;

export const LoadedModelSchema = z.object({
  slot: z.enum(['chat', 'embedding', 'ranking']),
  modelId: z.string(),
  name: z.string(),
  sizeBytes: z.number(),
  contextSize: z.int(),
  /** Layers offloaded to the GPU (0 on CPU). */
  gpuLayers: z.int(),
  loadedAt: z.number(),
  loadMs: z.number(),
});
export type LoadedModel = z.infer<typeof LoadedModelSchema>;

export const MemoryInfoSchema = z.object({
  workerRssBytes: z.number(),
  vramUsedBytes: z.number(),
  vramTotalBytes: z.number(),
  ramFreeBytes: z.number(),
  ramTotalBytes: z.number(),
});
export type MemoryInfo = z.infer<typeof MemoryInfoSchema>;

export const RuntimeStatusSchema = z.object({
  worker: z.object({
    state: z.union([ChildStateSchema, z.literal('not-started')]),
    pid: z.int().nullable(),
    restarts: z.int(),
    lastError: z.string().nullable(),
  }),
  device: DeviceInfoSchema.nullable(),
  threads: z.int(),
  chat: LoadedModelSchema.nullable(),
  embedding: LoadedModelSchema.nullable(),
  memory: MemoryInfoSchema.nullable(),
  /** Models that crashed the engine while loading; not loaded again until retried by the user. */
  badModels: z.array(z.object({ modelId: z.string(), reason: z.string(), at: z.number() })),
});
export type RuntimeStatus = z.infer<typeof RuntimeStatusSchema>;
