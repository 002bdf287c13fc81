import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { IndexKey, VectorChunk, VectorStore } from '../../../../electron/core/vectors/VectorStore';
import { HearthError, type ErrorCode } from '../../../../electron/shared/errors';
import { bruteForceTopK, cosine, randomVectors } from './randomVectors';

/** Opens a store for a key; the suite drops and disposes what it opens. */
export type VectorStoreFactory = (key: IndexKey) => Promise<VectorStore>;

/** What every VectorStore must do, run against each backend with a real server behind it. */
export function describeVectorStore(name: string, open: VectorStoreFactory): void {
  describe(`VectorStore contract: ${name}`, () => {
    const opened: VectorStore[] = [];
    afterEach(async () => {
      for (const store of opened.splice(0).reverse()) {
        await store.drop().catch(() => undefined);
        await store.dispose();
      }
    });

    async function fresh(dimensions = 16, model = `test-${randomUUID()}`, version = 1): Promise<VectorStore> {
      const store = await open({ model, version, dimensions });
      opened.push(store);
      return store;
    }

    /** Chunks over `vectors`, spread over documents doc-0…doc-(docs-1) and two collections. */
    function chunksFor(vectors: Float32Array[], docs = 5, prefix = 'c'): VectorChunk[] {
      return vectors.map((vector, i) => ({
        id: `${prefix}-${i}`,
        documentId: `doc-${i % docs}`,
        vector,
        text: `chunk ${i}`,
        metadata: { collection: i % 2 === 0 ? 'work' : 'home', page: i % 7, draft: i % 3 === 0, lang: 'en' },
      }));
    }

    it('stores chunks and gives back their document, text and metadata with the score of an exact match', async () => {
      const store = await fresh();
      const vectors = randomVectors(20, 16, 1);
      await store.upsert(chunksFor(vectors));
      expect(await store.count()).toBe(20);
      const [best] = await store.query(vectors[3]!, { topK: 1 });
      expect(best).toEqual({
        id: 'c-3',
        documentId: 'doc-3',
        score: expect.closeTo(1, 4),
        text: 'chunk 3',
        metadata: { collection: 'home', page: 3, draft: true, lang: 'en' },
      });
    });

    it('accepts plain number arrays, keeps float metadata, and leaves text out when there was none', async () => {
      const store = await fresh(3);
      await store.upsert([{ id: 'a', documentId: 'd', vector: [1, 2, 3], metadata: { weight: 0.25, n: -4 } }]);
      const [match] = await store.query([1, 2, 3], { topK: 5 });
      expect(match).toEqual({
        id: 'a',
        documentId: 'd',
        score: expect.closeTo(1, 4),
        metadata: { weight: 0.25, n: -4 },
      });
      expect(match).not.toHaveProperty('text');
    });

    it('replaces chunks by id on re-upsert instead of duplicating them', async () => {
      const store = await fresh();
      const vectors = randomVectors(50, 16, 2);
      await store.upsert(chunksFor(vectors));
      await store.upsert(chunksFor(vectors));
      expect(await store.count()).toBe(50);

      const moved = chunksFor(vectors).map((c) => ({ ...c, documentId: 'doc-new', text: `${c.text} v2` }));
      await store.upsert(moved);
      expect(await store.count()).toBe(50);
      const [match] = await store.query(vectors[7]!, { topK: 1 });
      expect(match).toMatchObject({ id: 'c-7', documentId: 'doc-new', text: 'chunk 7 v2' });

      // Within one call the last chunk for an id wins.
      const other = randomVectors(1, 16, 99)[0]!;
      await store.upsert([
        { id: 'c-0', documentId: 'doc-x', vector: other, text: 'first', metadata: {} },
        { id: 'c-0', documentId: 'doc-y', vector: other, text: 'second', metadata: {} },
      ]);
      expect(await store.count()).toBe(50);
      expect((await store.query(other, { topK: 1 }))[0]).toMatchObject({
        id: 'c-0',
        documentId: 'doc-y',
        text: 'second',
      });
    });

    it('ranks exactly like brute-force cosine on random vectors (recall@10 = 1, same order and scores)', async () => {
      const store = await fresh(24);
      const vectors = randomVectors(400, 24, 3);
      await store.upsert(chunksFor(vectors));
      for (const query of randomVectors(25, 24, 4)) {
        const expected = bruteForceTopK(query, vectors, 10);
        const got = await store.query(query, { topK: 10 });
        expect(got.map((m) => m.id)).toEqual(expected.map((e) => `c-${e.index}`));
        got.forEach((m, i) => expect(m.score).toBeCloseTo(expected[i]!.score, 4));
        // Scores only (hybrid search's query): the same ids in the same order with the same scores.
        const slim = await store.query(query, { topK: 10, scoresOnly: true });
        expect(slim.map((m) => m.id)).toEqual(got.map((m) => m.id));
        slim.forEach((m, i) => expect(m.score).toBeCloseTo(got[i]!.score, 6));
      }
    });

    it('filters by document, by several documents, by collection and by metadata before ranking', async () => {
      const store = await fresh();
      const vectors = randomVectors(120, 16, 5);
      const chunks = chunksFor(vectors, 6);
      await store.upsert(chunks);
      const query = randomVectors(1, 16, 6)[0]!;
      const exact = (keep: (c: VectorChunk) => boolean, k = 8): string[] =>
        bruteForceTopK(
          query,
          vectors,
          k,
          chunks.flatMap((c, i) => (keep(c) ? [i] : [])),
        ).map((e) => `c-${e.index}`);
      const ids = async (filter: Record<string, unknown>, k = 8): Promise<string[]> =>
        (await store.query(query, { topK: k, filter: filter as never })).map((m) => m.id);

      expect(await ids({ documentId: 'doc-2' })).toEqual(exact((c) => c.documentId === 'doc-2'));
      expect(await ids({ documentId: ['doc-1', 'doc-4'] })).toEqual(
        exact((c) => ['doc-1', 'doc-4'].includes(c.documentId)),
      );
      expect(await ids({ collection: 'work' })).toEqual(exact((c) => c.metadata.collection === 'work'));
      expect(await ids({ collection: ['work', 'home'] })).toEqual(exact(() => true));
      expect(await ids({ page: 3 })).toEqual(exact((c) => c.metadata.page === 3));
      expect(await ids({ draft: false, collection: 'home' })).toEqual(
        exact((c) => c.metadata.draft === false && c.metadata.collection === 'home'),
      );
      expect(await ids({ documentId: ['doc-0', 'doc-3'], page: [1, 2], lang: 'en' })).toEqual(
        exact((c) => ['doc-0', 'doc-3'].includes(c.documentId) && [1, 2].includes(c.metadata.page as number)),
      );
      // Fewer matches than topK: all of them, still in order.
      const few = exact((c) => c.documentId === 'doc-5' && c.metadata.page === 0, 100);
      expect(few.length).toBeGreaterThan(0);
      expect(await ids({ documentId: 'doc-5', page: 0 }, 100)).toEqual(few);
      expect(await ids({ documentId: 'no-such-doc' })).toEqual([]);
      expect(await ids({ documentId: [] })).toEqual([]);
      expect(await ids({ lang: 'fr' })).toEqual([]);
    });

    it('deleteByDocument removes that document only', async () => {
      const store = await fresh();
      const vectors = randomVectors(60, 16, 7);
      await store.upsert(chunksFor(vectors, 3));
      await store.deleteByDocument('doc-1');
      expect(await store.count()).toBe(40);
      const matches = await store.query(vectors[1]!, { topK: 60 });
      expect(matches).toHaveLength(40);
      expect(matches.some((m) => m.documentId === 'doc-1')).toBe(false);
      expect(matches[0]?.id).not.toBe('c-1');
      await store.deleteByDocument('never-stored');
      expect(await store.count()).toBe(40);
    });

    it('drop removes the index; the store (and another on the same key) then starts empty', async () => {
      const model = `test-${randomUUID()}`;
      const store = await fresh(16, model);
      const twin = await fresh(16, model);
      await store.upsert(chunksFor(randomVectors(30, 16, 8)));
      expect(await twin.count()).toBe(30);
      await store.drop();
      expect(await store.count()).toBe(0);
      expect(await twin.count()).toBe(0);
      await twin.upsert(chunksFor(randomVectors(2, 16, 9)));
      expect(await store.count()).toBe(2);
    });

    it('keeps two index keys (different models, versions and dimensions) apart', async () => {
      const small = await fresh(8, 'embed-small', 1);
      const large = await fresh(12, 'embed-small', 2);
      expect(small.name).not.toBe(large.name);
      const a = randomVectors(10, 8, 10);
      const b = randomVectors(25, 12, 11);
      await small.upsert(chunksFor(a, 2, 'a'));
      await large.upsert(chunksFor(b, 2, 'b'));
      expect(await small.count()).toBe(10);
      expect(await large.count()).toBe(25);
      expect((await small.query(a[0]!, { topK: 50 })).every((m) => m.id.startsWith('a-'))).toBe(true);
      expect((await large.query(b[0]!, { topK: 50 })).every((m) => m.id.startsWith('b-'))).toBe(true);
      await small.deleteByDocument('doc-0');
      expect(await large.count()).toBe(25);
      await expectCode(large.query(a[0]!, { topK: 1 }), 'INVALID_INPUT');
    });

    it('refuses bad input with INVALID_INPUT and writes nothing', async () => {
      const store = await fresh(4);
      const good = { id: 'ok', documentId: 'd', vector: [1, 0, 0, 0], metadata: {} };
      await store.upsert([good]);
      const bad: [string, unknown][] = [
        ['dimension mismatch', { ...good, id: 'x', vector: [1, 0, 0] }],
        ['too many dimensions', { ...good, id: 'x', vector: new Float32Array(5).fill(1) }],
        ['NaN', { ...good, id: 'x', vector: [1, Number.NaN, 0, 0] }],
        ['zero vector', { ...good, id: 'x', vector: [0, 0, 0, 0] }],
        ['empty id', { ...good, id: '' }],
        ['no document', { ...good, id: 'x', documentId: '' }],
        ['reserved metadata key', { ...good, id: 'x', metadata: { documentId: 'spoof' } }],
        ['nested metadata', { ...good, id: 'x', metadata: { tags: ['a'] } }],
        ['non-string collection', { ...good, id: 'x', metadata: { collection: 3 } }],
      ];
      for (const [what, chunk] of bad) {
        // The good chunk goes first: validation must reject the whole call before writing any of it.
        await expectCode(store.upsert([{ ...good, id: 'first' }, chunk as VectorChunk]), 'INVALID_INPUT', what);
      }
      expect(await store.count()).toBe(1);
      await expectCode(store.query([1, 0, 0], { topK: 1 }), 'INVALID_INPUT', 'query dimensions');
      await expectCode(store.query([1, 0, 0, 0], { topK: 0 }), 'INVALID_INPUT', 'topK 0');
      await expectCode(store.query([1, 0, 0, 0], { topK: 1.5 }), 'INVALID_INPUT', 'fractional topK');
      await expectCode(
        store.query([1, 0, 0, 0], { topK: 1, filter: { page: { $gt: 1 } as never } }),
        'INVALID_INPUT',
        'operator in filter',
      );
      await expectCode(store.query([1, 0, 0, 0], { topK: 1, filter: { documentId: 7 as never } }), 'INVALID_INPUT');
      await expectCode(store.deleteByDocument(''), 'INVALID_INPUT', 'empty document id');
      await store.upsert([]);
      expect(await store.count()).toBe(1);
    });

    it('pages through every chunk with its vector, text and metadata, in a stable order (backup export)', async () => {
      const store = await fresh(8);
      const vectors = randomVectors(45, 8, 13);
      const chunks = chunksFor(vectors);
      await store.upsert(chunks);
      const pages: VectorChunk[][] = [];
      for (let offset = 0; ; offset += 20) {
        const page = await store.page(offset, 20);
        if (page.length === 0) break;
        pages.push(page);
      }
      expect(pages.map((p) => p.length)).toEqual([20, 20, 5]);
      const byId = new Map(pages.flat().map((c) => [c.id, c]));
      expect(byId.size).toBe(45);
      for (const [i, chunk] of chunks.entries()) {
        const got = byId.get(chunk.id)!;
        expect(got).toMatchObject({ documentId: chunk.documentId, text: chunk.text, metadata: chunk.metadata });
        // Chroma may hand back a prepared (float32-rounded) copy: equal to float32 precision.
        expect(got.vector).toHaveLength(8);
        Array.from(got.vector).forEach((v, k) => expect(v).toBeCloseTo(vectors[i]![k]!, 5));
      }
      expect((await store.page(0, 45)).map((c) => c.id)).toEqual(pages.flat().map((c) => c.id));
    });

    it('upserts more chunks than one batch holds', async () => {
      const store = await fresh(8);
      const vectors = randomVectors(1_234, 8, 12);
      await store.upsert(chunksFor(vectors, 10));
      expect(await store.count()).toBe(1_234);
      const [best] = await store.query(vectors[1_233]!, { topK: 1 });
      expect(best?.id).toBe('c-1233');
      expect(best?.score).toBeCloseTo(cosine(vectors[1_233]!, vectors[1_233]!), 4);
    });
  });
}

async function expectCode(promise: Promise<unknown>, code: ErrorCode, what = ''): Promise<void> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `${what}: expected ${code}`).toBeInstanceOf(HearthError);
  expect((error as HearthError).code, what).toBe(code);
}
