import type { Logger } from 'pino';
import type { Settings } from '../../shared/settings';
import type { ChildStatus } from '../../shared/schemas';
import type { StorageStatus } from '../../shared/storageSchemas';
import type { DataPaths } from '../paths/resolveDataDir';
import { postgresEndpointOf } from '../secrets/secretBindings';
import type { SecretsService } from '../secrets/SecretsService';
import type { Supervisor } from '../supervisor';
import { externalConnection, type ObjectConnection } from '../objects/ObjectConnection';
import { ObjectServer } from '../objects/ObjectServer';
import { ObjectStore } from '../objects/ObjectStore';
import { ChromaServer } from '../vectors/ChromaServer';
import { ChromaVectorStore } from '../vectors/ChromaVectorStore';
import { createPgPool } from '../vectors/createPgPool';
import { PgVectorStore } from '../vectors/PgVectorStore';
import type { IndexKey, VectorStore } from '../vectors/VectorStore';
import { HearthError } from '../../shared/errors';
import { diskUsage } from './diskUsage';

/** Where the sidecar programs are (the shell knows: source tree, bundle or app resources). */
export interface SidecarPaths {
  /** The bundled MinIO (`native/bin/<platform>-<arch>/minio`). */
  minioBinary: string;
  /** Our development S3 server script, used where no MinIO binary exists. */
  devServerScript: string;
  /** chromadb's CLI (`dist/cli.mjs`), which runs the Chroma server. */
  chromaCli: string;
  /** False in the packaged app: a missing MinIO is an error there, never a silent switch. */
  allowDevServer: boolean;
}

/** Options for the storage services. */
export interface StorageServicesOptions {
  supervisor: Supervisor;
  secrets: SecretsService;
  logger: Logger;
  paths: DataPaths;
  /** Backends as configured when the core started (changes apply at next start). */
  settings: Settings['storage'];
  node: { command: string; env?: Record<string, string> };
  sidecars: SidecarPaths;
  /** Start the sidecars now (default). Tests of other services pass false. */
  autoStart?: boolean;
}

type State = ChildStatus['state'] | 'external';

/**
 * The storage sidecars — the object store (MinIO, the dev S3 server, or an external endpoint) and the vector
 * store (Chroma, or an external PostgreSQL) — started in the background so the UI is up at once; their states
 * show in Settings and the header through supervisor events.
 */
export class StorageServices {
  readonly #options: StorageServicesOptions;
  #objectServer: ObjectServer | null = null;
  #objects: ObjectStore | null = null;
  #objectsEndpoint = '';
  #objectsNote: string | null = null;
  #chroma: ChromaServer | null = null;
  #chromaError: string | null = null;
  /** PostgreSQL: 'running' once `SELECT 1` answered, 'failed' with the reason otherwise. */
  #postgres: { state: 'starting' | 'running' | 'failed'; note: string | null } = { state: 'starting', note: null };
  #disposed = false;
  /** One pool for every pgvector index, opened on first use. */
  #pgPool: ReturnType<typeof createPgPool> | null = null;
  readonly #started: boolean;
  readonly ready: Promise<void>;

