import type { Logger } from 'pino';
import { HearthError, type ErrorData } from '../../../shared/errors';
import type { ChildStatus } from '../../../shared/schemas';
import type { RestartPolicy, SupervisedChild, Supervisor } from '../../supervisor';
import type { Disposable } from '../../supervisor';
import type { DeviceInfo } from './runtimeSchemas';
import { waitForRunning } from './waitForRunning';
import {
  parseResult,
  parseWorkerMessage,
  type HostMessage,
  type Op,
  type RequestOf,
  type ResultOf,
} from './workerProtocol';
import { recordPhase, withSpan } from '../../telemetry/hearthTelemetry';

export interface WorkerClientOptions {
  supervisor: Supervisor;
  logger: Logger;
  /** The worker script (inferenceWorker.ts in development, the bundled inferenceWorker.mjs in the app). */
  workerEntry: string;
  /** Runs the worker: Node, or Electron with ELECTRON_RUN_AS_NODE=1 in `nodeEnv`. */
  nodeCommand: string;
  /** Arguments before the entry, e.g. ['--import', 'tsx'] to run TypeScript in development. */
  execArgv?: string[];
  /** Extra environment for the worker (HEARTH_LLAMA_GPU, fault injection in tests). */
  env?: Record<string, string>;
  /** Supervisor child name; 'inference' by default. */
  name?: string;
  /** Restart policy overrides for the worker. */
  restart?: Partial<RestartPolicy>;
  /** Called whenever the worker's process status changes. */
  onChildStatus?: (status: ChildStatus) => void;
}

interface Pending {
  op: Op;
  modelId: string | undefined;
  resolve: (value: unknown) => void;
  reject: (error: HearthError) => void;
  onDelta: ((text: string) => void) | undefined;
}

/** How long a cancelled request waits for the worker to confirm, so the conversation is free when we return. */
const CANCEL_GRACE_MS = 5_000;
/** How long a request waits for a (re)starting worker. */
const READY_TIMEOUT_MS = 60_000;
const PROBE_TIMEOUT_MS = 5_000;

/**
 * The host's handle on the inference worker: starts it under the supervisor (stdio 'ipc'), correlates requests and
 * answers, streams deltas, forwards cancellation, and fails every pending request with a clear error when the
 * process dies. The supervisor restarts it; the next request waits for the new process.
 */
export class WorkerClient {
  readonly #options: WorkerClientOptions;
  readonly #name: string;
  readonly #log: Logger;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  #child: SupervisedChild | undefined;
  #starting: Promise<SupervisedChild> | undefined;
  #subscriptions: Disposable[] = [];
  #device: DeviceInfo | null = null;
  #lastPid: number | null = null;
  /** Counts worker processes; `#readyGeneration` is the last one that reported ready. */
  #generation = 0;
  #readyGeneration = -1;
  readonly #readyWaiters = new Set<() => void>();
  readonly #readyListeners = new Set<() => void>();
  #disposed = false;

  constructor(options: WorkerClientOptions) {
    this.#options = options;
    this.#name = options.name ?? 'inference';
    this.#log = options.logger.child({ component: 'inference' });
  }

  /** The device llama.cpp reported (null until the first worker is up). */
  get device(): DeviceInfo | null {
    return this.#device;
  }

  get childStatus(): ChildStatus | null {
    return this.#child?.status ?? null;
  }

