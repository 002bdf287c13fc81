import { createHash } from 'node:crypto';
import { readdir, readFile, rm, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createPartContext } from '../../../../electron/core/lifecycle/createPartContext';
import { STAGING_SWEEP_INTERVAL_MS, createStagingPart } from '../../../../electron/core/staging/createStagingPart';
import { StagingArea, safeFileName } from '../../../../electron/core/staging/StagingArea';
import { tempDir, testPlatform, waitFor } from '../../../helpers/tempCore';

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  dir = await tempDir('hearth-staging-');
});
afterEach(() => dir.remove());

describe('StagingArea', () => {
  it('stores bytes under an opaque handle with size and sha256', async () => {
    const staging = new StagingArea({ dir: dir.path });
    const bytes = Buffer.from('hello hearth');
    const staged = await staging.receive('notes.txt', Readable.from([bytes]), 1024);
    expect(staged).toMatchObject({
      name: 'notes.txt',
      size: bytes.length,
      sha256: createHash('sha256').update(bytes).digest('hex'),
    });
    expect(staged.handle).toMatch(/^stg_[0-9a-f-]{36}$/);
    const resolved = await staging.resolve(staged.handle);
    expect(await readFile(resolved.path, 'utf8')).toBe('hello hearth');
    expect(await staging.discard(staged.handle)).toBe(true);
    await expect(staging.resolve(staged.handle)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('refuses an upload over the limit and leaves nothing behind', async () => {
    const staging = new StagingArea({ dir: dir.path });
    await expect(staging.receive('big.bin', Readable.from([Buffer.alloc(2048)]), 1024)).rejects.toMatchObject({
      code: 'FILE_TOO_LARGE',
    });
    expect(await readdir(dir.path)).toEqual([]);
  });

  it('rejects handles that try to escape the staging folder', async () => {
    const staging = new StagingArea({ dir: dir.path });
    await expect(staging.resolve('stg_../../etc/passwd')).rejects.toThrow();
  });

  it('sweeps uploads older than the limit', async () => {
    let now = Date.now();
    const staging = new StagingArea({ dir: dir.path, now: () => now });
    await staging.receive('a.txt', Readable.from([Buffer.from('a')]), 10);
    now += 2 * 24 * 3600_000;
    expect(await staging.sweep(24 * 3600_000)).toBe(1);
    expect(await readdir(dir.path)).toEqual([]);
  });
});

describe('StagingArea quota', () => {
  const quota = (owner: string, maxBytes: number) => ({ owner, maxBytes });

  it('refuses an owner going over its quota with RATE_LIMITED and words, and leaves nothing behind', async () => {
    const staging = new StagingArea({ dir: dir.path });
    await staging.receive('a.bin', Readable.from([Buffer.alloc(600)]), 1000, quota('s1', 1000));
    expect(await staging.held('s1')).toBe(600);
    await expect(
      staging.receive('b.bin', Readable.from([Buffer.alloc(600)]), 1000, quota('s1', 1000)),
    ).rejects.toMatchObject({
      code: 'RATE_LIMITED',
      message: expect.stringMatching(/already has .* waiting in Hearth/),
    });
    expect((await readdir(dir.path)).length).toBe(1);
    // Another owner has its own quota; a file over the per-file limit is still FILE_TOO_LARGE.
    await staging.receive('c.bin', Readable.from([Buffer.alloc(600)]), 1000, quota('s2', 1000));
    await expect(
      staging.receive('d.bin', Readable.from([Buffer.alloc(2000)]), 1000, quota('s3', 10_000)),
    ).rejects.toMatchObject({ code: 'FILE_TOO_LARGE' });
  });

  it('frees the quota when an upload is discarded or adopted (its folder gone)', async () => {
    const staging = new StagingArea({ dir: dir.path });
    const a = await staging.receive('a.bin', Readable.from([Buffer.alloc(600)]), 1000, quota('s1', 1000));
    await staging.discard(a.handle);
    const b = await staging.receive('b.bin', Readable.from([Buffer.alloc(600)]), 1000, quota('s1', 1000));
    await rm(join(dir.path, b.handle.slice(4)), { recursive: true });
    expect(await staging.held('s1')).toBe(0);
    await staging.receive('c.bin', Readable.from([Buffer.alloc(600)]), 1000, quota('s1', 1000));
  });

  it('counts uploads of one owner running side by side', async () => {
    const staging = new StagingArea({ dir: dir.path });
    const slow = new PassThrough();
    const first = staging.receive('a.bin', slow, 1000, quota('s1', 1000));
    slow.write(Buffer.alloc(600));
    await waitFor('the first upload to have 600 bytes in', async () => (await staging.held('s1')) === 600);
    await expect(
      staging.receive('b.bin', Readable.from([Buffer.alloc(600)]), 1000, quota('s1', 1000)),
    ).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    slow.end();
    await first;
  });

  it('does not sweep an upload still arriving, however old its folder', async () => {
    let now = Date.now();
    const staging = new StagingArea({ dir: dir.path, now: () => now });
    const slow = new PassThrough();
    const upload = staging.receive('a.bin', slow, 1000);
    slow.write(Buffer.alloc(10));
    await waitFor('the upload folder', async () => (await readdir(dir.path)).length === 1);
    now += 2 * 24 * 3600_000;
    expect(await staging.sweep(24 * 3600_000)).toBe(0);
    slow.end();
    await expect(upload).resolves.toMatchObject({ size: 10 });
  });
});

describe('the staging part', () => {
  afterEach(() => vi.useRealTimers());

  it('sweeps stale uploads every hour while Hearth runs, and stops when disposed', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const ctx = await createPartContext(testPlatform(join(dir.path, 'data')));
    try {
      const { staging } = (await createStagingPart(ctx)).services;
      const staged = await staging.receive('a.txt', Readable.from([Buffer.from('a')]), 10);
      const folder = join(ctx.paths.staging, staged.handle.slice(4));
      const twoDaysAgo = new Date(Date.now() - 2 * 24 * 3600_000);
      await utimes(folder, twoDaysAgo, twoDaysAgo);
      vi.advanceTimersByTime(STAGING_SWEEP_INTERVAL_MS - 1);
      await new Promise((r) => setTimeout(r, 50));
      expect(await readdir(ctx.paths.staging)).toEqual([staged.handle.slice(4)]);
      vi.advanceTimersByTime(1);
      await waitFor('the hourly sweep', async () => (await readdir(ctx.paths.staging)).length === 0);
    } finally {
      await ctx.disposables.dispose();
    }
    expect(vi.getTimerCount()).toBe(0);
  });
});

describe('safeFileName', () => {
  it('strips paths, control characters and leading dots', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('C:\\Users\\a\\report.pdf')).toBe('report.pdf');
    expect(safeFileName('line\nbreak.txt')).toBe('line_break.txt');
    expect(safeFileName('.hidden')).toBe('_hidden');
    expect(safeFileName('résumé 📄.pdf')).toBe('résumé 📄.pdf');
    expect(safeFileName('')).toBe('upload');
  });
});
