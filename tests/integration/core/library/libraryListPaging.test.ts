import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestCore } from '../../../helpers/tempCore';
import type { LibraryDocuments, LibraryList, LibraryListInput } from '../../../../electron/shared/librarySchemas';
import type { Result } from '../../../../electron/shared/result';
import { startTestCore, tempDir } from '../../../helpers/tempCore';

let dir: Awaited<ReturnType<typeof tempDir>>;
let core: TestCore;
const ctx = () => ({ origin: 'internal' as const, signal: new AbortController().signal });
const call = (channel: string, input: unknown) => core.services.dispatcher.call(channel, input, ctx());

async function page(input: LibraryListInput): Promise<LibraryList> {
  const r = (await call('library.list', input)) as Result<LibraryList>;
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

function seed(from: number, to: number): void {
  const catalog = core.services.libraryCatalog;
  catalog.transaction(() => {
    for (let i = from; i < to; i++) {
      catalog.createDocument({
        name: `file ${String(i).padStart(4, '0')}.md`,
        type: 'markdown',
        size: i,
        status: i % 5 === 0 ? 'failed' : 'indexed',
        collection: i % 2 ? 'Odd' : 'Even',
      });
    }
  });
}

beforeAll(async () => {
  dir = await tempDir('hearth-list-paging-');
  core = await startTestCore(join(dir.path, 'data'));
  seed(0, 1_200);
}, 60_000);

afterAll(async () => {
  await core?.dispose();
  await dir?.remove();
});

describe('library.list over the contract: pages, cursor, filters, counts', () => {
  it('answers a first page of 100 by default, with the totals of the whole library', async () => {
    const first = await page({});
    expect(first.items).toHaveLength(100);
    expect(first.nextCursor).toEqual(expect.any(String));
    expect(first.total).toBe(1_200);
    expect(first.counts).toEqual({ indexed: 960, failed: 240, pending: 0, indexing: 0 });
    expect(first.library).toEqual({ documents: 1_200, indexed: 960 });
    expect(first.collections).toEqual(['Even', 'Odd']);
  });

  it('walks every page by cursor once, in order, while documents are added between pages', async () => {
    const names: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const p = await page({ sort: 'size', direction: 'asc', limit: 500, ...(cursor ? { cursor } : {}) });
      names.push(...p.items.map((d) => d.name));
      cursor = p.nextCursor ?? undefined;
      // Larger than any seen so far: they sort after the cursor and must show up exactly once.
      if (pages++ === 0) seed(1_200, 1_210);
    } while (cursor);
    expect(names).toHaveLength(1_210);
    expect(new Set(names).size).toBe(1_210);
    expect(names.at(-1)).toBe('file 1209.md');
  });

  it('filters in the core: statuses, collection and name text together, counts ignoring only the status', async () => {
    const p = await page({ filters: { status: ['failed'], collection: 'Even', text: 'FILE 00' }, limit: 500 });
    // file 0000 … file 0099, failed (multiples of 5) and even (multiples of 10): 10 of them.
    expect(p.total).toBe(10);
    expect(p.items.map((d) => d.name)).toContain('file 0090.md');
    expect(p.counts).toEqual({ indexed: 40, failed: 10, pending: 0, indexing: 0 });
  });

  it('re-reads changed documents by id under the filters (the delta a client applies)', async () => {
    const ids = (await page({ limit: 3 })).items.map((d) => d.id);
    const r = (await call('library.documents', { ids: [...ids, 'gone-id'], filters: {} })) as Result<LibraryDocuments>;
    expect(r.ok && r.value.documents.map((d) => d.id).sort()).toEqual([...ids].sort());
    expect(r.ok && r.value.total).toBe(1_210);
  });

  it('refuses a page size over 500 and a cursor of another order, naming the problem', async () => {
    expect(await call('library.list', { limit: 501 })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const { nextCursor } = await page({ sort: 'name', direction: 'asc', limit: 1 });
    expect(await call('library.list', { sort: 'added', cursor: nextCursor })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringMatching(/another sort order/) },
    });
  });
});
