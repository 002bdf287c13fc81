import { randomBytes, randomInt } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { HearthError, isHearthError } from '../../shared/errors';
import type { ChildStatus } from '../../shared/schemas';
import type { Disposable, RestartPolicy, SupervisedChild, Supervisor } from '../supervisor';
import { ChromaAuthProxy } from './ChromaAuthProxy';

/** Options for starting the Chroma server. */
export interface ChromaServerOptions {
  /** Runs and restarts the server. */
  supervisor: Supervisor;
  /** App-data dir; the data lives in `<dataDir>/chroma`. */
  dataDir: string;
  /** Path of chromadb's `dist/cli.mjs` (resolved by the shell; its native binding must be outside any asar). */
  cliPath: string;
  /** How to run a Node script (Platform.node: Electron passes its binary with ELECTRON_RUN_AS_NODE=1). */
  node: { command: string; env?: Record<string, string> };
  /** Port Chroma itself listens on, behind the proxy; default a free one. */
  port?: number;
  /** Supervisor child name; default "chroma". */
  name?: string;
  /** Restart policy overrides for the supervisor. */
  restart?: Partial<RestartPolicy>;
  /** How long start may take; loading the 400 MB native binding is slow on a cold disk. Default 60000. */
  startTimeoutMs?: number;
  /** Interval of health checks while running. Default 5000. */
  healthIntervalMs?: number;
}

const HOST = '127.0.0.1';
/** Attempts with a fresh free port when another process grabs ours between choosing it and Chroma binding it. */
const PORT_ATTEMPTS = 3;

/**
 * Chroma's CLI reads its argv from process.argv.slice(2). Before handing over, drop every CHROMA_* variable: Chroma
 * merges them over its config file, so one inherited from the user's shell (CHROMA_OPEN_TELEMETRY__ENDPOINT, say)
 * could switch trace export back on.
 */
const LAUNCHER = [
  "for (const k of Object.keys(process.env)) if (k.startsWith('CHROMA_')) delete process.env[k];",
  "const { pathToFileURL } = await import('node:url');",
  'await import(pathToFileURL(process.argv[1]).href);',
].join('\n');

/**
 * The embedded Chroma server as a supervised child, data in `<dataDir>/chroma`, telemetry off. Chroma 1.0.x's Rust
 * server has no product telemetry; its only exporter is OpenTelemetry, enabled only by an `open_telemetry` section,
 * which the config written here never has (the server logs "OpenTelemetry is not enabled"). Browsers get no CORS grant.
 *
 * Chroma itself has no authentication (its token settings are ignored) and answers any Host, so it listens on a
 * loopback address and port nobody is told about (on Linux and Windows a random 127.x.y.z, which a DNS-rebinding page
 * cannot guess), and everything Hearth sends goes through a ChromaAuthProxy on 127.0.0.1 that requires `token`, a
 * secret made fresh for each run and kept only in memory. Any process that finds the inner port can still reach
 * Chroma directly: only an OS sandbox could close that, and Chroma 1.x offers no Unix socket.
 */
export class ChromaServer {
  /** Where the proxy listens: 127.0.0.1. */
  readonly host = HOST;
  /** The proxy's port. */
  readonly port: number;
  /** The proxy's base URL, e.g. http://127.0.0.1:53211; every request needs `Authorization: Bearer <token>`. */
  readonly url: string;
  /** Chroma's persist directory. */
  readonly dataPath: string;
  readonly #supervisor: Supervisor;
  readonly #child: SupervisedChild;
  readonly #proxy: ChromaAuthProxy;
  readonly #token: string;

  private constructor(
    supervisor: Supervisor,
    child: SupervisedChild,
    proxy: ChromaAuthProxy,
    token: string,
    dataPath: string,
  ) {
    this.#supervisor = supervisor;
    this.#child = child;
    this.#proxy = proxy;
    this.#token = token;
    this.port = proxy.port;
    this.url = proxy.url;
    this.dataPath = dataPath;
  }

