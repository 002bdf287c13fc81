import { z } from 'zod';
import { ErrorDataSchema } from '../../../shared/errors';
import {
  ChatMessageSchema,
  DeviceInfoSchema,
  LoadedModelSchema,
  MemoryInfoSchema,
  SamplingSchema,
} from './runtimeSchemas';

/*
 * The host ⇄ inference-worker protocol over Node IPC. Every message is validated on arrival, on both sides: the
 * worker is a separate process that may be a different build (or broken), and the host must never trust its shapes.
 * Requests carry an id; the worker answers each with exactly one `result` or `error`, and chat streams `delta`s first.
 */

const Id = z.int().min(1);
const SlotSchema = z.enum(['chat', 'embedding', 'ranking']);
export type Slot = z.infer<typeof SlotSchema>;

const LoadParamsSchema = z.object({
  slot: SlotSchema,
  modelId: z.string().min(1),
  path: z.string().min(1),
  contextSize: z
    .int()
    .min(16)
    .max(1 << 30),
  threads: z.int().min(1).max(256),
  /** Chat: conversations whose state stays cached at once. Embedding: parallel embedding contexts. Ranking: 1. */
  parallel: z.int().min(1).max(64),
});
export type LoadParams = z.infer<typeof LoadParamsSchema>;

const WorkerChatParamsSchema = z.object({
  modelId: z.string().min(1),
  /** The conversation whose cached sequence to reuse. */
  sessionKey: z.string().min(1),
  systemPrompt: z.string(),
  /** History then the new user message last. */
  messages: z.array(ChatMessageSchema).min(1),
  sampling: SamplingSchema,
});
export type WorkerChatParams = z.infer<typeof WorkerChatParamsSchema>;

const WorkerMeasureParamsSchema = z.object({
  modelId: z.string().min(1),
  /** The reply's length, which sets the prompt's budget (the chat default when absent). */
  maxTokens: z.int().min(1).optional(),
  /** Whole prompts, rendered with the model's chat template and counted. */
  prompts: z.array(z.object({ systemPrompt: z.string(), messages: z.array(ChatMessageSchema).min(1) })).max(64),
  /** Plain texts, each counted alone. */
  texts: z.array(z.string()).max(256),
  /** Texts cut to their first `maxTokens` tokens. */
  cuts: z.array(z.object({ text: z.string(), maxTokens: z.int().min(0) })).max(64),
});
export type WorkerMeasureParams = z.infer<typeof WorkerMeasureParamsSchema>;

/** Which llama.cpp backend to ask for; 'auto' picks Metal, CUDA or Vulkan where present, else the CPU. */
export type GpuChoice = 'auto' | false | 'metal' | 'cuda' | 'vulkan';

const FaultSchema = z.enum(['abort-now', 'abort-on-load']);
export type Fault = z.infer<typeof FaultSchema>;

const HostMessageSchema = z.discriminatedUnion('op', [
  z.object({ op: z.literal('ping'), id: Id }),
  z.object({ op: z.literal('status'), id: Id }),
  z.object({ op: z.literal('load'), id: Id, params: LoadParamsSchema }),
  z.object({ op: z.literal('unload'), id: Id, slot: SlotSchema }),
  z.object({ op: z.literal('chat'), id: Id, params: WorkerChatParamsSchema }),
  /** Token counts with the chat model's own tokenizer and template, for fitting a prompt to its context. */
  z.object({ op: z.literal('measure'), id: Id, params: WorkerMeasureParamsSchema }),
  z.object({ op: z.literal('embed'), id: Id, modelId: z.string().min(1), texts: z.array(z.string()).min(1) }),
  /** Scores each document against the query with the loaded reranker. */
  z.object({
    op: z.literal('rank'),
    id: Id,
    modelId: z.string().min(1),
    query: z.string(),
    documents: z.array(z.string()).min(1).max(200),
  }),
  /** Stops request `target`; the target then answers CANCELLED. */
  z.object({ op: z.literal('cancel'), id: Id, target: Id }),
  /** Frees a conversation's cached sequence. */
  z.object({ op: z.literal('forget'), id: Id, sessionKey: z.string().min(1) }),
  /** Fault injection for tests; the worker refuses it unless started with HEARTH_WORKER_FAULTS=1. */
  z.object({ op: z.literal('fault'), id: Id, fault: FaultSchema }),
]);
export type HostMessage = z.infer<typeof HostMessageSchema>;
export type Op = HostMessage['op'];
/** A request of one op as the host writes it (the client adds the id). */
export type RequestOf<O extends Op> = Omit<Extract<HostMessage, { op: O }>, 'id'>;

