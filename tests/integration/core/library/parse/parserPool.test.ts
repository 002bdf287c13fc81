import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HearthError } from '../../../../../electron/shared/errors';
import { parseFile } from '../../../../../electron/core/library/parse/parseFile';
import { ParserPool, type ParserPoolOptions } from '../../../../../electron/core/library/parse/pool/ParserPool';
import { writeCorpus } from '../../../../fixtures/corpus/writeCorpus';
import { tempDir, testPlatform } from '../../../../helpers/tempCore';

const MAX = 50 * 1024 * 1024;
const worker = testPlatform('/nonexistent').parseWorker!;
let dir: Awaited<ReturnType<typeof tempDir>>;
let paths: Record<string, string>;
const pools: ParserPool[] = [];

/** A pool on the TypeScript worker, allowed to obey the fault file names; every test's pool is disposed after it. */
function makePool(options: Partial<ParserPoolOptions> = {}): ParserPool {
  const pool = new ParserPool({ ...worker, allowFaults: true, ...options });
  pools.push(pool);
  return pool;
}

/** A file name the worker turns into a hostile parser (see parseWorker.ts); the file itself need not exist. */
const fault = (kind: 'hang' | 'oom' | 'crash') => join(dir.path, `hearth-fault-${kind}`);

beforeAll(async () => {
  dir = await tempDir('hearth-pool-');
  // A 64 MB sparse file is over MAX, so it fails with FILE_TOO_LARGE and details.
  paths = await writeCorpus(dir.path, { sparseBytes: 64 * 1024 * 1024 });
});
afterEach(async () => {
  await Promise.all(pools.splice(0).map((p) => p.dispose()));
});
afterAll(() => dir.remove());

