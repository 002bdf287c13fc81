import { accessSync, constants } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { HearthError } from '../../shared/errors';
import type { ChildStatus } from '../../shared/schemas';
import type { SecretsService } from '../secrets/SecretsService';
import type { ChildSpec, Disposable, RestartPolicy, SupervisedChild, Supervisor } from '../supervisor';
import { findFreePort } from './findFreePort';
import type { ObjectConnection } from './ObjectConnection';
import { ensureRootCredentials, type RootCredentials } from './rootCredentials';

/** Which server runs as the sidecar: the bundled MinIO, our s3rver-based dev server, or a configured command. */
export type ObjectServerKind = 'minio' | 'dev-s3' | 'custom';

/** A maintained S3-compatible server to run instead of MinIO. */
interface CustomServerCommand {
  /** Executable. */
  command: string;
  /** Arguments; `{dataDir}`, `{address}`, `{port}` and `{consolePort}` are filled in. */
  args: string[];
  /** Extra environment. The root credentials arrive as MINIO_ROOT_USER/PASSWORD and HEARTH_S3_ACCESS/SECRET_KEY. */
  env?: Record<string, string>;
  /** Path answering 2xx when the server is ready, e.g. `/minio/health/live`. */
  healthPath: string;
}

/** Options for the object store sidecar. */
export interface ObjectServerOptions {
  supervisor: Supervisor;
  /** Keeps the root credentials (generated on first start). */
  secrets: SecretsService;
  logger: Logger;
  /** `$HEARTH_HOME/objects`; each kind keeps its data in its own folder below (`minio/`, `dev-s3/`, `custom/`). */
  objectsDir: string;
  /** How to run Node scripts (platform.node); the dev server is one. */
  node: { command: string; env?: Record<string, string> };
  /** The bundled MinIO, `native/bin/<platform>-<arch>/minio`; where it does not exist the dev server runs instead. */
  minioBinary: string;
  /** Path of devS3Server.mjs. */
  devServerScript: string;
  /** False in the packaged app: a missing MinIO is then an error, never a silent switch. Default true. */
  allowDevServer?: boolean;
  /** Runs this instead of MinIO or the dev server. */
  command?: CustomServerCommand;
  /** The bucket for originals. Default `hearth`. */
  bucket?: string;
  /** The supervisor's name for the child. Default `objects`. */
  name?: string;
  /** How long a (re)start may take. Default 20000. */
  startTimeoutMs?: number;
  /** Health check interval while running. Default 5000. */
  healthIntervalMs?: number;
  /** Restart policy overrides. */
  restart?: Partial<RestartPolicy>;
}

export interface ObjectServerStatus {
  kind: ObjectServerKind;
  /** The supervisor's view: state, pid, restarts, last error. Null before start. */
  child: ChildStatus | null;
  /** `http://127.0.0.1:<port>` once started. */
  url: string | null;
  /** Shown in the log and the UI when Hearth is not running the bundled MinIO. */
  warning: string | null;
}

/** Said once, in the log and the UI (Settings → Storage shows it as it is): plain words, what it means for the user. */
export const DEV_SERVER_WARNING =
  'MinIO is not installed here, so the development S3 server keeps your original files: fine for trying Hearth ' +
  '(the Mac app includes MinIO).';
const HOST = '127.0.0.1';
const REGION = 'us-east-1';
const PORT_ATTEMPTS = 3;

/**
 * The object store sidecar under the supervisor: MinIO when its binary is there, else the development S3 server
 * (announced in the log and in the status), or a configured command. Root credentials come from the keychain and
 * reach the server only through its environment, never a file, argument or log line.
 */
export class ObjectServer {
  readonly kind: ObjectServerKind;
  readonly #options: ObjectServerOptions;
  readonly #log: Logger;
  readonly #name: string;
  readonly #listeners = new Set<(status: ObjectServerStatus) => void>();
  #child: SupervisedChild | undefined;
  #childListener: Disposable | undefined;
  #url: string | null = null;
  #healthUrl: string | null = null;

