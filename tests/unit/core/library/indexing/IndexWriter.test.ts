import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Catalog } from '../../../../../electron/core/library/catalog/Catalog';
import type { DocumentRecord } from '../../../../../electron/core/library/catalog/catalogTypes';
import { IndexCache } from '../../../../../electron/core/library/indexing/IndexCache';
import { IndexWriter } from '../../../../../electron/core/library/indexing/IndexWriter';
import type { IndexKey } from '../../../../../electron/core/vectors/VectorStore';
import { tempDir } from '../../../../helpers/tempCore';
import { fakeEmbed, MemoryVectorStore } from '../pipeline/fakes';

let dir: Awaited<ReturnType<typeof tempDir>>;
let catalog: Catalog;
let stores: Map<string, MemoryVectorStore>;
let cache: IndexCache;
let embedCalls: number;
const signal = new AbortController().signal;

beforeEach(async () => {
  dir = await tempDir('hearth-index-writer-');
  catalog = Catalog.open({ dataDir: dir.path });
  stores = new Map();
  embedCalls = 0;
  cache = new IndexCache({
    indexes: catalog.indexes,
    open: async (k) => {
      const store = stores.get(k.model) ?? new MemoryVectorStore(k);
      stores.set(k.model, store);
      return store;
    },
  });
});
afterEach(async () => {
  await cache.dispose();
  catalog.dispose();
  await dir.remove();
});

function writer(activeIndex?: () => ReturnType<Catalog['indexes']['active']>): IndexWriter {
  return new IndexWriter({
    catalog,
    indexes: cache,
    embeddingVersion: 1,
    batchSize: 2,
    embed: async (texts) => {
      embedCalls++;
      return fakeEmbed(texts);
    },
    ...(activeIndex ? { activeIndex } : {}),
  });
}

function indexedDoc(id: string, passages: string[]): DocumentRecord {
  catalog.createDocument({
    id,
    name: `${id}.txt`,
    sourcePath: null,
    sha256: id,
    size: 1,
    collection: 'c',
    status: 'indexing',
  });
  catalog.replaceChunks(
    id,
    1,
    passages.map((text, ordinal) => ({ ordinal, text, tokenCount: 1, provenance: { lineStart: 1, lineEnd: 1 } })),
  );
  return catalog.updateDocument(id, { status: 'indexed' });
}

describe('IndexWriter', () => {
  it('writes a document in batches under its chunk ids, replacing what an earlier run left', async () => {
    const doc = indexedDoc('d1', ['one', 'two', 'three']);
    const index = cache.get({ model: 'fake', version: 1, dimensions: 8 });
    await index.upsert([{ id: 'stale', documentId: 'd1', vector: [1, 0, 0, 0, 0, 0, 0, 0], metadata: {} }]);
    const result = await writer().write(doc, { version: 1 }, signal);
    expect(result).toEqual({
      index: expect.objectContaining({ model: 'fake', version: 1, dimensions: 8 }),
      passages: 3,
    });
    expect(embedCalls).toBe(2);
    const rows = [...stores.get('fake')!.rows.values()];
    expect(rows.map((r) => r.id).sort()).toEqual(
      catalog
        .listChunks('d1')
        .map((c) => c.id)
        .sort(),
    );
    expect(rows.every((r) => r.metadata.collection === 'c')).toBe(true);
  });

  it('refuses vectors from another model than the target index names', async () => {
    const doc = indexedDoc('d1', ['one']);
    await expect(writer().write(doc, { model: 'wanted', version: 1 }, signal)).rejects.toMatchObject({
      code: 'MODEL_UNAVAILABLE',
    });
  });

  it('writeCurrent writes the default and active indexes and removes the document from every other one', async () => {
    const doc = indexedDoc('d1', ['one', 'two']);
    const old: IndexKey = { model: 'old', version: 0, dimensions: 8 };
    await cache.get(old).upsert([{ id: 'x', documentId: 'd1', vector: [1, 0, 0, 0, 0, 0, 0, 0], metadata: {} }]);
    await writer(() => null).writeCurrent(doc, signal);
    expect(stores.get('fake')!.countFor('d1')).toBe(2);
    expect(stores.get('old')!.countFor('d1')).toBe(0);
  });
});