  /** Each time a (new) worker process is ready: its models are gone, so loaded state must be forgotten. */
  onReady(listener: () => void): Disposable {
    this.#readyListeners.add(listener);
    return { dispose: () => this.#readyListeners.delete(listener) };
  }

  /** Starts the worker if it is not running; resolves when it answers. Idempotent. */
  async start(): Promise<void> {
    await this.#ready();
  }

  /** Sends a request and resolves with its validated result. `signal` cancels it in the worker. */
  async request<O extends Op>(
    message: RequestOf<O> & { op: O },
    options: { signal?: AbortSignal; onDelta?: (text: string) => void } = {},
  ): Promise<ResultOf<O>> {
    const { signal } = options;
    if (signal?.aborted) throw new HearthError('CANCELLED', 'The request was stopped.');
    // The worker's part of a trace: waiting for it (a restart), then its answer, as one span per request.
    const run = async () => {
      const child = await this.#ready();
      if (signal?.aborted) throw new HearthError('CANCELLED', 'The request was stopped.');
      const result = (await this.#send(child, message as Omit<HostMessage, 'id'>, options)) as ResultOf<O>;
      if (message.op === 'chat') recordWorkerPhases(result as ResultOf<'chat'>);
      return result;
    };
    if (message.op === 'ping' || message.op === 'status') return run();
    return withSpan(`inference.${message.op}`, { 'hearth.worker.op': message.op }, run);
  }

  async dispose(): Promise<void> {
    this.#disposed = true;
    for (const subscription of this.#subscriptions) subscription.dispose();
    this.#failAll({ code: 'SIDECAR_DOWN', message: 'The inference engine was shut down.' }, null);
    if (this.#child) await this.#options.supervisor.stop(this.#name);
  }

  #send(
    child: SupervisedChild,
    message: Omit<HostMessage, 'id'>,
    options: { signal?: AbortSignal; onDelta?: (text: string) => void },
  ): Promise<unknown> {
    const id = this.#nextId++;
    const { signal } = options;
    return new Promise((resolve, reject) => {
      let graceTimer: NodeJS.Timeout | undefined;
      const onAbort = (): void => {
        try {
          child.send({ op: 'cancel', id: this.#nextId++, target: id });
        } catch {
          // The worker is gone; the death handler fails this request.
        }
        // Normally the worker confirms within one token; a wedged worker must not hold the caller forever.
        graceTimer = setTimeout(() => settle(() => reject(cancelled())), CANCEL_GRACE_MS);
      };
      const settle = (done: () => void): void => {
        if (!this.#pending.delete(id)) return;
        clearTimeout(graceTimer);
        signal?.removeEventListener('abort', onAbort);
        done();
      };
      this.#pending.set(id, {
        op: message.op,
        modelId: message.op === 'load' ? (message as Extract<HostMessage, { op: 'load' }>).params.modelId : undefined,
        resolve: (value) => settle(() => resolve(value)),
        reject: (error) => settle(() => reject(signal?.aborted && error.code !== 'SIDECAR_DOWN' ? cancelled() : error)),
        onDelta: options.onDelta,
      });
      signal?.addEventListener('abort', onAbort, { once: true });
      try {
        child.send({ ...message, id } as HostMessage);
      } catch (error) {
        this.#pending.get(id)?.reject(error as HearthError);
      }
    });
  }

  async #ready(): Promise<SupervisedChild> {
    if (this.#disposed) throw new HearthError('SIDECAR_DOWN', 'The inference engine was shut down.');
    const child = this.#child;
    if (child) {
      const { state } = child.status;
      if (state === 'running') return child;
      if (state === 'starting' || state === 'backoff' || state === 'unhealthy')
        return waitForRunning(child, READY_TIMEOUT_MS);
    }
    // Never started, stopped, or 'failed' (too many crashes): a new request is a reason to try again.
    this.#starting ??= this.#startChild().finally(() => (this.#starting = undefined));
    return this.#starting;
  }

  async #startChild(): Promise<SupervisedChild> {
    const options = this.#options;
    const probe = async (child: SupervisedChild): Promise<void> => {
      // The handle exists only once start() runs; its first probe is the first chance to listen to it.
      if (child !== this.#child) this.#attach(child);
      const timeout = new AbortController();
      const timer = setTimeout(() => timeout.abort(), PROBE_TIMEOUT_MS);
      try {
        await this.#llamaReady(timeout.signal);
        await this.#send(child, { op: 'ping' }, { signal: timeout.signal });
      } finally {
        clearTimeout(timer);
      }
    };
    const child = await options.supervisor
      .start({
        name: this.#name,
        command: options.nodeCommand,
        args: [...(options.execArgv ?? []), options.workerEntry],
        env: { NODE_LLAMA_CPP_SKIP_DOWNLOAD: 'true', ...options.env },
        stdio: 'ipc',
        health: { kind: 'custom', check: probe },
        healthIntervalMs: 10_000,
        // getLlama probes GPU backends first; that can take seconds on a cold machine.
        startTimeoutMs: 60_000,
        restart: { initialDelayMs: 100, ...options.restart },
      })
      .catch((error: unknown) => {
        throw error instanceof HearthError ? error : new HearthError('SIDECAR_DOWN', String(error));
      });
    if (child !== this.#child) this.#attach(child);
    return child;
  }

  #attach(child: SupervisedChild): void {
    for (const subscription of this.#subscriptions) subscription.dispose();
    this.#child = child;
    // A new handle is a new process, whose 'starting' status came before we listened.
    this.#generation += 1;
    this.#subscriptions = [
      child.onMessage((data) => this.#onMessage(data)),
      child.onStatus((status) => this.#onStatus(status)),
    ];
  }

  #onMessage(data: unknown): void {
    const message = parseWorkerMessage(data);
    if (!message) {
      this.#log.warn('ignored a malformed message from the inference worker');
      return;
    }
    if (message.type === 'ready') {
      this.#device = message.device;
      this.#readyGeneration = this.#generation;
      for (const waiter of this.#readyWaiters) waiter();
      this.#readyWaiters.clear();
      return;
    }
    const pending = this.#pending.get(message.id);
    if (!pending) return;
    if (message.type === 'delta') {
      pending.onDelta?.(message.text);
    } else if (message.type === 'error') {
      pending.reject(new HearthError(message.error.code, message.error.message, message.error.details));
    } else {
      const parsed = parseResult(pending.op, message.value);
      if (parsed.ok) pending.resolve(parsed.value);
      else
        pending.reject(
          new HearthError('INTERNAL', `The inference worker answered ${pending.op} oddly: ${parsed.issue}`),
        );
    }
  }

  /**
   * Resolves once the current process has initialised llama.cpp and said so: only then is it 'running' (it would
   * serve nothing sooner), and a message sent before it listens could be lost.
   */
  #llamaReady(signal: AbortSignal): Promise<void> {
    if (this.#readyGeneration === this.#generation) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const done = (): void => {
        signal.removeEventListener('abort', fail);
        resolve();
      };
      const fail = (): void => {
        this.#readyWaiters.delete(done);
        reject(new Error('llama.cpp is still starting in the inference worker'));
      };
      this.#readyWaiters.add(done);
      signal.addEventListener('abort', fail, { once: true });
    });
  }

  #onStatus(status: ChildStatus): void {
    this.#options.onChildStatus?.(status);
    // A new process: it must report ready again before it is sent anything.
    if (status.state === 'starting') this.#generation += 1;
    if (status.state === 'running' && status.pid !== this.#lastPid) {
      this.#lastPid = status.pid;
      for (const listener of this.#readyListeners) listener();
      return;
    }
    if (status.state === 'backoff' || status.state === 'failed' || status.state === 'stopped') {
      this.#lastPid = null;
      const exit = status.lastExit
        ? status.lastExit.signal
          ? `signal ${status.lastExit.signal}`
          : `code ${status.lastExit.code}`
        : null;
      this.#failAll(
        {
          code: 'SIDECAR_DOWN',
          message: `The inference engine stopped unexpectedly${exit ? ` (${exit})` : ''}; Hearth is restarting it.`,
          details: { reason: status.lastError },
        },
        exit,
      );
    }
  }

  /** Fails every pending request; a pending load gets MODEL_INVALID, since its model is what killed the worker. */
  #failAll(error: ErrorData, exit: string | null): void {
    for (const pending of [...this.#pending.values()]) {
      if (pending.op === 'load' && exit !== null) {
        const model = pending.modelId ?? 'This model';
        pending.reject(
          new HearthError(
            'MODEL_INVALID',
            `${model} crashed the inference engine while loading; it is probably damaged.`,
            {
              modelId: pending.modelId,
              crashed: true,
              exit,
            },
          ),
        );
      } else {
        pending.reject(new HearthError(error.code, error.message, error.details));
      }
    }
  }
}

function cancelled(): HearthError {
  return new HearthError('CANCELLED', 'The request was stopped.');
}

/**
 * The worker's own phases of a chat (prefill to the first token, then generation) as child spans of the request's
 * span, from the times the worker measured, counted back from now: the trace shows where the engine spent its time.
 */
function recordWorkerPhases(result: ResultOf<'chat'>): void {
  const start = Date.now() - result.totalMs;
  recordPhase('llama.prefill', start, start + result.firstTokenMs, {
    'hearth.tokens.evaluated': result.evaluatedTokens,
    'hearth.tokens.reused': result.reusedTokens,
  });
  recordPhase('llama.generate', start + result.firstTokenMs, start + result.totalMs, {
    'hearth.tokens.generated': result.completionTokens,
  });
}
