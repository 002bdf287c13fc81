import type { Logger } from 'pino';
import { CancellationTokenSource } from 'vscode-jsonrpc';
import { HearthError } from '../../shared/errors';
import type { AuditLog } from '../audit/AuditLog';
import type { RestartPolicy, Supervisor, SupervisedChild } from '../supervisor';
import { INDEX_FILES, PING } from './lspProtocol';
import { withSpan } from '../telemetry/hearthTelemetry';

/** Options for the client of the language server child. */
export interface LspClientOptions {
  supervisor: Pick<Supervisor, 'start' | 'stop'>;
  /** How to run Node scripts (Electron passes its binary with ELECTRON_RUN_AS_NODE=1). */
  node: { command: string; env?: Record<string, string> };
  /** The server script and the Node flags to run it (`--import tsx` for the TypeScript source); absent: no server. */
  server: { entry: string; execArgv?: string[] } | undefined;
  audit: Pick<AuditLog, 'append'>;
  logger: Logger;
  /**
   * Runs after every (re)start once the server is initialized: the owner pushes the workspace in through `send`
   * (requests waiting for the server run only after it), knowing which file extensions the server reads.
   */
  onReady: (send: LspSend, extensions: ReadonlySet<string>) => Promise<void>;
  /** How long one request may take; 10 s by default. */
  requestTimeoutMs?: number;
  /** How long starting (or a restart) may take before requests give up; 30 s by default. */
  startTimeoutMs?: number;
  restart?: Partial<RestartPolicy>;
}

/** Sends one audited request. */
export type LspSend = <R>(method: string, params: object, actor: string) => Promise<R>;

interface Deferred {
  promise: Promise<void>;
  resolve(): void;
  reject(error: unknown): void;
}

const CHILD_NAME = 'lsp';

/**
 * The core's side of the language server: starts the child under the supervisor on first use, initializes it (again
 * after each restart, then has the owner re-send the workspace), sends requests with timeouts, and writes every
 * request to the audit log before sending it.
 */
export class LspClient {
  readonly #o: LspClientOptions;
  #child: SupervisedChild | undefined;
  #starting: Promise<void> | undefined;
  #ready: Deferred = deferred();
  #disposed = false;

  constructor(options: LspClientOptions) {
    this.#o = options;
  }

  /** Whether the child has been started (requests start it; library changes before that wait for the first sync). */
  get started(): boolean {
    return this.#child !== undefined;
  }

  /** Sends a request and audits it as `lsp.<method>` for `actor`; starts the server first if needed. */
  async request<R>(
    method: string,
    params: object,
    actor: string,
    timeoutMs = this.#o.requestTimeoutMs ?? 10_000,
  ): Promise<R> {
    return withSpan(`lsp ${method}`, { 'rpc.system': 'jsonrpc', 'rpc.method': method }, async () => {
      await this.#audit(method, params, actor);
      await this.#whenReady();
      return this.#send<R>(method, params, timeoutMs);
    });
  }

