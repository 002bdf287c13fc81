import { statSync, type Stats } from 'node:fs';
import type { Logger } from 'pino';
import { HearthError, isHearthError } from '../../../shared/errors';
import type { LoadedModel, RuntimeStatus } from './runtimeSchemas';
import type { WorkerClient } from './WorkerClient';
import type { Slot } from './workerProtocol';

export interface ModelSlotsOptions {
  worker: WorkerClient;
  logger: Logger;
  /** Where a model id's file is; null when the id is unknown. */
  resolveModelPath: (modelId: string) => string | null | Promise<string | null>;
  /** Context size of the chat model (tokens, per conversation). */
  contextSize: number;
  /** Context size of each embedding context; longer texts are cut. */
  embeddingContextSize: number;
  /** Context size of the reranker (question and passage together); longer pairs are cut. 512 by default. */
  rankingContextSize?: number;
  /** llama.cpp threads for the chat context; embedding contexts share the same number between them. */
  threads: number;
  /** Conversations whose KV state stays cached at once. */
  chatSessions: number;
  /** Parallel embedding contexts. */
  embeddingContexts: number;
  /** Unload a model after this long unused; 0 keeps it loaded. */
  idleUnloadMs: number;
  /** Called when what is loaded, or the bad-model list, changes. */
  onChange: () => void;
}

const SLOTS: readonly Slot[] = ['chat', 'embedding', 'ranking'];

type BadModel = RuntimeStatus['badModels'][number] & { fingerprint: string };

/**
 * What is loaded in the worker's slots (chat, embedding, ranking), as the host sees it: loads on demand, one load or
 * unload per slot at a time, a model switch waits for the previous model's requests, unload after idle time. A model
 * whose load crashed the worker is remembered (with its file's size and mtime) and not loaded again until the user
 * retries it or the file changes.
 */
