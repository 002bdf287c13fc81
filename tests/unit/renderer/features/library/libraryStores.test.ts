import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BatchResult, IngestProgress } from '@shared/librarySchemas';
import { createLibraryStores } from '@/features/library/libraryStores';
import { connect, fakeStream, ok, resetToasts, toasts } from '../../support/fakeClient';
import { doc, job, list } from '../../support/fixtures';

vi.mock('@/ipc/client', async () => (await import('../../support/fakeClient')).clientModule);

beforeEach(resetToasts);
afterEach(() => {
  connect(null);
  vi.useRealTimers();
});

describe('library ↔ ingest coordinator', () => {
  it('puts the jobs of a loaded list into the ingest panel', async () => {
    connect({ library: { list: () => Promise.resolve(ok(list({ jobs: [job('j1', { name: 'report.pdf' })] }))) } });
    const { useLibraryStore, useIngestStore } = createLibraryStores();
    await useLibraryStore.getState().load();
    expect(Object.values(useIngestStore.getState().rows).map((r) => [r.jobId, r.name, r.stage])).toEqual([
      ['j1', 'report.pdf', 'parsed'],
    ]);
  });

  it('takes a deleted document that finished indexing out of the ingest panel', async () => {
    connect({
      library: {
        delete: () => Promise.resolve(ok({ deleted: true as const })),
        list: () => Promise.resolve(ok(list())),
      },
    });
    const { useLibraryStore, useIngestStore } = createLibraryStores();
    const progress = { kind: 'file', batchId: 'b1', name: 'd1.md', bytes: 1, totalBytes: 1, chunks: 1 } as const;
    useIngestStore.getState().receiveProgress({ ...progress, jobId: 'd1', stage: 'indexed' });
    await useLibraryStore.getState().remove(doc('d1'));
    expect(useIngestStore.getState().rows).toEqual({});
  });

  it("stops files with the library list's blocker", async () => {
    const ingest = fakeStream<IngestProgress, BatchResult>();
    connect({
      library: { list: () => Promise.resolve(ok(list({ blocker: 'No embedding model.' }))), ingest: ingest.method },
    });
    const { useLibraryStore, useIngestStore } = createLibraryStores();
    await useLibraryStore.getState().load();
    useIngestStore.getState().addPaths(['/docs/a.md']);
    expect(ingest.inputs).toEqual([]);
    expect(toasts()).toEqual(['error: Documents cannot be added yet']);
  });

  it('reloads the library list, after the burst of events, when a batch starts', async () => {
    vi.useFakeTimers();
    const ingest = fakeStream<IngestProgress, BatchResult>();
    const listFn = vi.fn(() => Promise.resolve(ok(list({ items: [doc('a')] }))));
    connect({ library: { list: listFn, ingest: ingest.method } });
    const { useLibraryStore, useIngestStore } = createLibraryStores();
    useIngestStore.getState().addPaths(['/docs/a.md']);
    const queued = { kind: 'file', batchId: 'b1', name: 'a.md', bytes: 0, totalBytes: 1, chunks: 0 } as const;
    ingest.emit({ ...queued, jobId: 'a', stage: 'queued' });
    useIngestStore.getState().receiveProgress({ ...queued, jobId: 'a', stage: 'queued' });
    expect(listFn).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(200);
    expect(listFn).toHaveBeenCalled();
    expect(useLibraryStore.getState().list?.items.map((d) => d.id)).toEqual(['a']);
  });

  it('gives every pair its own state', async () => {
    connect({ library: { list: () => Promise.resolve(ok(list({ items: [doc('d1')] }))) } });
    const first = createLibraryStores();
    const second = createLibraryStores();
    await first.useLibraryStore.getState().load();
    expect(second.useLibraryStore.getState().list).toBeNull();
  });
});
