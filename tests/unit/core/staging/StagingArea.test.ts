import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StagingArea, safeFileName } from '../../../../electron/core/staging/StagingArea';
import { tempDir } from '../../../helpers/tempCore';

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