export class ModelSlots {
  readonly #options: ModelSlotsOptions;
  readonly #log: Logger;
  readonly #loaded: Record<Slot, LoadedModel | null> = { chat: null, embedding: null, ranking: null };
  readonly #users: Record<Slot, number> = { chat: 0, embedding: 0, ranking: 0 };
  readonly #idleWaiters: Record<Slot, Array<() => void>> = { chat: [], embedding: [], ranking: [] };
  readonly #timers: Record<Slot, NodeJS.Timeout | undefined> = {
    chat: undefined,
    embedding: undefined,
    ranking: undefined,
  };
  readonly #queue: Record<Slot, Promise<unknown>> = {
    chat: Promise.resolve(),
    embedding: Promise.resolve(),
    ranking: Promise.resolve(),
  };
  readonly #bad = new Map<string, BadModel>();
  /** Fingerprint of each loaded model's file. */
  readonly #files: Record<Slot, string | null> = { chat: null, embedding: null, ranking: null };

  constructor(options: ModelSlotsOptions) {
    this.#options = options;
    this.#log = options.logger.child({ component: 'inference' });
  }

  loaded(slot: Slot): LoadedModel | null {
    return this.#loaded[slot];
  }

  badModels(): RuntimeStatus['badModels'] {
    return [...this.#bad.values()].map(({ modelId, reason, at }) => ({ modelId, reason, at }));
  }

  /** Lets a model that crashed the engine be loaded again (the user asked to retry it). */
  forgetBad(modelId: string): boolean {
    const removed = this.#bad.delete(modelId);
    if (removed) this.#options.onChange();
    return removed;
  }

  /** The worker restarted: nothing is loaded any more. */
  reset(): void {
    for (const slot of SLOTS) {
      this.#loaded[slot] = null;
      this.#files[slot] = null;
    }
    this.#options.onChange();
  }

  /** Runs `run` with `modelId` loaded in `slot`; the model stays loaded (and is not switched) until it returns. */
  async use<T>(slot: Slot, modelId: string, run: (loaded: LoadedModel) => Promise<T>): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      const loaded = await this.load(slot, modelId, { hold: true });
      try {
        return await run(loaded);
      } catch (error) {
        // An idle unload or a worker restart raced us between load and request: load again, once.
        if (attempt > 0 || !(isHearthError(error) && error.details?.notLoaded === true)) throw error;
        if (this.#loaded[slot] === loaded) this.#loaded[slot] = null;
      } finally {
        this.#release(slot);
      }
    }
  }

  /** Loads `modelId` into `slot` unless it is there already. `hold` counts the caller as a user of the model. */
  load(slot: Slot, modelId: string, options: { hold?: boolean } = {}): Promise<LoadedModel> {
    clearTimeout(this.#timers[slot]);
    return this.#serial(slot, async () => {
      const current = this.#loaded[slot];
      // A loaded model whose file was deleted or replaced is reloaded (or reported missing), not served on.
      const stale = current?.modelId === modelId && !(await this.#sameFile(slot, modelId));
      if (current?.modelId !== modelId || stale) {
        // Switching models would pull the old one from under its running requests.
        while (this.#users[slot] > 0) await new Promise<void>((r) => this.#idleWaiters[slot].push(r));
        await this.#loadNow(slot, modelId);
      }
      if (options.hold) this.#users[slot] += 1;
      else this.#scheduleIdleUnload(slot);
      return this.#loaded[slot]!;
    });
  }

  unload(slot: Slot): Promise<boolean> {
    clearTimeout(this.#timers[slot]);
    return this.#serial(slot, () => this.#unloadNow(slot));
  }

  async #unloadNow(slot: Slot): Promise<boolean> {
    if (!this.#loaded[slot]) return false;
    const { unloaded } = await this.#options.worker.request({ op: 'unload', slot });
    this.#loaded[slot] = null;
    this.#options.onChange();
    return unloaded;
  }

  dispose(): void {
    for (const slot of SLOTS) clearTimeout(this.#timers[slot]);
  }

  /**
   * Identifies a model file's content cheaply: a replaced or re-downloaded file gets a new one. Checked before every
   * request, so synchronously: one stat syscall of a cached inode takes microseconds, while an async stat waits its
   * turn in libuv's thread pool (milliseconds on a busy machine, on every query embedding).
   */
  #fingerprint(modelId: string): ModelFile | Promise<ModelFile> {
    const path = this.#options.resolveModelPath(modelId);
    return path instanceof Promise ? path.then(fileFingerprint) : fileFingerprint(path);
  }

  async #sameFile(slot: Slot, modelId: string): Promise<boolean> {
    const current = this.#fingerprint(modelId);
    return (current instanceof Promise ? (await current).fingerprint : current.fingerprint) === this.#files[slot];
  }

  async #loadNow(slot: Slot, modelId: string): Promise<void> {
    // Only a stale copy of this very model can be loaded here (a switch unloads in the worker): drop it first.
    if (this.#loaded[slot]?.modelId === modelId) await this.#unloadNow(slot);
    const { path, fingerprint } = await this.#fingerprint(modelId);
    if (!path) throw new HearthError('MODEL_UNAVAILABLE', `There is no model "${modelId}".`, { modelId });
    if (!fingerprint) {
      throw new HearthError('MODEL_UNAVAILABLE', `The file of model "${modelId}" is missing.`, { modelId });
    }
    const bad = this.#bad.get(modelId);
    if (bad?.fingerprint === fingerprint) {
      throw new HearthError(
        'MODEL_INVALID',
        `${modelId} crashed the inference engine when it was last loaded, so Hearth will not load it again ` +
          'unless you retry it.',
        { modelId, bad: true },
      );
    }
    if (bad) this.#bad.delete(modelId);
    const options = this.#options;
    this.#loaded[slot] = null;
    try {
      this.#loaded[slot] = await options.worker.request({
        op: 'load',
        params: {
          slot,
          modelId,
          path,
          contextSize: {
            chat: options.contextSize,
            embedding: options.embeddingContextSize,
            ranking: options.rankingContextSize ?? 512,
          }[slot],
          // Half the threads for the reranker: its many short evaluations paid ~150x in thread sync on a busy 2-core
          // machine with 2 threads (300 ms vs 2 ms a pair on the generated reranker), and it runs beside chat.
          threads: slot === 'ranking' ? Math.max(1, Math.floor(options.threads / 2)) : options.threads,
          parallel: { chat: options.chatSessions, embedding: options.embeddingContexts, ranking: 1 }[slot],
        },
      });
      this.#files[slot] = fingerprint;
      this.#log.info({ slot, modelId, ms: Math.round(this.#loaded[slot].loadMs) }, 'model loaded');
    } catch (error) {
      if (isHearthError(error) && error.code === 'MODEL_INVALID' && error.details?.crashed === true) {
        this.#bad.set(modelId, { modelId, reason: error.message, at: Date.now(), fingerprint });
        this.#log.warn({ slot, modelId }, 'model crashed the inference worker while loading; marked bad');
      }
      throw error;
    } finally {
      this.#options.onChange();
    }
  }

  #release(slot: Slot): void {
    this.#users[slot] -= 1;
    if (this.#users[slot] > 0) return;
    for (const waiter of this.#idleWaiters[slot].splice(0)) waiter();
    this.#scheduleIdleUnload(slot);
  }

  #scheduleIdleUnload(slot: Slot): void {
    const { idleUnloadMs } = this.#options;
    if (idleUnloadMs <= 0) return;
    clearTimeout(this.#timers[slot]);
    this.#timers[slot] = setTimeout(() => {
      if (this.#users[slot] === 0 && this.#loaded[slot]) {
        this.#log.info({ slot, modelId: this.#loaded[slot].modelId }, 'unloading idle model');
        this.unload(slot).catch((error: unknown) => this.#log.warn({ err: error }, 'idle unload failed'));
      }
    }, idleUnloadMs);
    this.#timers[slot].unref();
  }

  #serial<T>(slot: Slot, run: () => Promise<T>): Promise<T> {
    const next = this.#queue[slot].then(run, run);
    this.#queue[slot] = next.catch(() => undefined);
    return next;
  }
}

/** A model's file and its fingerprint (path, size, mtime); nulls when the id is unknown or the file is missing. */
interface ModelFile {
  path: string | null;
  fingerprint: string | null;
}

function fileFingerprint(path: string | null): ModelFile {
  if (!path) return { path: null, fingerprint: null };
  let file: Stats | undefined;
  try {
    file = statSync(path, { throwIfNoEntry: false });
  } catch {
    file = undefined; // unreadable (permissions, a broken mount): as good as missing
  }
  return { path, fingerprint: file?.isFile() ? `${path}:${file.size}:${file.mtimeMs}` : null };
}
