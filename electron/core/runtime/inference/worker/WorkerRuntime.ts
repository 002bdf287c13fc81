import { freemem, totalmem } from 'node:os';
import { getLlama, LlamaLogLevel, type Llama } from 'node-llama-cpp';
import { HearthError, isHearthError, type ErrorData } from '../../../../shared/errors';
import type { DeviceInfo, LoadedModel } from '../runtimeSchemas';
import type {
  Fault,
  GpuChoice,
  HostMessage,
  LoadParams,
  Op,
  ResultOf,
  Slot,
  WorkerMessage,
  WorkerStatus,
} from '../workerProtocol';
import { ChatSlot } from './ChatSlot';
import { EmbeddingSlot } from './EmbeddingSlot';
import { RankingSlot } from './RankingSlot';

export interface WorkerRuntimeOptions {
  /** Passed to getLlama. */
  gpu: GpuChoice;
  /** Sends a message to the host; resolves once it has left this process. */
  send: (message: WorkerMessage) => Promise<void>;
  /** Whether `fault` messages are obeyed (tests only). */
  faultsAllowed: boolean;
  /** A fault armed from the start (HEARTH_WORKER_FAULT). */
  armedFault?: Fault;
  /** Ends this process the way llama.cpp's GGML_ASSERT does; injectable so the runtime can be read without dying. */
  abort?: () => never;
}

type Loaded = { chat: ChatSlot | null; embedding: EmbeddingSlot | null; ranking: RankingSlot | null };
type AnySlot = ChatSlot | EmbeddingSlot | RankingSlot;

