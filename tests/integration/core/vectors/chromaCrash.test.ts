import { execFileSync } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { ChromaVectorStore } from '../../../../electron/core/vectors/ChromaVectorStore';
import type { VectorChunk } from '../../../../electron/core/vectors/VectorStore';
import { HearthError } from '../../../../electron/shared/errors';
import { waitFor } from '../../../helpers/tempCore';
import { startChroma, type ChromaHarness } from './chromaHarness';
import { randomVectors } from './randomVectors';

let harness: ChromaHarness | undefined;
afterEach(async () => {
  await harness?.dispose();
  harness = undefined;
});

/** Direct children of a process, from `ps` (works on Linux and macOS alike). */
function childrenOf(pid: number): number[] {
  return execFileSync('ps', ['-A', '-o', 'pid=,ppid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((line) => line.trim().split(/\s+/).map(Number))
    .filter(([, ppid]) => ppid === pid)
    .map(([child]) => child!);
}

/** Gone means no such process, or a zombie waiting for a reaper (it holds no port and no files). */
function isGone(pid: number): boolean {
  try {
    const stat = execFileSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' }).trim();
    return stat === '' || stat.startsWith('Z');
  } catch {
    return true; // ps exits 1 when the pid does not exist.
  }
}

function chunks(prefix: string, vectors: Float32Array[]): VectorChunk[] {
  return vectors.map((vector, i) => ({
    id: `${prefix}-${i}`,
    documentId: `${prefix}-doc-${i % 10}`,
    vector,
    text: `${prefix} ${i}`,
    metadata: { i },
  }));
}

describe('Chroma crash', () => {
  it('kill -9 during a large upsert: SIDECAR_DOWN, supervised restart, earlier data kept, no process left', async () => {
    harness = await startChroma({ restart: { initialDelayMs: 200, maxDelayMs: 1_000 }, healthIntervalMs: 1_000 });
    const { server, supervisor, statuses } = harness;
    const key = { model: 'crash-test', version: 1, dimensions: 64 };
    const store = await ChromaVectorStore.open({ url: server.url, token: server.token, key, batchSize: 200 });

    const before = randomVectors(300, 64, 1);
    await store.upsert(chunks('before', before));
    expect(await store.count()).toBe(300);

    const firstWatchdog = server.pid!;
    const [firstChroma] = childrenOf(firstWatchdog);
    expect(firstChroma, 'the Chroma process under the watchdog').toBeDefined();

    const big = randomVectors(20_000, 64, 2);
    const outcome = store.upsert(chunks('big', big)).then(
      () => 'completed' as const,
      (error: unknown) => error,
    );
    // Kill it only once the upsert is demonstrably under way, so the kill lands mid-operation.
    await waitFor('the large upsert to make progress', async () => (await store.count()) > 1_300, 60_000);
    process.kill(firstChroma!, 'SIGKILL');

    const result = await outcome;
    if (result !== 'completed') {
      expect(result).toBeInstanceOf(HearthError);
      expect((result as HearthError).code).toBe('SIDECAR_DOWN');
    }
    await waitFor(
      'the supervisor to restart Chroma',
      () => server.status.state === 'running' && server.status.restarts >= 1,
      60_000,
    );
    // Consecutive duplicates are lastError updates (a failed health check) within one state.
    const states = statuses.map((s) => s.state).filter((state, i, all) => state !== all[i - 1]);
    expect(states.slice(0, 2)).toEqual(['starting', 'running']);
    expect(states.slice(2)).toEqual(expect.arrayContaining(['backoff', 'starting', 'running']));
    const backoff = statuses.find((s) => s.state === 'backoff');
    expect(backoff?.lastExit?.code ?? null).not.toBe(0);
    expect(backoff?.lastError).toMatch(/unexpectedly|exited|signal/i);
    expect(isGone(firstChroma!)).toBe(true);

    // What was stored before the crash is still there and still found.
    expect(await store.count()).toBeGreaterThanOrEqual(1_300);
    for (const i of [0, 150, 299]) {
      const [match] = await store.query(before[i]!, { topK: 1 });
      expect(match).toMatchObject({ id: `before-${i}`, documentId: `before-doc-${i % 10}`, text: `before ${i}` });
    }
    // Upserts are idempotent, so simply retrying finishes the job without duplicates.
    await store.upsert(chunks('big', big));
    expect(await store.count()).toBe(20_300);

    const watchdog = server.pid!;
    const chroma = childrenOf(watchdog);
    expect(watchdog).not.toBe(firstWatchdog);
    expect(chroma).toHaveLength(1);
    await supervisor.dispose();
    for (const pid of [watchdog, ...chroma]) expect(isGone(pid), `pid ${pid} after dispose`).toBe(true);
    expect(server.status.state).toBe('stopped');
    await store.dispose();
  }, 180_000);
});
