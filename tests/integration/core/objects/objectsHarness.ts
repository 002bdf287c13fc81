import { AsyncEntry, findCredentialsAsync } from '@napi-rs/keyring';
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { pino, type Logger } from 'pino';
import { ObjectServer, ObjectStore, type ObjectStoreOptions } from '../../../../electron/core/objects';
import type { ObjectConnection } from '../../../../electron/core/objects';
import { keychainServiceName } from '../../../../electron/core/secrets/keychainServiceName';
import { SecretsService } from '../../../../electron/core/secrets/SecretsService';
import { Supervisor } from '../../../../electron/core/supervisor';
import type { ChildStatus } from '../../../../electron/shared/schemas';
import { sourceTreeSidecars } from '../../../helpers/sourceTreeSidecars';

export const repoRoot = fileURLToPath(new URL('../../../../', import.meta.url));
const watchdogPath = join(repoRoot, 'electron/core/supervisor/watchdog.cjs');

export interface LogLine {
  level: number;
  msg: string;
  [field: string]: unknown;
}

/** A real object sidecar (the dev S3 server) under a real supervisor, credentials in the real keychain. */
export interface Harness {
  dataDir: string;
  logger: Logger;
  logs: LogLine[];
  statuses: ChildStatus[];
  secrets: SecretsService;
  keychainService: string;
  supervisor: Supervisor;
  server: ObjectServer;
  connection: ObjectConnection;
  store: ObjectStore;
  /** Stops everything and removes the data dir and the keychain entries. */
  dispose(): Promise<void>;
}

/** Fails with instructions when no Secret Service answers (run through `npm test`, which starts one). */
export async function requireKeychain(): Promise<void> {
  try {
    await findCredentialsAsync('Hearth probe');
  } catch (error) {
    throw new Error(
      `No Secret Service is reachable (${String(error)}). Run the tests through "npm test", which starts ` +
        'dbus-run-session with gnome-keyring (Debian packages dbus, dbus-x11, gnome-keyring).',
      { cause: error },
    );
  }
}

/** Options for startHarness. */
export interface HarnessOptions {
  /** Run this MinIO binary instead of the dev server. */
  minioBinary?: string;
}

export async function startHarness(
  storeOptions: Partial<ObjectStoreOptions> = {},
  options: HarnessOptions = {},
): Promise<Harness> {
  await requireKeychain();
  const dataDir = await mkdtemp(join(tmpdir(), 'hearth-objects-'));
  await mkdir(join(dataDir, 'logs'), { recursive: true });
  const logs: LogLine[] = [];
  // Logs go to the data dir as in the app (so the secret scan covers them) and to memory for assertions.
  const logger = pino(
    { level: 'debug' },
    pino.multistream([
      { level: 'debug', stream: pino.destination({ dest: join(dataDir, 'logs', 'hearth.log'), sync: true }) },
      { level: 'debug', stream: { write: (line: string) => void logs.push(JSON.parse(line) as LogLine) } },
    ]),
  );
  const keychainService = keychainServiceName(dataDir, join(tmpdir(), 'hearth-default-never-used'));
  const secrets = await SecretsService.open({ service: keychainService, dataDir, logger, allowFileFallback: false });
  const statuses: ChildStatus[] = [];
  const supervisor = new Supervisor({
    runDir: join(dataDir, 'run'),
    watchdogPath,
    node: { command: process.execPath },
    logger,
    onStatus: (status) => statuses.push(status),
  });
  const server = new ObjectServer({
    supervisor,
    secrets,
    logger,
    objectsDir: join(dataDir, 'objects'),
    node: { command: process.execPath },
    // Unless asked for MinIO, a path that never holds it: most tests are about the dev server, even where a MinIO
    // build exists.
    minioBinary: options.minioBinary ?? join(dataDir, 'no-minio-here'),
    devServerScript: sourceTreeSidecars(repoRoot).devServerScript,
    restart: { initialDelayMs: 100 },
  });
  const connection = await server.start();
  const store = new ObjectStore({ connection, logger, ...storeOptions });
  await store.ensureBucket();
  return {
    dataDir,
    logger,
    logs,
    statuses,
    secrets,
    keychainService,
    supervisor,
    server,
    connection,
    store,
    async dispose() {
      store.dispose();
      await server.dispose();
      await supervisor.dispose();
      for (const credential of await findCredentialsAsync(keychainService)) {
        await new AsyncEntry(keychainService, credential.account).deleteCredential();
      }
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Writes a sparse file of `size` bytes with 1 MiB of random bytes every 8 MiB and at the end, so that parts differ
 * and a misplaced part changes the hash. Returns its SHA-256.
 */
export async function makeFile(path: string, size: number): Promise<string> {
  const file = await open(path, 'w');
  try {
    await file.truncate(size);
    const block = 1024 * 1024;
    for (let offset = 0; offset < size; offset += 8 * block) {
      await file.write(randomBytes(Math.min(block, size - offset)), 0, undefined, offset);
    }
    const tail = Math.min(block, size);
    await file.write(randomBytes(tail), 0, tail, size - tail);
  } finally {
    await file.close();
  }
  return sha256(createReadStream(path));
}

export async function sha256(stream: Readable): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of stream) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** The real server process a watchdog spawned (its direct child). */
export function childPidOf(watchdogPid: number): number | null {
  try {
    const out = execFileSync('pgrep', ['-P', String(watchdogPid)], { encoding: 'utf8' }).trim();
    const pid = Number(out.split(/\s+/)[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}

/** Gone means ESRCH, or a zombie nobody reaps (some container inits never do). */
export function isGone(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ESRCH') return true;
  }
  try {
    const stat = execFileSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' }).trim();
    return stat === '' || stat.startsWith('Z');
  } catch {
    return true;
  }
}