/** The worker's side: owns llama.cpp, the loaded models and the running requests; answers every request once. */
export class WorkerRuntime {
  readonly #options: WorkerRuntimeOptions;
  readonly #llama: Promise<Llama | null>;
  #device: DeviceInfo | null = null;
  readonly #slots: Loaded = { chat: null, embedding: null, ranking: null };
  /** What each slot was loaded with: a new context size or thread count needs a reload. */
  readonly #slotParams: Record<Slot, LoadParams | null> = { chat: null, embedding: null, ranking: null };
  /** Loads and unloads of a slot run one after another. */
  readonly #slotQueue: Record<Slot, Promise<unknown>> = {
    chat: Promise.resolve(),
    embedding: Promise.resolve(),
    ranking: Promise.resolve(),
  };
  readonly #running = new Map<number, AbortController>();
  #armedFault: Fault | undefined;

  constructor(options: WorkerRuntimeOptions) {
    this.#options = options;
    this.#armedFault = options.armedFault;
    this.#llama = this.#initLlama();
  }

  /** Answers one request; never throws (failures become `error` messages). */
  async handle(message: HostMessage): Promise<void> {
    const controller = new AbortController();
    this.#running.set(message.id, controller);
    try {
      const value = await this.#dispatch(message, controller.signal);
      await this.#options.send({ type: 'result', id: message.id, value });
    } catch (error) {
      await this.#options.send({ type: 'error', id: message.id, error: toData(error) });
    } finally {
      this.#running.delete(message.id);
    }
  }

  async #dispatch(message: HostMessage, signal: AbortSignal): Promise<ResultOf<Op>> {
    switch (message.op) {
      case 'ping':
        return { pid: process.pid };
      case 'status':
        return this.#status();
      case 'load':
        return this.#load(message.params);
      case 'unload':
        return { unloaded: await this.#unload(message.slot) };
      case 'chat': {
        const slot = this.#require('chat', message.params.modelId) as ChatSlot;
        return slot.generate(message.params, signal, (text) => {
          void this.#options.send({ type: 'delta', id: message.id, text });
        });
      }
      case 'measure':
        return (this.#require('chat', message.params.modelId) as ChatSlot).measure(message.params);
      case 'embed': {
        const slot = this.#require('embedding', message.modelId) as EmbeddingSlot;
        return slot.embed(message.texts, signal);
      }
      case 'rank': {
        const slot = this.#require('ranking', message.modelId) as RankingSlot;
        return slot.rank(message.query, message.documents, signal);
      }
      case 'cancel': {
        const target = this.#running.get(message.target);
        target?.abort();
        return { found: target !== undefined };
      }
      case 'forget':
        return { found: (await this.#slots.chat?.forget(message.sessionKey)) ?? false };
      case 'fault':
        return this.#fault(message.id, message.fault);
    }
  }

  async #initLlama(): Promise<Llama | null> {
    try {
      const llama = await getLlama({
        gpu: this.#options.gpu,
        // A packaged app must never try to compile llama.cpp on a user's machine.
        build: 'never',
        logLevel: LlamaLogLevel.warn,
      });
      this.#device = {
        gpu: llama.gpu === false ? 'cpu' : llama.gpu,
        names: await llama.getGpuDeviceNames().catch(() => []),
        cpuMathCores: llama.cpuMathCores,
        error: null,
      };
      await this.#options.send({ type: 'ready', pid: process.pid, device: this.#device });
      return llama;
    } catch (error) {
      this.#device = { gpu: 'cpu', names: [], cpuMathCores: 0, error: (error as Error).message };
      await this.#options.send({ type: 'ready', pid: process.pid, device: this.#device });
      return null;
    }
  }

  async #requireLlama(): Promise<Llama> {
    const llama = await this.#llama;
    if (!llama) {
      throw new HearthError('SIDECAR_DOWN', `llama.cpp could not start on this machine: ${this.#device?.error ?? ''}`);
    }
    return llama;
  }

  #load(params: LoadParams): Promise<LoadedModel> {
    return this.#serial(params.slot, async () => {
      const current = this.#slots[params.slot];
      const previous = this.#slotParams[params.slot];
      if (current && previous && sameLoad(previous, params)) return current.info;
      await this.#unloadNow(params.slot);
      const llama = await this.#requireLlama();
      if (this.#armedFault === 'abort-on-load') this.#abort();
      if (params.slot === 'chat') this.#slots.chat = await ChatSlot.load(llama, params);
      else if (params.slot === 'embedding') this.#slots.embedding = await EmbeddingSlot.load(llama, params);
      else this.#slots.ranking = await RankingSlot.load(llama, params);
      const slot = this.#slots[params.slot]!;
      this.#slotParams[params.slot] = params;
      return slot.info;
    });
  }

  #unload(slot: Slot): Promise<boolean> {
    return this.#serial(slot, () => this.#unloadNow(slot));
  }

  async #unloadNow(slot: Slot): Promise<boolean> {
    const current = this.#slots[slot];
    if (!current) return false;
    this.#slots[slot] = null;
    this.#slotParams[slot] = null;
    await current.dispose();
    return true;
  }

  #serial<T>(slot: Slot, run: () => Promise<T>): Promise<T> {
    const next = this.#slotQueue[slot].then(run, run);
    this.#slotQueue[slot] = next.catch(() => undefined);
    return next;
  }

  #require(slot: Slot, modelId: string): AnySlot {
    const current = this.#slots[slot];
    if (!current || current.info.modelId !== modelId) {
      // The host loads first; this happens after an idle unload or a restart raced the request, and it reloads.
      throw new HearthError('MODEL_UNAVAILABLE', `${modelId} is not loaded.`, { notLoaded: true });
    }
    return current;
  }

  async #status(): Promise<WorkerStatus> {
    const llama = await this.#llama;
    const vram = llama ? await llama.getVramState().catch(() => null) : null;
    return {
      device: this.#device,
      chat: this.#slots.chat?.info ?? null,
      embedding: this.#slots.embedding?.info ?? null,
      memory: {
        workerRssBytes: process.memoryUsage.rss(),
        vramUsedBytes: vram?.used ?? 0,
        vramTotalBytes: vram?.total ?? 0,
        ramFreeBytes: freemem(),
        ramTotalBytes: totalmem(),
      },
      activeRequests: this.#running.size - 1,
    };
  }

  async #fault(id: number, fault: Fault): Promise<{ armed: Fault }> {
    if (!this.#options.faultsAllowed) {
      throw new HearthError('INVALID_INPUT', 'Fault injection is off in this worker.');
    }
    if (fault === 'abort-now') {
      // Answer first so the test knows the fault was taken, then die like llama.cpp's GGML_ASSERT does.
      await this.#options.send({ type: 'result', id, value: { armed: fault } });
      this.#abort();
    }
    this.#armedFault = fault;
    return { armed: fault };
  }

  #abort(): never {
    process.stderr.write('hearth-inference: fault injection: aborting\n');
    return (this.#options.abort ?? (() => process.abort()))();
  }
}

function sameLoad(previous: LoadParams, params: LoadParams): boolean {
  return (
    previous.modelId === params.modelId &&
    previous.path === params.path &&
    previous.contextSize === params.contextSize &&
    previous.threads === params.threads &&
    previous.parallel === params.parallel
  );
}

function toData(error: unknown): ErrorData {
  if (isHearthError(error)) return error.toData();
  return { code: 'INTERNAL', message: `The inference engine failed: ${(error as Error)?.message ?? String(error)}` };
}
