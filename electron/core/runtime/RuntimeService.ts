import { join } from 'node:path';
import type { Logger } from 'pino';
import { HearthError } from '../../shared/errors';
import type { Disposable, Supervisor } from '../supervisor';
import { ChatEngine } from './inference/ChatEngine';
import type { ChatSource, EmbedSource } from './inference/ChatSource';
import { FallbackChain, orderSources } from './inference/FallbackChain';
import { LocalSource } from './inference/LocalSource';
import { ModelSlots } from './inference/ModelSlots';
import type { FitPrompt } from './inference/PromptMeter';
import { RemoteSource, type RemoteEndpoint } from './inference/RemoteSource';
import {
  EmbedRequestSchema,
  type ChatEvent,
  type ChatMessage,
  type ChatRequest,
  type ChatResult,
  type EmbedResult,
  type LoadedModel,
  type MemoryInfo,
  type RuntimeStatus,
} from './inference/runtimeSchemas';
import { WorkerClient } from './inference/WorkerClient';
import type { Fault, GpuChoice, Slot } from './inference/workerProtocol';

export type { RemoteEndpoint } from './inference/RemoteSource';

export interface RuntimeServiceOptions {
  supervisor: Supervisor;
  logger: Logger;
  /** The worker script: inference/inferenceWorker.ts (with tsx) in development, the bundled .mjs in the app. */
  workerEntry: string;
  /** Runs the worker: Node, or Electron's binary (with ELECTRON_RUN_AS_NODE=1 in nodeEnv). */
  nodeCommand: string;
  /** Environment for running Node scripts with `nodeCommand` (platform.node.env). */
  nodeEnv?: Record<string, string>;
  /** Arguments before the entry, e.g. ['--import', 'tsx'] in development. */
  workerExecArgv?: string[];
  /** Supervisor child name of the worker; 'inference' by default (several runtimes need distinct names). */
  workerName?: string;
  /** Extra worker environment (tests: HEARTH_WORKER_FAULTS=1). */
  workerEnv?: Record<string, string>;
  /** Folder of model files: without resolveModelPath, id `x` is `<modelsDir>/x` (`.gguf` added if missing). */
  modelsDir?: string;
  /** Where a model id's file is; null for an unknown id. */
  resolveModelPath?: (modelId: string) => string | null | Promise<string | null>;
  /** The configured models, in order of preference; read on every request. */
  models?: () => { chat: string[]; embedding: string[]; ranking?: string[] };
  /** llama.cpp threads; a fixed number, not "auto", so speed is predictable. */
  threads: number;
  /** Chat context size in tokens (per conversation). */
  contextSize: number;
  /** Unload models after this long unused; 0 keeps them. */
  idleUnloadMs: number;
  /** Embedding context size; longer texts are cut. 512 by default. */
  embeddingContextSize?: number;
  /** Conversations whose KV state stays cached (one sequence each). 2 by default. */
  chatSessions?: number;
  /** Parallel embedding contexts, sharing `threads`. 4 by default (see DEFAULT_EMBEDDING_CONTEXTS). */
  embeddingContexts?: number;
  /** llama.cpp backend; 'auto' (Metal, CUDA, Vulkan where present, else CPU) by default. */
  gpu?: GpuChoice;
  /** The OpenAI-compatible endpoint the user configured, or null; read on every request. */
  remote?: () => RemoteEndpoint | null;
  /** System prompt for sessions that set none. */
  defaultSystemPrompt?: string;
  /** fetch for the remote endpoint (tests). */
  fetch?: typeof fetch;
}

/**
 * From the runtime bench (2-core VM): 4 contexts embedded 1.25× faster than 1 on a 1.2B model (compute-bound) and
 * 19× on a tiny one (per-text overhead, the regime of small embedding models); 2 contexts gave 1.0× and 14×.
 */
const DEFAULT_EMBEDDING_CONTEXTS = 4;

/**
 * The local-inference facade the core constructs: chat with history and streaming, embeddings, model load/unload
 * and status. llama.cpp runs in a supervised worker process, so a model that crashes it costs a restart, not Hearth.
 */
export class RuntimeService {
  readonly #options: RuntimeServiceOptions;
  readonly #log: Logger;
  readonly #worker: WorkerClient;
  readonly #slots: ModelSlots;
  readonly #chat: ChatEngine;
  readonly #listeners = new Set<(status: RuntimeStatus) => void>();
  readonly #subscriptions: Disposable[];
  #memory: MemoryInfo | null = null;
  #disposed = false;

