import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '@shared/result';
import type { SearchPassage, SearchResult } from '@shared/searchSchemas';
import { orderedPassages, SEARCH_DELAY_MS, useSearchStore } from '@/features/library/useSearchStore';
import { connect, deferred, fail, ok } from '../../support/fakeClient';

vi.mock('@/ipc/client', async () => (await import('../../support/fakeClient')).clientModule);

function passage(chunkId: string, documentId: string): SearchPassage {
  return {
    chunkId,
    documentId,
    documentName: `${documentId}.md`,
    documentType: 'markdown',
    text: `text of ${chunkId}`,
    location: 'line 1',
    highlights: [],
    score: 1,
  };
}

/** Three passages, best first: a1, b1, a2 — shown grouped as a1, a2, b1. */
function result(query: string): SearchResult {
  const passages = [passage('a1', 'a'), passage('b1', 'b'), passage('a2', 'a')];
  return {
    query,
    mode: 'hybrid',
    passages,
    documents: [
      { documentId: 'a', documentName: 'a.md', documentType: 'markdown', passageIndexes: [0, 2], bestScore: 1 },
      { documentId: 'b', documentName: 'b.md', documentType: 'markdown', passageIndexes: [1], bestScore: 1 },
    ],
    vectorSkipped: null,
    note: null,
  };
}

const store = useSearchStore;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  store.getState().clear();
  connect(null);
  vi.useRealTimers();
});

describe('search store', () => {
  it('searches once typing pauses, for the last text typed, and chooses the first passage', async () => {
    const search = vi.fn((input: { query: string }) => Promise.resolve(ok(result(input.query))));
    connect({ library: { search } });
    store.getState().setQuery('cop');
    store.getState().setQuery('copper ');
    await vi.advanceTimersByTimeAsync(SEARCH_DELAY_MS - 1);
    expect(search).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(search).toHaveBeenCalledTimes(1);
    expect(search).toHaveBeenCalledWith({ query: 'copper', mode: 'hybrid' });
    expect(store.getState()).toMatchObject({ status: 'ready', active: 0, error: null });
    expect(orderedPassages(store.getState().result).map((p) => p.chunkId)).toEqual(['a1', 'a2', 'b1']);
  });

  it('shows loading while a search is out, and keeps only the newest answer when two overtake each other', async () => {
    const first = deferred<Result<SearchResult>>();
    const second = deferred<Result<SearchResult>>();
    const pending = [first, second];
    connect({ library: { search: () => pending.shift()!.promise } });
    store.getState().setQuery('old');
    const a = store.getState().searchNow();
    expect(store.getState().status).toBe('loading');
    store.getState().setQuery('new');
    const b = store.getState().searchNow();
    second.resolve(ok(result('new')));
    first.resolve(ok(result('old')));
    await Promise.all([a, b]);
    expect(store.getState().result?.query).toBe('new');
  });

  it('moves the choice with the arrow keys within the results', async () => {
    connect({ library: { search: () => Promise.resolve(ok(result('q'))) } });
    store.getState().setQuery('q');
    await store.getState().searchNow();
    store.getState().move(-1);
    expect(store.getState().active).toBe(0);
    store.getState().move(1);
    store.getState().move(1);
    store.getState().move(1);
    expect(store.getState().active).toBe(2);
    store.getState().move(-1);
    expect(store.getState().active).toBe(1);
  });

  it('shows the error of a failed search, and "no results" as a ready search with no passage chosen', async () => {
    const answers: Result<SearchResult>[] = [
      fail('SIDECAR_DOWN', 'The vector store is not running.'),
      ok({ ...result('zzz'), passages: [], documents: [] }),
    ];
    connect({ library: { search: () => Promise.resolve(answers.shift()!) } });
    store.getState().setQuery('q');
    await store.getState().searchNow();
    expect(store.getState()).toMatchObject({ status: 'error', result: null, error: { code: 'SIDECAR_DOWN' } });
    store.getState().setQuery('zzz');
    await store.getState().searchNow();
    expect(store.getState()).toMatchObject({ status: 'ready', error: null, active: -1 });
    expect(store.getState().result?.passages).toEqual([]);
  });

  it('goes back to the empty state when the text is cleared, dropping a search still out', async () => {
    const pending = deferred<Result<SearchResult>>();
    connect({ library: { search: () => pending.promise } });
    store.getState().setQuery('q');
    const out = store.getState().searchNow();
    store.getState().setQuery('   ');
    pending.resolve(ok(result('q')));
    await out;
    expect(store.getState()).toMatchObject({ status: 'idle', result: null, active: -1 });
  });

  it('searches the same text again when the mode changes', async () => {
    const search = vi.fn((input: { query: string }) => Promise.resolve(ok(result(input.query))));
    connect({ library: { search } });
    store.getState().setQuery('lantern');
    await store.getState().searchNow();
    store.getState().setMode('keyword');
    await vi.advanceTimersByTimeAsync(0);
    expect(search.mock.calls.map((c) => c[0])).toEqual([
      { query: 'lantern', mode: 'hybrid' },
      { query: 'lantern', mode: 'keyword' },
    ]);
    store.getState().setMode('hybrid');
  });

  it('says it is not connected instead of searching', async () => {
    connect(null);
    store.getState().setQuery('q');
    await store.getState().searchNow();
    expect(store.getState()).toMatchObject({ status: 'error', error: { code: expect.any(String) } });
  });
});