  constructor(options: ObjectServerOptions) {
    this.#options = options;
    this.#log = options.logger.child({ component: 'objects' });
    this.#name = options.name ?? 'objects';
    const useMinio = isExecutable(options.minioBinary) || options.allowDevServer === false;
    this.kind = options.command ? 'custom' : useMinio ? 'minio' : 'dev-s3';
  }

  get status(): ObjectServerStatus {
    return {
      kind: this.kind,
      child: this.#child?.status ?? null,
      url: this.#url,
      warning: this.kind === 'minio' ? null : this.kind === 'dev-s3' ? DEV_SERVER_WARNING : customWarning(),
    };
  }

  /** Every status change: the child's, and the start itself. */
  onStatus(listener: (status: ObjectServerStatus) => void): Disposable {
    this.#listeners.add(listener);
    return { dispose: () => this.#listeners.delete(listener) };
  }

  /**
   * Starts the server and resolves once it answers its health check, with what ObjectStore needs to reach it. Throws
   * SIDECAR_DOWN if it cannot start, KEYCHAIN_UNAVAILABLE if the credentials cannot be read or stored, INTERNAL if
   * the bundled MinIO is required (allowDevServer: false) but missing.
   */
  async start(): Promise<ObjectConnection> {
    const state = this.#child?.status.state;
    if (state !== undefined && state !== 'failed' && state !== 'stopped') {
      throw new HearthError('CONFLICT', 'The object server has already been started.');
    }
    if (this.kind === 'minio' && !isExecutable(this.#options.minioBinary)) {
      // INTERNAL, not SIDECAR_DOWN: no restart will help; the installation itself is broken.
      throw new HearthError(
        'INTERNAL',
        `Hearth's object store (MinIO) is missing from this installation (expected at ${this.#options.minioBinary}). ` +
          'Reinstall Hearth.',
      );
    }
    const credentials = await ensureRootCredentials(this.#options.secrets);
    const dataDir = join(this.#options.objectsDir, this.kind);
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    if (this.kind === 'dev-s3') {
      this.#log.warn({ minioBinary: this.#options.minioBinary }, DEV_SERVER_WARNING);
    } else if (this.kind === 'custom') {
      this.#log.warn({ command: this.#options.command?.command }, customWarning());
    }
    let child: SupervisedChild;
    let url: string;
    for (let attempt = 1; ; attempt++) {
      const port = await findFreePort(HOST);
      url = `http://${HOST}:${port}`;
      this.#url = url;
      this.#healthUrl = url + healthPath(this.kind, this.#options.command);
      const spec = await this.#spec(dataDir, port, credentials);
      try {
        child = await this.#options.supervisor.start({ ...spec, health: { kind: 'http', url: this.#healthUrl } });
        break;
      } catch (error) {
        // Another process may have taken the free port between our choosing it and the server binding it.
        if (attempt < PORT_ATTEMPTS && (await portTaken(port))) {
          this.#log.warn({ port }, 'the object server port was taken meanwhile; trying another');
          continue;
        }
        // The supervisor keeps the failed child's status (last error, last output) for Diagnostics.
        this.#child = this.#options.supervisor.get(this.#name);
        this.#emit();
        throw error;
      }
    }
    this.#child = child;
    this.#childListener = child.onStatus(() => this.#emit());
    this.#log.info({ kind: this.kind, url }, 'object server ready');
    this.#emit();
    return {
      url,
      region: REGION,
      bucket: this.#options.bucket ?? 'hearth',
      accessKey: credentials.accessKey,
      secretKey: credentials.secretKey,
      pathStyle: true,
      origin: 'sidecar',
      waitUntilReady: (timeoutMs, signal) => this.waitUntilReady(timeoutMs, signal),
    };
  }

  /**
   * Resolves true once the server answers its health check, false if it does not within `timeoutMs`, has been given
   * up on by the supervisor ('failed') or stopped. The check is a real request, so a status that has not caught up
   * with a crash yet cannot fool it.
   */
  async waitUntilReady(timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline && !signal?.aborted) {
      const state = this.#child?.status.state;
      if (state === undefined || state === 'failed' || state === 'stopped') return false;
      if (state === 'running' && this.#healthUrl && (await answers(this.#healthUrl, signal))) return true;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return false;
  }

  /** Stops the server (SIGTERM, then SIGKILL after the grace period). */
  async dispose(): Promise<void> {
    this.#childListener?.dispose();
    this.#childListener = undefined;
    if (this.#child) await this.#options.supervisor.stop(this.#name);
    this.#emit();
  }

  async #spec(dataDir: string, port: number, credentials: RootCredentials): Promise<Omit<ChildSpec, 'health'>> {
    const options = this.#options;
    const common = {
      name: this.#name,
      startTimeoutMs: options.startTimeoutMs ?? 20_000,
      healthIntervalMs: options.healthIntervalMs ?? 5_000,
      ...(options.restart ? { restart: options.restart } : {}),
    };
    const credentialEnv = {
      MINIO_ROOT_USER: credentials.accessKey,
      MINIO_ROOT_PASSWORD: credentials.secretKey,
      HEARTH_S3_ACCESS_KEY: credentials.accessKey,
      HEARTH_S3_SECRET_KEY: credentials.secretKey,
    };
    if (this.kind === 'minio') {
      const consolePort = await findFreePort(HOST);
      return {
        ...common,
        command: options.minioBinary,
        // --quiet drops the startup banner, which prints the root user; --anonymous keeps secrets out of its logs.
        args: [
          'server',
          dataDir,
          '--address',
          `${HOST}:${port}`,
          '--console-address',
          `${HOST}:${consolePort}`,
          '--quiet',
          '--anonymous',
        ],
        env: {
          MINIO_ROOT_USER: credentials.accessKey,
          MINIO_ROOT_PASSWORD: credentials.secretKey,
          MINIO_BROWSER: 'off',
          MINIO_UPDATE: 'off',
          MINIO_CALLHOME_ENABLE: 'off',
        },
      };
    }
    if (this.kind === 'dev-s3') {
      return {
        ...common,
        command: options.node.command,
        args: [options.devServerScript, '--directory', dataDir, '--address', HOST, '--port', String(port)],
        // The supervisor runs the watchdog with options.node.env, and the child inherits it.
        env: { HEARTH_S3_ACCESS_KEY: credentials.accessKey, HEARTH_S3_SECRET_KEY: credentials.secretKey },
      };
    }
    const custom = options.command as CustomServerCommand;
    const consolePort = custom.args.some((arg) => arg.includes('{consolePort}')) ? await findFreePort(HOST) : 0;
    const fill = (arg: string): string =>
      arg
        .replaceAll('{dataDir}', dataDir)
        .replaceAll('{address}', HOST)
        .replaceAll('{port}', String(port))
        .replaceAll('{consolePort}', String(consolePort));
    return {
      ...common,
      command: custom.command,
      args: custom.args.map(fill),
      env: { ...custom.env, ...credentialEnv },
    };
  }

  #emit(): void {
    const status = this.status;
    for (const listener of this.#listeners) {
      try {
        listener(status);
      } catch (error) {
        this.#log.error({ err: error }, 'an object server status listener threw');
      }
    }
  }
}

function healthPath(kind: ObjectServerKind, command: CustomServerCommand | undefined): string {
  if (kind === 'minio') return '/minio/health/live';
  if (kind === 'dev-s3') return '/_hearth/health';
  const path = (command as CustomServerCommand).healthPath;
  return path.startsWith('/') ? path : `/${path}`;
}

function customWarning(): string {
  return 'Using a configured S3-compatible server instead of the bundled MinIO';
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function portTaken(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: HOST, port });
    socket.setTimeout(1_000, () => socket.destroy());
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('close', () => resolve(false));
  });
}

async function answers(url: string, signal?: AbortSignal): Promise<boolean> {
  const timeout = AbortSignal.timeout(1_000);
  try {
    const response = await fetch(url, { signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
    await response.arrayBuffer().catch(() => undefined);
    return response.ok;
  } catch {
    return false;
  }
}
