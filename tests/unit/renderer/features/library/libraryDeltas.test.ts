import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LibraryDocuments, LibraryList } from '@shared/librarySchemas';
import type { Result } from '@shared/result';
import { createLibraryStore } from '@/features/library/createLibraryStore';
import type { DocumentOrder } from '@/features/library/filterDocuments';
import { compareDocuments, patchDocuments } from '@/features/library/patchDocuments';
import { connect, flush, ok, resetToasts } from '../../support/fakeClient';
import { doc, list } from '../../support/fixtures';

vi.mock('@/ipc/client', async () => (await import('../../support/fakeClient')).clientModule);

beforeEach(resetToasts);
afterEach(() => {
  connect(null);
  vi.useRealTimers();
});

const BY_NAME: DocumentOrder = { sort: 'name', direction: 'asc' };
const names = (rows: readonly { name: string }[]) => rows.map((d) => d.name);

/** A `library.documents` answer: the overview of `list()` with these rows. */
function documentsAnswer(rows: LibraryDocuments['documents'], total = 0): Result<LibraryDocuments> {
  const { items: _items, nextCursor: _next, ...overview } = list();
  return ok({ ...overview, total, documents: rows });
}

describe('patchDocuments: a delta applied to loaded pages', () => {
  const loaded = [doc('a', { name: 'apple' }), doc('c', { name: 'cherry' }), doc('e', { name: 'elder' })];

  it('orders as SQLite NOCASE does: A–Z folded, ties broken by id, and descending reversed', () => {
    expect(compareDocuments(doc('x', { name: 'Banana' }), doc('y', { name: 'apple' }), BY_NAME)).toBeGreaterThan(0);
    expect(compareDocuments(doc('a', { name: 'same' }), doc('b', { name: 'SAME' }), BY_NAME)).toBeLessThan(0);
    const desc: DocumentOrder = { sort: 'size', direction: 'desc' };
    expect(compareDocuments(doc('a', { size: 1 }), doc('b', { size: 9 }), desc)).toBeGreaterThan(0);
  });

  it('inserts new rows in order, replaces changed ones, removes those gone or no longer matching', () => {
    const patched = patchDocuments(loaded, {
      changedIds: new Set(['b', 'c', 'e', 'z']),
      fresh: [doc('b', { name: 'banana' }), doc('c', { name: 'cherry', status: 'failed' }), doc('z', { name: 'aa' })],
      order: BY_NAME,
      boundary: undefined,
    });
    expect(names(patched)).toEqual(['aa', 'apple', 'banana', 'cherry']);
    expect(patched.find((d) => d.id === 'c')?.status).toBe('failed');
  });

  it('moves a renamed row to its new place', () => {
    const patched = patchDocuments(loaded, {
      changedIds: new Set(['a']),
      fresh: [doc('a', { name: 'damson' })],
      order: BY_NAME,
      boundary: undefined,
    });
    expect(names(patched)).toEqual(['cherry', 'damson', 'elder']);
  });

  it('leaves a row that sorts after the last loaded page for the page that holds it', () => {
    const patched = patchDocuments(loaded, {
      changedIds: new Set(['f', 'b']),
      fresh: [doc('f', { name: 'fig' }), doc('b', { name: 'banana' })],
      order: BY_NAME,
      boundary: loaded[2],
    });
    expect(names(patched)).toEqual(['apple', 'banana', 'cherry', 'elder']);
  });
});

describe('library store deltas', () => {
  it('on library.changed re-reads only the changed ids under the filters and patches the loaded page', async () => {
    vi.useFakeTimers();
    const listFn = vi.fn(() => Promise.resolve(ok(list({ items: [doc('d1'), doc('d2')], nextCursor: null }))));
    const documentsFn = vi.fn(() =>
      Promise.resolve(documentsAnswer([doc('d3', { name: 'new.md', createdAt: 5 }), doc('d1', { chunks: 9 })], 3)),
    );
    connect({ library: { list: listFn, documents: documentsFn } });
    const store = createLibraryStore({ receiveJobs: vi.fn(), documentsGone: vi.fn() });
    store.getState().setFilters({ status: 'indexed' });
    await vi.advanceTimersByTimeAsync(0);
    store.getState().receiveChanged({ documentIds: ['d3'], reason: 'ingested' });
    store.getState().receiveChanged({ documentIds: ['d1', 'd2'], reason: 'updated' });
    await vi.advanceTimersByTimeAsync(200);

    expect(listFn).toHaveBeenCalledTimes(1);
    expect(documentsFn).toHaveBeenCalledTimes(1);
    expect(documentsFn).toHaveBeenCalledWith({ ids: ['d3', 'd1', 'd2'], filters: { status: ['indexed'] } });
    // Newest first: d3 (added at 5) leads; d2 no longer matches the filter; d1 carries its new passage count.
    const items = store.getState().list?.items ?? [];
    expect(items.map((d) => [d.id, d.chunks])).toEqual([
      ['d3', 3],
      ['d1', 9],
    ]);
    expect(store.getState().list?.total).toBe(3);
  });

  it('takes deleted rows out at once and asks only for the totals', async () => {
    vi.useFakeTimers();
    const documentsFn = vi.fn(() => Promise.resolve(documentsAnswer([], 1)));
    connect({ library: { documents: documentsFn } });
    const gone = vi.fn();
    const store = createLibraryStore({ receiveJobs: vi.fn(), documentsGone: gone });
    store.setState({ list: list({ items: [doc('d1'), doc('d2')] }) });
    store.getState().receiveChanged({ documentIds: ['d1'], reason: 'deleted' });
    expect(store.getState().list?.items.map((d) => d.id)).toEqual(['d2']);
    expect(gone).toHaveBeenCalledWith(['d1']);
    await vi.advanceTimersByTimeAsync(200);
    expect(documentsFn).toHaveBeenCalledWith({ ids: [], filters: {} });
    expect(store.getState().list?.total).toBe(1);
  });

  it('appends the next page by cursor, without repeating a row a delta already placed', async () => {
    const pages: Result<LibraryList>[] = [
      ok(list({ items: [doc('d1'), doc('d2')], nextCursor: 'c1', total: 4 })),
      ok(list({ items: [doc('d2'), doc('d3'), doc('d4')], nextCursor: null, total: 4 })),
    ];
    const listFn = vi.fn((_input: unknown) => Promise.resolve(pages.shift()!));
    connect({ library: { list: listFn } });
    const store = createLibraryStore({ receiveJobs: vi.fn(), documentsGone: vi.fn() });
    await store.getState().load();
    await store.getState().loadMore();
    await flush();
    expect(listFn.mock.calls[1]?.[0]).toMatchObject({ cursor: 'c1', sort: 'added', direction: 'desc' });
    expect(store.getState().list?.items.map((d) => d.id)).toEqual(['d1', 'd2', 'd3', 'd4']);
    expect(store.getState().list?.nextCursor).toBeNull();
    await store.getState().loadMore();
    expect(listFn).toHaveBeenCalledTimes(2);
  });
});