describe('ParserPool', () => {
  it('parses a PDF and Markdown in a reused worker, to the documents parseFile makes in process', async () => {
    const pool = makePool();
    for (const role of ['pdf', 'markdown', 'html']) {
      expect(await pool.parse(paths[role]!, { maxBytes: MAX })).toEqual(
        await parseFile(paths[role]!, { maxBytes: MAX }),
      );
    }
    expect(pool.stats()).toEqual({ workers: 1, busy: 0, queued: 0, started: 1 });
  });

  it('keeps the code, message and details of a hostile file’s error', async () => {
    const pool = makePool();
    const failure = (parse: typeof parseFile, role: string) =>
      parse(paths[role]!, { maxBytes: MAX }).then(
        () => expect.fail(`${role} parsed`),
        (err: unknown) => {
          expect(err).toBeInstanceOf(HearthError);
          return (err as HearthError).toData();
        },
      );
    for (const role of ['binaryTxt', 'corruptPdf']) {
      expect(await failure(pool.parse, role)).toEqual(await failure(parseFile, role));
    }
    expect(await failure(pool.parse, 'sparse')).toEqual({
      code: 'FILE_TOO_LARGE',
      message: 'This file is 67.1 MB, over the 52.4 MB limit.',
      details: { size: 64 * 1024 * 1024, maxBytes: MAX },
    });
  });

  it('queues files beyond its size and runs at most `size` workers', async () => {
    const pool = makePool({ size: 2 });
    const roles = ['pdf', 'markdown', 'csv', 'json'];
    const docs = Promise.all(roles.map((role) => pool.parse(paths[role]!, { maxBytes: MAX })));
    expect(pool.stats()).toMatchObject({ busy: 2, queued: 2, started: 2 });
    expect((await docs).map((d) => d.type)).toEqual(['pdf', 'markdown', 'csv', 'json']);
    expect(pool.stats()).toMatchObject({ workers: 2, busy: 0, queued: 0, started: 2 });
  });

  it('stops a parse stuck past its time limit and parses the next file in a new worker', async () => {
    const pool = makePool({ size: 1 });
    await expect(pool.parse(fault('hang'), { maxBytes: MAX, timeoutMs: 1000 })).rejects.toMatchObject({
      code: 'TIMEOUT',
      message: 'Reading this file took longer than 1 s; it may be damaged or far too complex.',
    });
    expect((await pool.parse(paths.markdown!, { maxBytes: MAX })).type).toBe('markdown');
    expect(pool.stats()).toMatchObject({ started: 2 });
  });

  it('keeps the main thread turning while a worker is stuck, and cancels the stuck parse at once', async () => {
    const pool = makePool({ size: 1, defaultTimeoutMs: 120_000 });
    await pool.parse(paths.markdown!, { maxBytes: MAX }); // warm: the next job starts as soon as it is posted
    const controller = new AbortController();
    let ticks = 0;
    let abortedAt = 0;
    // The abort can only happen if this thread's timers keep firing while the worker spins.
    const interval = setInterval(() => {
      if (++ticks === 10) {
        abortedAt = Date.now();
        controller.abort();
      }
    }, 20);
    try {
      await expect(pool.parse(fault('hang'), { maxBytes: MAX, signal: controller.signal })).rejects.toMatchObject({
        code: 'CANCELLED',
      });
    } finally {
      clearInterval(interval);
    }
    expect(ticks).toBeGreaterThanOrEqual(10);
    // Far below the 120 s limit: the worker was terminated, not waited for.
    expect(Date.now() - abortedAt).toBeLessThan(10_000);
    expect((await pool.parse(paths.markdown!, { maxBytes: MAX })).type).toBe('markdown');
  });

  it('cancels a file still waiting in line without starting it', async () => {
    const pool = makePool({ size: 1 });
    const controller = new AbortController();
    const first = pool.parse(paths.pdf!, { maxBytes: MAX });
    const second = pool.parse(paths.markdown!, { maxBytes: MAX, signal: controller.signal });
    controller.abort();
    await expect(second).rejects.toMatchObject({ code: 'CANCELLED' });
    expect((await first).type).toBe('pdf');
    expect(pool.stats()).toMatchObject({ started: 1, queued: 0 });
  });

  it('fails a parse that exhausts its heap with a clear error, then recovers', async () => {
    const pool = makePool({ size: 1, maxMemoryMb: 64 });
    await expect(pool.parse(fault('oom'), { maxBytes: MAX })).rejects.toMatchObject({
      code: 'UNSUPPORTED_FILE',
      message: expect.stringMatching(/^Reading this file used more memory than allowed \(64 MB\)/),
    });
    expect((await pool.parse(paths.markdown!, { maxBytes: MAX })).type).toBe('markdown');
  });

  it('fails a parse whose worker crashes, then recovers', async () => {
    const pool = makePool({ size: 1 });
    await expect(pool.parse(fault('crash'), { maxBytes: MAX })).rejects.toMatchObject({
      code: 'UNSUPPORTED_FILE',
      message: 'Reading this file crashed the file reader; it may be damaged.',
    });
    expect((await pool.parse(paths.markdown!, { maxBytes: MAX })).type).toBe('markdown');
  });

  it('ignores fault names unless the pool allows faults', async () => {
    const pool = makePool({ allowFaults: false });
    await expect(pool.parse(fault('hang'), { maxBytes: MAX })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('dispose cancels running and waiting files and leaves no worker running', async () => {
    const pool = makePool({ size: 1 });
    await pool.parse(paths.markdown!, { maxBytes: MAX }); // warm, so the hang really runs when dispose comes
    const running = expect(pool.parse(fault('hang'), { maxBytes: MAX })).rejects.toMatchObject({ code: 'CANCELLED' });
    const waiting = expect(pool.parse(paths.markdown!, { maxBytes: MAX })).rejects.toMatchObject({ code: 'CANCELLED' });
    await pool.dispose();
    await Promise.all([running, waiting]);
    expect(pool.stats()).toEqual({ workers: 0, busy: 0, queued: 0, started: 1 });
    await expect(pool.parse(paths.markdown!, { maxBytes: MAX })).rejects.toMatchObject({ code: 'CANCELLED' });
  });
});