  constructor(options: StorageServicesOptions) {
    this.#options = options;
    this.#started = options.autoStart ?? true;
    this.ready = this.#started
      ? Promise.all([this.#startObjects(), this.#startVectors()]).then(() => undefined)
      : Promise.resolve();
  }

  /** The object store once its server answers; null while starting or if it failed. */
  get objects(): ObjectStore | null {
    return this.#objects;
  }

  get chroma(): ChromaServer | null {
    return this.#chroma;
  }

  /** The object store once started; SIDECAR_DOWN (with the reason) if it is not there. */
  async requireObjects(): Promise<ObjectStore> {
    await this.ready;
    if (this.#objects) return this.#objects;
    throw new HearthError(
      'SIDECAR_DOWN',
      this.#objectsNote ?? 'The object store is not running, so originals cannot be kept. See Settings → Storage.',
    );
  }

  /** Opens (creating if needed) the vector index for a key in the configured backend. */
  async openVectorIndex(key: IndexKey): Promise<VectorStore> {
    await this.ready;
    const { settings, secrets } = this.#options;
    if (settings.vectorBackend === 'pgvector') {
      this.#pgPool ??= createPgPool({
        url: settings.postgresUrl,
        password: () => secrets.revealFor('postgres-password', postgresEndpointOf(settings.postgresUrl)),
        onIdleError: (error) => this.#options.logger.warn({ err: error }, 'a PostgreSQL connection dropped'),
      });
      return PgVectorStore.open({ key, pool: this.#pgPool });
    }
    if (!this.#chroma) {
      throw new HearthError('SIDECAR_DOWN', this.#chromaError ?? 'The vector store (Chroma) is not running.');
    }
    return ChromaVectorStore.open({ url: this.#chroma.url, token: this.#chroma.token, key });
  }

  async status(): Promise<StorageStatus> {
    const { settings, paths } = this.#options;
    const objectsState: State =
      settings.objectBackend === 'external'
        ? 'external'
        : (this.#objectServer?.status.child?.state ?? (this.#started ? 'starting' : 'stopped'));
    const vectorsState: State =
      settings.vectorBackend === 'pgvector'
        ? this.#postgres.state
        : (this.#chroma?.status.state ?? (this.#chromaError ? 'failed' : this.#started ? 'starting' : 'stopped'));
    const folders = [
      ['Models', paths.models],
      ['Originals (objects)', paths.objects],
      ['Vectors (Chroma)', paths.chroma],
      ['Logs', paths.logs],
      ['Audit log', paths.audit],
      ['Uploads in progress', paths.staging],
    ] as const;
    return {
      objects: {
        kind:
          settings.objectBackend === 'external'
            ? 'external'
            : this.#objectServer?.kind === 'minio'
              ? 'minio'
              : this.#objectServer?.kind === 'custom'
                ? 'custom'
                : 'dev-s3',
        endpoint: this.#objectsEndpoint,
        bucket: settings.objectBackend === 'external' ? settings.s3Bucket : 'hearth',
        state: objectsState,
        note: this.#objectsNote,
      },
      vectors: {
        backend: settings.vectorBackend,
        endpoint: settings.vectorBackend === 'pgvector' ? redactUrl(settings.postgresUrl) : (this.#chroma?.url ?? ''),
        state: vectorsState,
        note: settings.vectorBackend === 'pgvector' ? this.#postgres.note : this.#chromaError,
      },
      locations: await Promise.all(folders.map(async ([name, path]) => ({ name, path, bytes: await diskUsage(path) }))),
    };
  }

  async #startObjects(): Promise<void> {
    const { settings, secrets, logger, supervisor, paths, node, sidecars } = this.#options;
    try {
      let connection: ObjectConnection;
      if (settings.objectBackend === 'external') {
        connection = await externalConnection(
          {
            endpoint: settings.s3Endpoint,
            region: settings.s3Region,
            bucket: settings.s3Bucket,
            accessKeyId: settings.s3AccessKeyId,
          },
          secrets,
          logger,
        );
      } else {
        this.#objectServer = new ObjectServer({
          supervisor,
          secrets,
          logger,
          objectsDir: paths.objects,
          node,
          minioBinary: sidecars.minioBinary,
          devServerScript: sidecars.devServerScript,
          allowDevServer: sidecars.allowDevServer,
        });
        this.#objectsNote = this.#objectServer.status.warning;
        if (this.#objectsNote) logger.warn(this.#objectsNote);
        connection = await this.#objectServer.start();
      }
      if (this.#disposed) return;
      this.#objectsEndpoint = connection.url;
      const store = new ObjectStore({ connection, logger });
      await store.ensureBucket();
      this.#objects = store;
    } catch (error) {
      this.#objectsNote = error instanceof Error ? error.message : String(error);
      logger.error({ err: error }, 'the object store did not start');
    }
  }

  async #startVectors(): Promise<void> {
    const { settings, supervisor, paths, node, sidecars, logger, secrets } = this.#options;
    if (settings.vectorBackend === 'pgvector') {
      // Only the password saved for this very server: after the address changes, the old one goes nowhere.
      await this.#checkPostgres(settings.postgresUrl, () =>
        secrets.revealFor('postgres-password', postgresEndpointOf(settings.postgresUrl)),
      );
      return;
    }
    try {
      const chroma = await ChromaServer.start({ supervisor, dataDir: paths.root, cliPath: sidecars.chromaCli, node });
      if (this.#disposed) await chroma.dispose();
      else this.#chroma = chroma;
    } catch (error) {
      this.#chromaError = error instanceof Error ? error.message : String(error);
      logger.error({ err: error }, 'the Chroma server did not start');
    }
  }

  /** Connects once so Settings can say whether the configured database answers; indexes open it later. */
  async #checkPostgres(url: string, password: () => Promise<string | null>): Promise<void> {
    if (!url) {
      this.#postgres = { state: 'failed', note: 'No PostgreSQL address is set. Enter one in Settings → Storage.' };
      return;
    }
    let pool: ReturnType<typeof createPgPool> | null = null;
    try {
      pool = createPgPool({ url, password, maxConnections: 1, connectTimeoutMs: 5000 });
      await pool.query('SELECT 1');
      this.#postgres = { state: 'running', note: null };
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.#postgres = { state: 'failed', note: `PostgreSQL did not answer: ${message}` };
      this.#options.logger.warn({ err: error }, 'the configured PostgreSQL is unreachable');
    } finally {
      await pool?.end().catch(() => undefined);
    }
  }

  async dispose(): Promise<void> {
    this.#disposed = true;
    await this.ready.catch(() => undefined);
    this.#objects?.dispose();
    await this.#pgPool?.end().catch(() => undefined);
    await Promise.all([this.#objectServer?.dispose(), this.#chroma?.dispose()]);
  }
}

/** Never show a password that someone put in the URL. */
function redactUrl(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}