  constructor(options: RuntimeServiceOptions) {
    this.#options = options;
    this.#log = options.logger.child({ component: 'runtime' });
    this.#worker = new WorkerClient({
      supervisor: options.supervisor,
      logger: options.logger,
      workerEntry: options.workerEntry,
      nodeCommand: options.nodeCommand,
      ...(options.workerName ? { name: options.workerName } : {}),
      ...(options.workerExecArgv ? { execArgv: options.workerExecArgv } : {}),
      env: {
        ...options.nodeEnv,
        HEARTH_LLAMA_GPU: String(options.gpu ?? 'auto'),
        ...options.workerEnv,
      },
      onChildStatus: () => this.#emit(),
    });
    this.#slots = new ModelSlots({
      worker: this.#worker,
      logger: options.logger,
      resolveModelPath: options.resolveModelPath ?? defaultResolver(options.modelsDir),
      contextSize: options.contextSize,
      embeddingContextSize: options.embeddingContextSize ?? 512,
      threads: options.threads,
      chatSessions: options.chatSessions ?? 2,
      embeddingContexts: options.embeddingContexts ?? DEFAULT_EMBEDDING_CONTEXTS,
      idleUnloadMs: options.idleUnloadMs,
      onChange: () => this.#emit(),
    });
    this.#chat = new ChatEngine({
      chain: (request) => this.#chatChain(request),
      ...(options.defaultSystemPrompt !== undefined ? { defaultSystemPrompt: options.defaultSystemPrompt } : {}),
      onForget: (sessionKey) => {
        if (this.#worker.childStatus?.state !== 'running') return;
        this.#worker.request({ op: 'forget', sessionKey }).catch(() => undefined);
      },
    });
    // A new worker process has nothing loaded.
    this.#subscriptions = [this.#worker.onReady(() => this.#slots.reset())];
  }

  /** Starts the worker ahead of the first request (it also starts on demand). */
  async start(): Promise<void> {
    await this.#worker.start();
    this.#emit();
  }

  /** The current status, with fresh memory figures when the worker is running. */
  async status(): Promise<RuntimeStatus> {
    if (this.#worker.childStatus?.state === 'running') {
      const timeout = AbortSignal.timeout(2_000);
      const fresh = await this.#worker.request({ op: 'status' }, { signal: timeout }).catch(() => null);
      if (fresh) this.#memory = fresh.memory;
    }
    return this.currentStatus();
  }

  /** The last known status, without asking the worker. */
  currentStatus(): RuntimeStatus {
    const child = this.#worker.childStatus;
    return {
      worker: {
        state: child?.state ?? 'not-started',
        pid: child?.pid ?? null,
        restarts: child?.restarts ?? 0,
        lastError: child?.lastError ?? null,
      },
      device: this.#worker.device,
      threads: this.#options.threads,
      chat: this.#slots.loaded('chat'),
      embedding: this.#slots.loaded('embedding'),
      memory: this.#memory,
      badModels: this.#slots.badModels(),
    };
  }

  /** Every status change: worker state, loaded models, bad models. */
  onStatus(listener: (status: RuntimeStatus) => void): Disposable {
    this.#listeners.add(listener);
    return { dispose: () => this.#listeners.delete(listener) };
  }

  /** Loads a model ahead of use. */
  load(modelId: string, slot: Slot = 'chat'): Promise<LoadedModel> {
    return this.#slots.load(slot, modelId);
  }

  /** Unloads one slot, or both. */
  async unload(slot?: Slot): Promise<void> {
    for (const which of slot ? [slot] : (['chat', 'embedding', 'ranking'] as const)) await this.#slots.unload(which);
  }

  /**
   * One chat turn; streams a `model` event, then text deltas, and resolves with the whole reply. `fit` rebuilds the
   * turn for the source that answers, measured with its tokenizer and context (see ChatEngine.chat).
   */
  chat(
    request: ChatRequest,
    options: { signal?: AbortSignal; onEvent?: (event: ChatEvent) => void; fit?: FitPrompt } = {},
  ): Promise<ChatResult> {
    return this.#chat.chat(request, options);
  }

  /**
   * L2-normalised embeddings, one per text. With `modelId` only that model answers; otherwise the configured chain
   * does, and `model` in the result says which (vectors of different models must not share an index).
   */
  async embed(texts: string[], options: { signal?: AbortSignal; modelId?: string } = {}): Promise<EmbedResult> {
    const parsed = EmbedRequestSchema.safeParse({ texts, modelId: options.modelId });
    if (!parsed.success) {
      throw new HearthError('INVALID_INPUT', `Invalid embedding request: ${parsed.error.issues[0]?.message ?? ''}`);
    }
    const signal = options.signal ?? new AbortController().signal;
    const { value, source } = await this.#embedChain(parsed.data.modelId).run(
      (candidate) => candidate.embed(parsed.data.texts, signal),
      signal,
    );
    return {
      vectors: value.vectors,
      dimensions: value.vectors[0]?.length ?? 0,
      model: { source: source.source, modelId: source.modelId, name: value.name },
      tokens: value.tokens,
      truncated: value.truncated,
    };
  }

  /** A conversation's history. */
  history(sessionId: string): ChatMessage[] {
    return this.#chat.history(sessionId);
  }

  /**
   * Scores each document against the query with the installed reranker (or `modelId`), 0 to 1, in input order.
   * Local only: MODEL_UNAVAILABLE when no reranker is installed.
   */
  async rank(
    query: string,
    documents: string[],
    options: { signal?: AbortSignal; modelId?: string } = {},
  ): Promise<{ scores: number[]; modelId: string; truncated: number }> {
    const modelId = options.modelId ?? this.#options.models?.().ranking?.[0];
    if (!modelId) throw new HearthError('MODEL_UNAVAILABLE', 'No reranker is installed.');
    if (documents.length === 0) return { scores: [], modelId, truncated: 0 };
    const signal = options.signal;
    const result = await this.#slots.use('ranking', modelId, () =>
      this.#worker.request({ op: 'rank', modelId, query, documents }, signal ? { signal } : {}),
    );
    return { ...result, modelId };
  }

  /** Forgets a conversation and frees its cached engine state. */
  forgetSession(sessionId: string): boolean {
    return this.#chat.forget(sessionId);
  }

  /**
   * Fault injection for tests: 'abort-now' kills the worker the way llama.cpp's GGML_ASSERT does, 'abort-on-load'
   * on its next model load. The worker refuses unless it was started with HEARTH_WORKER_FAULTS=1 (workerEnv).
   */
  async injectFault(fault: Fault): Promise<void> {
    await this.#worker.request({ op: 'fault', fault });
  }

  /** Lets a model that crashed the engine be loaded again. */
  retryModel(modelId: string): boolean {
    return this.#slots.forgetBad(modelId);
  }

  async dispose(): Promise<void> {
    if (this.#disposed) return;
    this.#disposed = true;
    for (const subscription of this.#subscriptions) subscription.dispose();
    this.#slots.dispose();
    await this.#worker.dispose();
    this.#listeners.clear();
  }

  #chatChain(request: ChatRequest): FallbackChain<ChatSource> {
    const endpoint = this.#endpoint();
    const refs = orderSources({
      preferred: request.modelId,
      local: this.#options.models?.().chat ?? [],
      remote: endpoint?.chatModel,
    });
    return new FallbackChain(
      refs.map((ref) =>
        ref.source === 'local'
          ? new LocalSource(ref.modelId, this.#slots, this.#worker)
          : new RemoteSource(endpoint!, 'chat', this.#options.fetch),
      ),
    );
  }

  #embedChain(modelId: string | undefined): FallbackChain<EmbedSource> {
    if (modelId) return new FallbackChain([new LocalSource(modelId, this.#slots, this.#worker)]);
    const endpoint = this.#endpoint();
    const refs = orderSources({
      local: this.#options.models?.().embedding ?? [],
      remote: endpoint?.embeddingModel,
    });
    return new FallbackChain(
      refs.map((ref) =>
        ref.source === 'local'
          ? new LocalSource(ref.modelId, this.#slots, this.#worker)
          : new RemoteSource(endpoint!, 'embedding', this.#options.fetch),
      ),
    );
  }

  /** The configured endpoint if its address is usable; a broken setting is logged and left out of the chain. */
  #endpoint(): RemoteEndpoint | null {
    const endpoint = this.#options.remote?.() ?? null;
    if (!endpoint) return null;
    try {
      new RemoteSource(endpoint, 'chat', this.#options.fetch);
      return endpoint;
    } catch (error) {
      this.#log.warn({ err: error }, 'the configured model server address is unusable; skipping it');
      return null;
    }
  }

  #emit(): void {
    if (this.#disposed) return;
    const status = this.currentStatus();
    for (const listener of this.#listeners) {
      try {
        listener(status);
      } catch (error) {
        this.#log.error({ err: error }, 'a runtime status listener threw');
      }
    }
  }
}

function defaultResolver(modelsDir: string | undefined): (modelId: string) => string | null {
  if (!modelsDir) {
    throw new HearthError('INTERNAL', 'RuntimeService needs modelsDir or resolveModelPath.');
  }
  // Ids are file names, never paths: nothing outside the models folder can be named.
  return (modelId) =>
    /^[\w][\w.-]*$/.test(modelId) ? join(modelsDir, modelId.endsWith('.gguf') ? modelId : `${modelId}.gguf`) : null;
}
