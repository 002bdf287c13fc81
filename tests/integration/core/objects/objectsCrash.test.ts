import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ObjectStore } from '../../../../electron/core/objects';
import { HearthError } from '../../../../electron/shared/errors';
import { childPidOf, isGone, makeFile, sha256, startHarness, type Harness } from './objectsHarness';

const MiB = 1024 * 1024;
const SIZE = 60 * MiB + 777;

let h: Harness | undefined;
let file: { path: string; sha256: string };
/** Every process the tests saw: watchdogs (from status events) and the servers they ran. */
const seenPids = new Set<number>();

beforeAll(async () => {
  h = await startHarness({ partSize: 5 * MiB, recoveryTimeoutMs: 20_000 });
  const path = join(h.dataDir, 'crash.bin');
  file = { path, sha256: await makeFile(path, SIZE) };
}, 120_000);

afterAll(async () => {
  await h?.dispose();
});

function harness(): Harness {
  if (!h) throw new Error('the harness is gone');
  return h;
}

/** SIGKILLs the real S3 server process (not its watchdog): a crash the supervisor did not ask for. */
function killServer(): number {
  const watchdog = harness().server.status.child?.pid;
  if (!watchdog) throw new Error('the object server is not running');
  const pid = childPidOf(watchdog);
  if (!pid) throw new Error(`watchdog ${watchdog} has no child`);
  seenPids.add(watchdog);
  seenPids.add(pid);
  process.kill(pid, 'SIGKILL');
  return pid;
}

function restartsSoFar(): number {
  return harness().server.status.child?.restarts ?? 0;
}

/** Waits for the supervisor's restart after a kill: a status still saying 'running' may predate the crash. */
async function waitRestarted(restartsBefore: number): Promise<void> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const child = harness().server.status.child;
    if (child?.state === 'running' && child.restarts > restartsBefore) return;
    if (Date.now() > deadline) throw new Error(`still ${child?.state} after ${child?.restarts} restarts`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('the object sidecar killed mid-operation', () => {
  it('an upload completes after the supervisor restarts the killed server, byte-identical', async () => {
    const { store, statuses } = harness();
    const before = restartsSoFar();
    let killed = 0;
    const outcome = await store
      .upload('crash/resumed.bin', file.path, {
        onProgress: ({ sentBytes }) => {
          if (!killed && sentBytes >= 10 * MiB) killed = killServer();
        },
      })
      .then(
        (result) => ({ ok: true as const, result }),
        (error: unknown) => ({ ok: false as const, error }),
      );
    expect(killed).toBeGreaterThan(0);
    if (!outcome.ok) throw new Error(`the upload failed instead of resuming: ${String(outcome.error)}`);
    expect(outcome.result.sha256).toBe(file.sha256);
    expect(await sha256(await store.download('crash/resumed.bin'))).toBe(file.sha256);
    // The supervisor saw the crash and brought the server back.
    await waitRestarted(before);
    expect(restartsSoFar()).toBe(before + 1);
    const states = statuses.filter((s) => s.name === 'objects').map((s) => s.state);
    expect(states.slice(states.lastIndexOf('backoff'))).toEqual(['backoff', 'starting', 'running']);
    expect(harness().logs.some((l) => l.msg === 'object server is back; trying again')).toBe(true);
  });

  it('without retries the operation fails with SIDECAR_DOWN and a message a person can act on', async () => {
    const { connection, logger } = harness();
    const store = new ObjectStore({ connection, logger, partSize: 5 * MiB, maxAttempts: 1 });
    const before = restartsSoFar();
    let killed = 0;
    const error = await store
      .upload('crash/failed.bin', file.path, {
        onProgress: ({ sentBytes }) => {
          if (!killed && sentBytes >= 5 * MiB) killed = killServer();
        },
      })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(HearthError);
    expect((error as HearthError).code).toBe('SIDECAR_DOWN');
    expect((error as HearthError).message).toMatch(/stopped responding.*restarts it automatically/);
    await waitRestarted(before);
    // The same store works again once the server is back.
    await expect(store.stat('crash/resumed.bin')).resolves.toMatchObject({ size: SIZE });
    store.dispose();
  });

  it('a request made while the server is down completes after the restart', async () => {
    const { store } = harness();
    const before = restartsSoFar();
    killServer();
    const stat = await store.stat('crash/resumed.bin');
    expect(stat.size).toBe(SIZE);
    expect(restartsSoFar()).toBeGreaterThanOrEqual(before + 1);
  });

  it('an external endpoint that cannot be reached fails with REMOTE_UNAVAILABLE', async () => {
    const { connection, logger } = harness();
    const url = new URL(connection.url);
    url.port = '1'; // nothing listens on port 1
    const store = new ObjectStore({
      connection: { ...connection, url: url.origin, origin: 'external', waitUntilReady: undefined },
      logger,
    });
    const error = await store.list().then(
      () => null,
      (e: unknown) => e,
    );
    expect((error as HearthError).code).toBe('REMOTE_UNAVAILABLE');
    store.dispose();
  });

  it('leaves no process behind after shutdown', async () => {
    const current = harness();
    for (const status of current.statuses) if (status.pid) seenPids.add(status.pid);
    const watchdog = current.server.status.child?.pid;
    const server = watchdog ? childPidOf(watchdog) : null;
    if (server) seenPids.add(server);
    expect(seenPids.size).toBeGreaterThanOrEqual(4);
    await current.dispose();
    h = undefined;
    const alive = [...seenPids].filter((pid) => !isGone(pid));
    expect(alive).toEqual([]);
  });
});
