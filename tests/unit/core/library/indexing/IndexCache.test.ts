import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Catalog } from '../../../../../electron/core/library/catalog/Catalog';
import { IndexCache } from '../../../../../electron/core/library/indexing/IndexCache';
import type { IndexKey } from '../../../../../electron/core/vectors/VectorStore';
import { indexName } from '../../../../../electron/core/vectors/indexName';
import { tempDir } from '../../../../helpers/tempCore';
import { MemoryVectorStore } from '../pipeline/fakes';

let dir: Awaited<ReturnType<typeof tempDir>>;
let catalog: Catalog;
let opened: MemoryVectorStore[];
let cache: IndexCache;
const key: IndexKey = { model: 'fake', version: 1, dimensions: 8 };

beforeEach(async () => {
  dir = await tempDir('hearth-index-cache-');
  catalog = Catalog.open({ dataDir: dir.path });
  opened = [];
  cache = new IndexCache({
    indexes: catalog.indexes,
    open: async (k) => {
      const store = new MemoryVectorStore(k);
      opened.push(store);
      return store;
    },
  });
});
afterEach(async () => {
  await cache.dispose();
  catalog.dispose();
  await dir.remove();
});

describe('IndexCache', () => {
  it('records an index in the catalogue on first use and opens its backend once', async () => {
    const a = cache.get(key);
    expect(cache.get({ ...key })).toBe(a);
    expect(catalog.indexes.list().map((r) => r.name)).toEqual([indexName(key)]);
    expect(opened).toHaveLength(0);
    await a.count();
    await cache.get(key).count();
    expect(opened).toHaveLength(1);
  });

  it('knows every recorded index, also those not opened in this process', () => {
    const other: IndexKey = { model: 'other', version: 2, dimensions: 4 };
    catalog.indexes.record(other);
    cache.get(key);
    expect(
      cache
        .known()
        .map((s) => s.name)
        .sort(),
    ).toEqual([indexName(key), indexName(other)].sort());
  });

  it('forgets a dropped index everywhere: a later get starts a new one rather than reusing the dropped store', async () => {
    const first = cache.get(key);
    await first.upsert([{ id: 'c1', documentId: 'd', vector: [1, 0, 0, 0, 0, 0, 0, 0], metadata: {} }]);
    await cache.drop(key);
    expect(catalog.indexes.list()).toEqual([]);
    expect(cache.known()).toEqual([]);
    const again = cache.get(key);
    expect(again).not.toBe(first);
    expect(await again.count()).toBe(0);
    expect(opened).toHaveLength(2);
  });
});
