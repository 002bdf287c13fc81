import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Catalog } from '../../../../../electron/core/library/catalog/Catalog';
import type { IndexWriter } from '../../../../../electron/core/library/indexing/IndexWriter';
import { VectorRefresher } from '../../../../../electron/core/library/living/VectorRefresher';
import { HearthError } from '../../../../../electron/shared/errors';

/** A queue of document ids and a writer whose store is "down" until `up` is set. */
function setup(ids: string[]) {
  const queue = new Set(ids);
  const state = { up: false, writes: 0, broken: new Set<string>() };
  const catalog = {
    collectionTable: {
      refreshQueue: () => [...queue],
      refreshDone: (id: string) => queue.delete(id),
    },
    getDocument: (id: string) => ({ id, status: 'indexed' }),
  } as unknown as Catalog;
  const writer = {
    writeCurrent: async (doc: { id: string }) => {
      state.writes++;
      if (!state.up) throw new HearthError('SIDECAR_DOWN', 'Chroma is not answering');
      if (state.broken.has(doc.id)) throw new HearthError('MODEL_UNAVAILABLE', 'Its embedding model is gone');
    },
  } as unknown as IndexWriter;
  const controller = new AbortController();
  const refresher = new VectorRefresher({
    catalog,
    writer,
    logger: pino({ level: 'silent' }),
    signal: controller.signal,
    retry: { firstMs: 1_000, maxMs: 4_000 },
  });
  return { queue, state, controller, refresher };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('VectorRefresher', () => {
  it('retries a failed drain on its own, backing off, until the store answers', async () => {
    const { queue, state, refresher } = setup(['a', 'b']);
    await refresher.drain();
    expect(state.writes).toBe(1);
    expect(refresher.pending).toBe(2);

    await vi.advanceTimersByTimeAsync(999);
    expect(state.writes).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(state.writes).toBe(2); // after 1 s
    await vi.advanceTimersByTimeAsync(2_000);
    expect(state.writes).toBe(3); // after 2 s more
    await vi.advanceTimersByTimeAsync(4_000);
    expect(state.writes).toBe(4); // after 4 s more
    await vi.advanceTimersByTimeAsync(4_000);
    expect(state.writes).toBe(5); // capped at 4 s

    state.up = true;
    await vi.advanceTimersByTimeAsync(4_000);
    expect(queue.size).toBe(0);
    const settled = state.writes;
    await vi.advanceTimersByTimeAsync(60_000);
    expect(state.writes).toBe(settled);
  });

  it('starts over from the first delay after a success', async () => {
    const { state, queue, refresher } = setup(['a']);
    await refresher.drain();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(state.writes).toBe(2);
    state.up = true;
    await vi.advanceTimersByTimeAsync(2_000);
    expect(queue.size).toBe(0);

    state.up = false;
    queue.add('c');
    await refresher.drain();
    const before = state.writes;
    await vi.advanceTimersByTimeAsync(1_000);
    expect(state.writes).toBe(before + 1);
  });

  it('stops retrying when disposed', async () => {
    const { state, controller, refresher } = setup(['a']);
    await refresher.drain();
    controller.abort();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(state.writes).toBe(1);
  });

  it('goes on past a document that cannot be written, keeps it queued and retries it later', async () => {
    const { state, queue, refresher } = setup(['a', 'bad', 'c']);
    state.up = true;
    state.broken.add('bad');
    await refresher.drain();
    expect([...queue]).toEqual(['bad']);
    state.broken.clear();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(queue.size).toBe(0);
  });
});
