import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { HearthError, isHearthError } from '../../shared/errors';
import type { ChildStatus } from '../../shared/schemas';
import type { Disposable, RestartPolicy, SupervisedChild, Supervisor } from '../supervisor';

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
  /** Port on 127.0.0.1; default a free one. */
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
 * The embedded Chroma server as a supervised child: bound to 127.0.0.1 on a free port, data in `<dataDir>/chroma`,
 * telemetry off. Chroma 1.0.x's Rust server has no product telemetry; its only exporter is OpenTelemetry, enabled only
 * by an `open_telemetry` section, which the config written here never has (the server logs "OpenTelemetry is not
 * enabled"). Browsers get no CORS grant, so a web page cannot script the local server.
 */
export class ChromaServer {
  readonly host = HOST;
  readonly port: number;
  /** Base URL, e.g. http://127.0.0.1:53211. */
  readonly url: string;
  /** Chroma's persist directory. */
  readonly dataPath: string;
  readonly #supervisor: Supervisor;
  readonly #child: SupervisedChild;

  private constructor(supervisor: Supervisor, child: SupervisedChild, port: number, dataPath: string) {
    this.#supervisor = supervisor;
    this.#child = child;
    this.port = port;
    this.url = `http://${HOST}:${port}`;
    this.dataPath = dataPath;
  }

  /** Starts the server and resolves once its heartbeat answers; SIDECAR_DOWN with the reason otherwise. */
  static async start(options: ChromaServerOptions): Promise<ChromaServer> {
    const dataPath = join(options.dataDir, 'chroma');
    await mkdir(dataPath, { recursive: true });
    const attempts = options.port === undefined ? PORT_ATTEMPTS : 1;
    for (let attempt = 1; ; attempt++) {
      const port = options.port ?? (await freePort());
      const configPath = join(dataPath, 'hearth-chroma.yaml');
      await writeFile(configPath, chromaConfig(dataPath, port), { mode: 0o600 });
      try {
        const child = await options.supervisor.start({
          name: options.name ?? 'chroma',
          command: options.node.command,
          args: ['--input-type=module', '-e', LAUNCHER, options.cliPath, 'run', configPath],
          // ANONYMIZED_TELEMETRY is the Python server's switch; harmless here, and it covers a swapped-in server.
          env: { ...options.node.env, ANONYMIZED_TELEMETRY: 'False' },
          health: { kind: 'http', url: `http://${HOST}:${port}/api/v2/heartbeat` },
          restart: options.restart,
          startTimeoutMs: options.startTimeoutMs ?? 60_000,
          healthIntervalMs: options.healthIntervalMs ?? 5_000,
        });
        return new ChromaServer(options.supervisor, child, port, dataPath);
      } catch (error) {
        const portTaken = isHearthError(error) && /not available|address.*in use/i.test(error.message);
        if (!portTaken || attempt >= attempts) throw error;
      }
    }
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

  /** Stops the server (SIGTERM, then SIGKILL after the supervisor's timeout). */
  async dispose(): Promise<void> {
    await this.#supervisor.stop(this.#child.name);
  }
}

/** Chroma's YAML config; JSON strings are valid YAML scalars, which spares us an escaper for the path. */
function chromaConfig(dataPath: string, port: number): string {
  return [
    `persist_path: ${JSON.stringify(dataPath)}`,
    `listen_address: "${HOST}"`,
    `port: ${port}`,
    'allow_reset: false',
    'cors_allow_origins: []',
    '',
  ].join('\n');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, HOST, () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
