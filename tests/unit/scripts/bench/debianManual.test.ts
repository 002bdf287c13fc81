import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyPages, manualPages } from '../../../../scripts/bench/retrieval/debianManual';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hearth-manual-'));
  await mkdir(join(dir, 'howto'));
  for (const page of ['b.html', 'a.html', 'c.html', 'howto/x.html', 'notes.txt'])
    await writeFile(join(dir, page), `<p>${page}</p>`);
  await symlink('a.html', join(dir, 'index.html'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('manualPages', () => {
  it('lists the HTML pages relative to the root, sorted, without symlinked duplicates or other files', async () => {
    expect(await manualPages(dir)).toEqual(['a.html', 'b.html', 'c.html', 'howto/x.html']);
  });

  it('caps the pages but always keeps the ones the questions expect', async () => {
    expect(await manualPages(dir, { maxPages: 2, keep: new Set(['howto/x.html']) })).toEqual([
      'a.html',
      'howto/x.html',
    ]);
    expect(await manualPages(dir, { maxPages: 10 })).toHaveLength(4);
  });
});

describe('copyPages', () => {
  it('copies the chosen pages with their folders', async () => {
    const to = join(dir, 'out');
    await copyPages(dir, ['howto/x.html', 'b.html'], to);
    expect(await readFile(join(to, 'howto/x.html'), 'utf8')).toBe('<p>howto/x.html</p>');
    expect(await manualPages(to)).toEqual(['b.html', 'howto/x.html']);
  });
});