  /** Starts the server and its proxy, resolving once the heartbeat answers; SIDECAR_DOWN with the reason otherwise. */
  static async start(options: ChromaServerOptions): Promise<ChromaServer> {
    const dataPath = join(options.dataDir, 'chroma');
    await mkdir(dataPath, { recursive: true });
    const token = randomBytes(32).toString('base64url');
    const attempts = options.port === undefined ? PORT_ATTEMPTS : 1;
    for (let attempt = 1; ; attempt++) {
      const innerHost = privateLoopback();
      const port = options.port ?? (await freePort(innerHost));
      const configPath = join(dataPath, 'hearth-chroma.yaml');
      await writeFile(configPath, chromaConfig(dataPath, innerHost, port), { mode: 0o600 });
      let child: SupervisedChild;
      try {
        child = await options.supervisor.start({
          name: options.name ?? 'chroma',
          command: options.node.command,
          args: ['--input-type=module', '-e', LAUNCHER, options.cliPath, 'run', configPath],
          // ANONYMIZED_TELEMETRY is the Python server's switch; harmless here, and it covers a swapped-in server.
          env: { ...options.node.env, ANONYMIZED_TELEMETRY: 'False' },
          // The supervisor checks Chroma itself, inside the fence; the proxy needs no health of its own.
          health: { kind: 'http', url: `http://${innerHost}:${port}/api/v2/heartbeat` },
          restart: options.restart,
          startTimeoutMs: options.startTimeoutMs ?? 60_000,
          healthIntervalMs: options.healthIntervalMs ?? 5_000,
        });
      } catch (error) {
        const portTaken = isHearthError(error) && /not available|address.*in use/i.test(error.message);
        if (!portTaken || attempt >= attempts) throw error;
        continue;
      }
      try {
        const proxy = await ChromaAuthProxy.start({ target: { host: innerHost, port }, token });
        return new ChromaServer(options.supervisor, child, proxy, token, dataPath);
      } catch (error) {
        await options.supervisor.stop(child.name);
        throw new HearthError('SIDECAR_DOWN', `The vector database's gatekeeper could not listen: ${String(error)}`);
      }
    }
  }

  /** The per-run secret the proxy requires; a getter, so that serialising the server never includes it. */
  get token(): string {
    return this.#token;
  }

  /** The supervisor's view of the server: state, pid, restarts, last error. */
  get status(): ChildStatus {
    return this.#child.status;
  }

  /** The watchdog's pid (the server runs in its process group), or null between restarts. */
  get pid(): number | null {
    return this.#child.pid;
  }

  /** Every status change, across restarts. */
  onStatus(listener: (status: ChildStatus) => void): Disposable {
    return this.#child.onStatus(listener);
  }

  /** Throws SIDECAR_DOWN unless the server is running; for callers that want to fail before sending a request. */
  assertRunning(): void {
    const { state, lastError } = this.#child.status;
    if (state !== 'running') {
      throw new HearthError('SIDECAR_DOWN', `The vector database is ${state}${lastError ? `: ${lastError}` : '.'}`, {
        child: this.#child.name,
      });
    }
  }

  /** Closes the proxy and stops the server (SIGTERM, then SIGKILL after the supervisor's timeout). */
  async dispose(): Promise<void> {
    await this.#proxy.close();
    await this.#supervisor.stop(this.#child.name);
  }
}

/** Chroma's YAML config; JSON strings are valid YAML scalars, which spares us an escaper for the path. */
function chromaConfig(dataPath: string, host: string, port: number): string {
  return [
    `persist_path: ${JSON.stringify(dataPath)}`,
    `listen_address: "${host}"`,
    `port: ${port}`,
    'allow_reset: false',
    'cors_allow_origins: []',
    '',
  ].join('\n');
}

/**
 * Where Chroma itself listens. Linux and Windows route all of 127.0.0.0/8 to loopback, so a random address there adds
 * 24 bits a rebinding page would have to guess besides the port; macOS configures only 127.0.0.1.
 */
function privateLoopback(): string {
  if (process.platform !== 'linux' && process.platform !== 'win32') return HOST;
  return `127.${randomInt(0, 256)}.${randomInt(0, 256)}.${randomInt(1, 255)}`;
}

function freePort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
