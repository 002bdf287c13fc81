import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type pg from 'pg';
import { createPgPool } from '../../electron/core/vectors/createPgPool';
import { descendantsOf, stillRunning, type ProcessInfo } from '../../scripts/orphans.mjs';
import { startPglite, type PgliteServer } from '../integration/core/vectors/pgliteServer';
import { startTestPostgres, type TestPostgres } from './postgresServer';
import { repoRoot, waitFor } from './tempCore';
import { connect, signIn, type WsConnection } from './wsClient';

/*
 * A team server as it is deployed: headless shells as separate processes on one PostgreSQL (catalogue, sessions,
 * events), one S3 server (the dev S3 server process) and one vector store (pgvector, served by PGlite over the
 * wire protocol), each shell configured only by flags and HEARTH_*_FILE variables.
 */

const tsxLoader = pathToFileURL(join(repoRoot, 'node_modules/tsx/dist/loader.mjs')).href;
const S3_KEY = 'hearth-replicas';
const S3_SECRET = 'replica-secret-key-0123456789';

/** The services every replica shares. */
export interface SharedBackends {
  postgres: TestPostgres;
  vectors: PgliteServer;
  s3Endpoint: string;
  /** A client on the catalogue's database, for assertions. */
  catalogue: pg.Pool;
  stop(): Promise<void>;
}

/** One running replica. */
export interface ReplicaShell {
  name: string;
  origin: string;
  child: ChildProcess;
  /** A signed-in WebSocket client (a browser's view). */
  ws: WsConnection;
  cookie: string;
  /** Uploads bytes as a browser does; returns the staging handle. */
  upload(name: string, bytes: Uint8Array): Promise<string>;
  /** SIGKILL: the replica dies with its jobs leased. */
  kill(): void;
  /** SIGTERM and wait for the exit (graceful shutdown). */
  stop(): Promise<number | null>;
  output(): string;
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Starts PostgreSQL, PGlite (pgvector) and the dev S3 server in `dir`. */
export async function startSharedBackends(dir: string): Promise<SharedBackends> {
  const postgres = await startTestPostgres();
  const vectors = await startPglite();
  const port = await freePort();
  await mkdir(join(dir, 's3'), { recursive: true });
  const s3 = spawn(
    process.execPath,
    [join(repoRoot, 'electron/core/objects/devS3Server.mjs'), '--directory', join(dir, 's3'), '--port', String(port)],
    { env: { ...process.env, HEARTH_S3_ACCESS_KEY: S3_KEY, HEARTH_S3_SECRET_KEY: S3_SECRET }, stdio: 'ignore' },
  );
  const s3Endpoint = `http://127.0.0.1:${port}`;
  await waitFor('the S3 server to answer', async () => {
    try {
      await fetch(s3Endpoint);
      return true;
    } catch {
      return false;
    }
  });
  const catalogue = createPgPool({ url: postgres.url, password: async () => postgres.password, maxConnections: 2 });
  return {
    postgres,
    vectors,
    s3Endpoint,
    catalogue,
    stop: async () => {
      await catalogue.end();
      s3.kill('SIGKILL');
      await vectors.stop();
      await postgres.stop();
    },
  };
}

/** Every process a test started (shells and what they started), for the end-of-test sweep. */
const started: ChildProcess[] = [];
let seen: ProcessInfo[] = [];

/**
 * Starts `hearth-server` from source as replica `name` on the shared backends (`--catalog-url`, lease of
 * `leaseSeconds`), signs a WebSocket client in and gives the replica the lexical embedding model at `modelPath`.
 */
export async function startReplica(
  backends: SharedBackends,
  dir: string,
  name: string,
  options: { leaseSeconds: number; modelPath: string },
): Promise<ReplicaShell> {
  const home = join(dir, name);
  const secrets = join(dir, `${name}-secrets`);
  await mkdir(secrets, { recursive: true });
  await writeFile(join(secrets, 'catalog-password'), `${backends.postgres.password}\n`, { mode: 0o600 });
  await writeFile(join(secrets, 's3-secret'), S3_SECRET, { mode: 0o600 });
  await writeFile(join(secrets, 's3-id'), S3_KEY, { mode: 0o600 });
  await writeFile(
    join(secrets, 'settings.json'),
    JSON.stringify({
      storage: {
        vectorBackend: 'pgvector',
        postgresUrl: backends.vectors.url,
        objectBackend: 'external',
        s3Endpoint: backends.s3Endpoint,
        s3Bucket: 'hearth-replicas',
      },
    }),
  );
  const child = spawn(
    process.execPath,
    [
      '--import',
      tsxLoader,
      join(repoRoot, 'electron/server/main.ts'),
      '--json',
      '--port',
      '0',
      '--no-grpc',
      '--catalog-url',
      backends.postgres.url,
      '--replica-id',
      `replica-${name}`,
      '--lease-seconds',
      String(options.leaseSeconds),
    ],
    {
      cwd: repoRoot,
      env: {
        ...process.env,
        HEARTH_HOME: home,
        HEARTH_CATALOG_PASSWORD_FILE: join(secrets, 'catalog-password'),
        HEARTH_S3_SECRET_KEY_FILE: join(secrets, 's3-secret'),
        HEARTH_S3_ACCESS_KEY_ID_FILE: join(secrets, 's3-id'),
        HEARTH_SETTINGS_FILE: join(secrets, 'settings.json'),
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  started.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  await waitFor(
    `replica ${name} to print its sign-in link`,
    () => {
      if (child.exitCode !== null)
        throw new Error(`replica ${name} exited with ${child.exitCode}: ${stderr.slice(-3000)}`);
      return stdout.includes('"url"');
    },
    120_000,
  );
  const { url, origin } = JSON.parse(stdout.split('\n')[0]!) as { url: string; origin: string };
  const cookie = await signIn(url);
  const ws = await connect(origin, cookie);
  const model = await ws.api.models.import({ path: options.modelPath });
  if (!model.ok) throw new Error(`replica ${name} could not import the model: ${JSON.stringify(model.error)}`);
  const set = await ws.api.models.setDefault({ role: 'embedding', id: model.value.id });
  if (!set.ok) throw new Error(`replica ${name} could not use the model: ${JSON.stringify(set.error)}`);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    name,
    origin,
    child,
    ws,
    cookie,
    upload: async (file, bytes) => {
      const response = await fetch(`${origin}/api/uploads?name=${encodeURIComponent(file)}`, {
        method: 'PUT',
        body: bytes,
        headers: { 'content-type': 'application/octet-stream', cookie, origin },
      });
      if (response.status !== 201) throw new Error(`upload of ${file} answered ${response.status}`);
      return ((await response.json()) as { handle: string }).handle;
    },
    kill: () => {
      seen = [...seen, ...descendantsOf(child.pid!)];
      child.kill('SIGKILL');
    },
    stop: async () => {
      await ws.close();
      seen = [...seen, ...descendantsOf(child.pid!)];
      child.kill('SIGTERM');
      return exited;
    },
    output: () => stderr,
  };
}

/** Kills every replica still running and anything they started; resolves once none is left. */
export async function stopAllReplicas(): Promise<void> {
  for (const child of started) {
    if (child.exitCode === null && child.signalCode === null) {
      seen = [...seen, ...descendantsOf(child.pid!)];
      child.kill('SIGKILL');
    }
  }
  for (const p of seen.filter(stillRunning)) process.kill(p.pid, 'SIGKILL');
  await waitFor('every replica process to end', () =>
    started.every((c) => c.exitCode !== null || c.signalCode !== null),
  );
  started.length = 0;
  seen = [];
}