  #audit(method: string, params: object, actor: string): Promise<unknown> {
    return this.#o.audit.append({ actor, action: `lsp.${method}`, data: { params: auditable(method, params) } });
  }

  /** Sends a notification (not audited: the core's own workspace bookkeeping, no answer to anyone). */
  async notify(method: string, params: object): Promise<void> {
    await this.#whenReady();
    await this.#connection().sendNotification(method, params);
  }

  /** Starts the child now (idempotent); resolves once the first workspace sync is done. */
  start(): Promise<void> {
    if (this.#disposed) return Promise.reject(new HearthError('CANCELLED', 'Hearth is stopping.'));
    this.#starting ??= this.#start();
    return this.#starting;
  }

  async dispose(): Promise<void> {
    this.#disposed = true;
    this.#ready.reject(new HearthError('CANCELLED', 'Hearth is stopping.'));
    if (this.#child) await this.#o.supervisor.stop(CHILD_NAME);
  }

  async #start(): Promise<void> {
    const { server, node } = this.#o;
    if (!server) throw new HearthError('SIDECAR_DOWN', 'This Hearth was built without its language server.');
    try {
      this.#child = await this.#o.supervisor.start({
        name: CHILD_NAME,
        command: node.command,
        args: [...(server.execArgv ?? []), server.entry],
        ...(node.env ? { env: node.env } : {}),
        stdio: 'pipe',
        health: { kind: 'jsonrpc', method: PING },
        startTimeoutMs: this.#o.startTimeoutMs ?? 30_000,
        ...(this.#o.restart ? { restart: this.#o.restart } : {}),
      });
    } catch (error) {
      this.#starting = undefined;
      throw error;
    }
    let initialized = false;
    this.#child.onStatus((status) => {
      if (status.state === 'running' && !initialized) {
        initialized = true;
        void this.#initialize();
      } else if (status.state !== 'running' && initialized) {
        initialized = false;
        // Requests from now on wait for the restarted server (or fail once it is given up on).
        if (status.state === 'failed' || status.state === 'stopped') {
          this.#ready.reject(
            new HearthError('SIDECAR_DOWN', `The code index stopped: ${status.lastError ?? status.state}.`),
          );
        }
        this.#ready = deferred();
      }
    });
    initialized = true;
    await this.#initialize();
  }

  async #initialize(): Promise<void> {
    const ready = this.#ready;
    try {
      await this.#audit('initialize', {}, 'core');
      const result = await this.#send<{ capabilities: { experimental?: { hearthExtensions?: string[] } } }>(
        'initialize',
        { processId: process.pid, rootUri: null, capabilities: {} },
        this.#o.startTimeoutMs ?? 30_000,
      );
      await this.#connection().sendNotification('initialized', {});
      this.#o.logger.info('language server initialized');
      const extensions = new Set(result.capabilities.experimental?.hearthExtensions ?? []);
      const timeoutMs = this.#o.startTimeoutMs ?? 30_000;
      // The workspace goes in before any waiting request runs, so an answer never comes from an empty index.
      await this.#o.onReady(async <R>(method: string, params: object, actor: string) => {
        await this.#audit(method, params, actor);
        return this.#send<R>(method, params, timeoutMs);
      }, extensions);
      ready.resolve();
    } catch (error) {
      this.#o.logger.error({ err: error }, 'language server could not be initialized');
      ready.reject(error);
    }
  }

  async #whenReady(): Promise<void> {
    await this.start();
    const timeoutMs = this.#o.startTimeoutMs ?? 30_000;
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.#ready.promise,
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new HearthError('SIDECAR_DOWN', `The code index did not come back within ${timeoutMs} ms.`)),
            timeoutMs,
          );
        }),
      ]);
    } finally {
      clearTimeout(timer);
    }
  }

  #connection() {
    const connection = this.#child?.connection;
    if (!connection) throw new HearthError('SIDECAR_DOWN', 'The code index is not running.');
    return connection;
  }

  async #send<R>(method: string, params: object, timeoutMs: number): Promise<R> {
    const connection = this.#connection();
    const cancel = new CancellationTokenSource();
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        connection.sendRequest<R>(method, params, cancel.token),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            cancel.cancel();
            reject(new HearthError('TIMEOUT', `The code index did not answer ${method} within ${timeoutMs} ms.`));
          }, timeoutMs);
        }),
      ]);
    } finally {
      clearTimeout(timer);
      cancel.dispose();
    }
  }
}

/** What the audit log keeps of a request: its parameters, but only the names of indexed files, never their text. */
function auditable(method: string, params: object): Record<string, unknown> {
  if (method === INDEX_FILES) {
    const files = (params as { files?: { uri: string }[] }).files ?? [];
    return { files: files.length, first: files[0]?.uri ?? null };
  }
  return params as Record<string, unknown>;
}

function deferred(): Deferred {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // A rejection nobody awaits yet (no request pending) must not crash the process.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}
