import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LibraryDocumentDetailSchema, LibraryList } from '@shared/librarySchemas';
import type { Result } from '@shared/result';
import type { LibraryLinks } from '@/features/library/createLibraryStore';
import { createLibraryStore } from '@/features/library/createLibraryStore';
import { connect, deferred, fail, flush, ok, resetToasts, toasts } from '../../support/fakeClient';
import { doc, job, list } from '../../support/fixtures';
import type { z } from 'zod';

vi.mock('@/ipc/client', async () => (await import('../../support/fakeClient')).clientModule);

type Detail = z.infer<typeof LibraryDocumentDetailSchema>;

function setup() {
  const links = {
    receiveJobs: vi.fn<LibraryLinks['receiveJobs']>(),
    documentsGone: vi.fn<LibraryLinks['documentsGone']>(),
  };
  return { links, store: createLibraryStore(links) };
}

beforeEach(resetToasts);
afterEach(() => {
  connect(null);
  vi.useRealTimers();
});

describe('library store', () => {
  it('shows the listed documents and hands the jobs, with when they were asked for, to the ingest panel', async () => {
    const jobs = [job('j1')];
    const listFn = vi.fn(() => Promise.resolve(ok(list({ items: [doc('d1')], jobs, blocker: 'No model' }))));
    connect({ library: { list: listFn } });
    const { store, links } = setup();
    const before = Date.now();
    await store.getState().load();
    const { jobs: _jobs, ...shown } = list({ items: [doc('d1')], blocker: 'No model' });
    expect(store.getState().list).toEqual(shown);
    expect(store.getState().loadError).toBeNull();
    expect(links.receiveJobs).toHaveBeenCalledWith(jobs, expect.any(Number));
    expect(links.receiveJobs.mock.calls[0]?.[1]).toBeGreaterThanOrEqual(before);
  });

  it('keeps the last list and shows the error when a reload fails', async () => {
    const answers: Result<LibraryList>[] = [ok(list({ items: [doc('d1')] })), fail('SIDECAR_DOWN')];
    connect({ library: { list: () => Promise.resolve(answers.shift() ?? fail('INTERNAL')) } });
    const { store } = setup();
    await store.getState().load();
    await store.getState().load();
    expect(store.getState().list?.items.map((d) => d.id)).toEqual(['d1']);
    expect(store.getState().loadError?.code).toBe('SIDECAR_DOWN');
  });

  it('drops the answer of a load overtaken by a newer one, and asks again for the newest', async () => {
    const first = deferred<Result<LibraryList>>();
    const second = deferred<Result<LibraryList>>();
    const pending = [first, second];
    const listFn = vi.fn(() => pending.shift()?.promise ?? Promise.resolve(fail('INTERNAL')));
    connect({ library: { list: listFn } });
    const { store } = setup();
    const a = store.getState().load();
    await flush();
    const b = store.getState().load();
    first.resolve(ok(list({ items: [doc('old')] })));
    await flush();
    expect(store.getState().list).toBeNull();
    second.resolve(ok(list({ items: [doc('new')] })));
    await Promise.all([a, b]);
    expect(listFn).toHaveBeenCalledTimes(2);
    expect(store.getState().list?.items.map((d) => d.id)).toEqual(['new']);
  });

  it('coalesces a burst of reload requests into one list call', async () => {
    vi.useFakeTimers();
    const listFn = vi.fn(() => Promise.resolve(ok(list())));
    connect({ library: { list: listFn } });
    const { store } = setup();
    for (let i = 0; i < 5; i += 1) store.getState().scheduleLoad();
    await vi.advanceTimersByTimeAsync(200);
    expect(listFn).toHaveBeenCalledTimes(1);
  });

  it('deletes a document: marked while in flight, gone from the list at once, toast, ingest panel told', async () => {
    const answer = deferred<Result<{ deleted: true }>>();
    const listFn = vi.fn(() => Promise.resolve(ok(list({ items: [doc('d2')] }))));
    connect({ library: { list: listFn, delete: () => answer.promise } });
    const { store, links } = setup();
    store.setState({ list: list({ items: [doc('d1'), doc('d2')] }) });
    store.setState({ detail: { id: 'd1', data: null, error: null } });

    const removing = store.getState().remove(doc('d1'));
    expect(store.getState().deleting).toEqual(['d1']);
    answer.resolve(ok({ deleted: true }));
    expect(await removing).toBe(true);

    expect(store.getState().deleting).toEqual([]);
    expect(store.getState().detail).toBeNull();
    expect(store.getState().list?.items.map((d) => d.id)).toEqual(['d2']);
    expect(links.documentsGone).toHaveBeenCalledWith(['d1']);
    expect(toasts()).toEqual(['success: Deleted d1.md']);
  });

  it('keeps a document the core refused to delete and says why', async () => {
    connect({ library: { delete: () => Promise.resolve(fail('CONFLICT', 'It is being indexed.')) } });
    const { store, links } = setup();
    store.setState({ list: list({ items: [doc('d1')] }) });
    expect(await store.getState().remove(doc('d1'))).toBe(false);
    expect(store.getState().list?.items).toHaveLength(1);
    expect(store.getState().deleting).toEqual([]);
    expect(links.documentsGone).not.toHaveBeenCalled();
    expect(toasts()).toEqual(['error: Could not delete d1.md']);
  });

  it('says it is not connected instead of deleting', async () => {
    const { store } = setup();
    expect(await store.getState().remove(doc('d1'))).toBe(false);
    expect(toasts()).toEqual(['error: Could not delete d1.md']);
  });

  it('opens a document in the detail panel, and closes it when the document is gone', async () => {
    const detail: Detail = { document: doc('d1'), chunks: [], jobs: [] };
    const answers: Result<Detail>[] = [ok(detail), fail('NOT_FOUND')];
    connect({ library: { get: () => Promise.resolve(answers.shift() ?? fail('INTERNAL')) } });
    const { store } = setup();
    const opening = store.getState().openDetail('d1');
    expect(store.getState().detail).toEqual({ id: 'd1', data: null, error: null });
    await opening;
    expect(store.getState().detail?.data).toEqual(detail);
    await store.getState().openDetail('d1');
    expect(store.getState().detail).toBeNull();
  });

  it('on a deletion elsewhere closes the open document and tells the ingest panel', async () => {
    vi.useFakeTimers();
    connect({ library: { list: () => Promise.resolve(ok(list())) } });
    const { store, links } = setup();
    store.setState({ detail: { id: 'd1', data: null, error: null } });
    store.getState().receiveChanged({ documentIds: ['d1'], reason: 'deleted' });
    expect(store.getState().detail).toBeNull();
    expect(links.documentsGone).toHaveBeenCalledWith(['d1']);
    await flush();
  });
});
