import { describe, expect, it } from 'vitest';
import type { DropEntry } from '@/features/library/walkDroppedEntries';
import { isHiddenName, walkDroppedEntries } from '@/features/library/walkDroppedEntries';

/** A stand-in for a dropped file: its own name is its "contents". */
interface FakeFile {
  name: string;
}

type Tree = { [name: string]: Tree | 'file' | 'broken' };

/** FileSystemEntry fakes: folders answer readEntries in pages of `page`, as Chromium does with 100. */
function entry(name: string, node: Tree | 'file' | 'broken', parent = '', page = 2): DropEntry {
  const fullPath = `${parent}/${name}`;
  if (node === 'file' || node === 'broken') {
    return {
      isFile: true,
      isDirectory: false,
      name,
      fullPath,
      file(success: (f: FakeFile) => void, error?: (e: unknown) => void) {
        if (node === 'broken') setTimeout(() => error?.(new Error('NotReadableError')), 0);
        else setTimeout(() => success({ name }), 0);
      },
    } as DropEntry;
  }
  const children = Object.entries(node).map(([n, child]) => entry(n, child, fullPath, page));
  return {
    isFile: false,
    isDirectory: true,
    name,
    fullPath,
    createReader() {
      let offset = 0;
      return {
        readEntries(success: (entries: DropEntry[]) => void) {
          const next = children.slice(offset, offset + page);
          offset += page;
          setTimeout(() => success(next), 0);
        },
      };
    },
  } as DropEntry;
}

describe('walkDroppedEntries', () => {
  it('reads nested folders through every page of entries, keeping paths', async () => {
    const tree: Tree = {
      'a.md': 'file',
      'b.pdf': 'file',
      'c.txt': 'file',
      sub: { 'd.csv': 'file', deeper: { 'e.json': 'file' } },
    };
    const result = await walkDroppedEntries<FakeFile>([{ entry: entry('docs', tree) }]);
    expect(result.files.map((f) => f.path)).toEqual([
      'docs/a.md',
      'docs/b.pdf',
      'docs/c.txt',
      'docs/sub/d.csv',
      'docs/sub/deeper/e.json',
    ]);
    expect(result.files.map((f) => f.file.name)).toEqual(['a.md', 'b.pdf', 'c.txt', 'd.csv', 'e.json']);
    expect(result).toMatchObject({ skipped: 0, truncated: false, unreadable: [] });
  });

  it('skips hidden and system files and folders', async () => {
    const tree: Tree = {
      '.DS_Store': 'file',
      '.git': { HEAD: 'file', config: 'file' },
      'Thumbs.db': 'file',
      'keep.md': 'file',
    };
    const result = await walkDroppedEntries<FakeFile>([
      { entry: entry('project', tree) },
      { entry: entry('.hidden-folder', { 'x.md': 'file' }) },
      { file: { name: '.env' }, name: '.env' },
      { file: { name: 'plain.txt' }, name: 'plain.txt' },
    ]);
    expect(result.files.map((f) => f.path)).toEqual(['project/keep.md', 'plain.txt']);
    expect(result.skipped).toBe(5);
  });

  it('keeps bare files (no entry from the browser) and top-level file entries', async () => {
    const result = await walkDroppedEntries<FakeFile>([
      { file: { name: 'built.md' }, name: 'built.md' },
      { entry: entry('report.pdf', 'file') },
    ]);
    expect(result.files.map((f) => f.path)).toEqual(['built.md', 'report.pdf']);
  });

  it('stops at the limit and says so', async () => {
    const tree: Tree = Object.fromEntries(Array.from({ length: 7 }, (_, i) => [`f${String(i)}.txt`, 'file' as const]));
    const result = await walkDroppedEntries<FakeFile>([{ entry: entry('many', tree) }], 5);
    expect(result.files).toHaveLength(5);
    expect(result.truncated).toBe(true);
    const exact = await walkDroppedEntries<FakeFile>([{ entry: entry('many', tree) }], 7);
    expect(exact.truncated).toBe(false);
  });

  it('reports files the browser could not read and goes on', async () => {
    const result = await walkDroppedEntries<FakeFile>([
      { entry: entry('mixed', { 'bad.pdf': 'broken', 'ok.md': 'file' }) },
    ]);
    expect(result.unreadable).toEqual(['mixed/bad.pdf']);
    expect(result.files.map((f) => f.path)).toEqual(['mixed/ok.md']);
  });

  it('knows hidden names', () => {
    expect(isHiddenName('.DS_Store')).toBe(true);
    expect(isHiddenName('desktop.ini')).toBe(true);
    expect(isHiddenName('report.pdf')).toBe(false);
    expect(isHiddenName('a.b.c')).toBe(false);
  });
});