const WorkerChatResultSchema = z.object({
  text: z.string(),
  stopReason: z.enum(['eos', 'maxTokens', 'stop']),
  promptTokens: z.int(),
  evaluatedTokens: z.int(),
  reusedTokens: z.int(),
  completionTokens: z.int(),
  trimmedMessages: z.int(),
  /** Worker-side time from the request to the first generated token (prefill + one step). */
  firstTokenMs: z.number(),
  totalMs: z.number(),
});
export type WorkerChatResult = z.infer<typeof WorkerChatResultSchema>;

const WorkerMeasureResultSchema = z.object({
  /** Tokens the prompt may take with this reply length (see promptBudget). */
  budget: z.int(),
  prompts: z.array(z.int()),
  texts: z.array(z.int()),
  cuts: z.array(z.string()),
});
export type WorkerMeasureResult = z.infer<typeof WorkerMeasureResultSchema>;

const WorkerEmbedResultSchema = z.object({
  vectors: z.array(z.array(z.number())),
  tokens: z.int(),
  truncated: z.int(),
});
export type WorkerEmbedResult = z.infer<typeof WorkerEmbedResultSchema>;

const WorkerRankResultSchema = z.object({
  /** Relevance between 0 and 1, one per document in order. */
  scores: z.array(z.number()),
  /** Documents cut to fit the reranker's context. */
  truncated: z.int(),
});
export type WorkerRankResult = z.infer<typeof WorkerRankResultSchema>;

const WorkerStatusSchema = z.object({
  device: DeviceInfoSchema.nullable(),
  chat: LoadedModelSchema.nullable(),
  embedding: LoadedModelSchema.nullable(),
  memory: MemoryInfoSchema,
  activeRequests: z.int(),
});
export type WorkerStatus = z.infer<typeof WorkerStatusSchema>;

/** What each op answers with. */
const RESULT_SCHEMAS = {
  ping: z.object({ pid: z.int() }),
  status: WorkerStatusSchema,
  load: LoadedModelSchema,
  unload: z.object({ unloaded: z.boolean() }),
  chat: WorkerChatResultSchema,
  measure: WorkerMeasureResultSchema,
  embed: WorkerEmbedResultSchema,
  rank: WorkerRankResultSchema,
  cancel: z.object({ found: z.boolean() }),
  forget: z.object({ found: z.boolean() }),
  fault: z.object({ armed: FaultSchema }),
} satisfies Record<Op, z.ZodType>;
export type ResultOf<O extends Op> = z.infer<(typeof RESULT_SCHEMAS)[O]>;

const WorkerMessageSchema = z.discriminatedUnion('type', [
  /** Sent once llama.cpp is initialised (or failed to be), after the worker listens: the host waits for it. */
  z.object({ type: z.literal('ready'), pid: z.int(), device: DeviceInfoSchema }),
  z.object({ type: z.literal('delta'), id: Id, text: z.string() }),
  z.object({ type: z.literal('result'), id: Id, value: z.unknown() }),
  z.object({ type: z.literal('error'), id: Id, error: ErrorDataSchema }),
]);
export type WorkerMessage = z.infer<typeof WorkerMessageSchema>;

/** Parses a message from the host; null for anything that is not one. */
export function parseHostMessage(data: unknown): HostMessage | null {
  const parsed = HostMessageSchema.safeParse(data);
  return parsed.success ? parsed.data : null;
}

/** Parses a message from the worker; null for anything that is not one. */
export function parseWorkerMessage(data: unknown): WorkerMessage | null {
  const parsed = WorkerMessageSchema.safeParse(data);
  return parsed.success ? parsed.data : null;
}

/** Validates a result against its op's schema; the issue text on failure. */
export function parseResult<O extends Op>(
  op: O,
  value: unknown,
): { ok: true; value: ResultOf<O> } | { ok: false; issue: string } {
  const parsed = RESULT_SCHEMAS[op].safeParse(value);
  return parsed.success
    ? { ok: true, value: parsed.data as ResultOf<O> }
    : { ok: false, issue: parsed.error.issues[0]?.message ?? 'invalid' };
}
