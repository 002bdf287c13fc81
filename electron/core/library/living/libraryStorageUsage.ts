import { stat } from 'node:fs/promises';
import type { LibraryStorage } from '../../../shared/livingLibrarySchemas';
import { diskUsage } from '../../storage/diskUsage';
import type { VectorStore, IndexKey } from '../../vectors/VectorStore';
import type { Catalog } from '../catalog/Catalog';
import type { UsageCache } from './UsageCache';

/** What the storage view reads. */
export interface StorageUsageDeps {
  catalog: Catalog;
  index: (key: IndexKey) => VectorStore;
  /** Where Chroma keeps its data; null when vectors live in an external PostgreSQL. */
  vectorsDir: string | null;
  modelsDir: string;
  modelCount: () => number;
  /**
   * Folder sizes (keys `dir:<path>`) and vector counts (keys `vectors:<index>`), kept between calls; the part marks
   * them stale when the library or the models change.
   */
  cache: UsageCache;
}

/** How long one index may take to say its size before the view shows it as unknown. */
const COUNT_TIMEOUT_MS = 3_000;

/**
 * Sizes for the storage view; an index that cannot be counted (the vector store is down) shows null. Counts and sums
 * of documents are SQL aggregates; folder walks and vector counts come from the cache unless something changed.
 */
export async function libraryStorageUsage(d: StorageUsageDeps): Promise<LibraryStorage> {
  const originals = d.catalog.listing.originals();
  const folderSize = async (path: string): Promise<number> =>
    (await d.cache.get(`dir:${path}`, () => diskUsage(path))) ?? 0;
  const active = d.catalog.indexes.active()?.name ?? null;
  const indexes = await Promise.all(
    d.catalog.indexes.list().map(async (record) => ({
      name: record.name,
      model: record.model,
      version: record.version,
      dimensions: record.dimensions,
      active: record.name === active,
      vectors: await d.cache.get(`vectors:${record.name}`, () =>
        Promise.race([
          d.index(record).count(),
          new Promise<null>((resolve) => setTimeout(() => resolve(null), COUNT_TIMEOUT_MS).unref()),
        ]),
      ),
    })),
  );
  const fileSize = async (path: string): Promise<number> => (await stat(path).catch(() => null))?.size ?? 0;
  const catalogue = d.catalog.path;
  return {
    originals,
    vectors: { path: d.vectorsDir ?? '', bytes: d.vectorsDir ? await folderSize(d.vectorsDir) : 0, indexes },
    keyword: { chunks: d.catalog.chunkCount() },
    models: { path: d.modelsDir, bytes: await folderSize(d.modelsDir), count: d.modelCount() },
    catalogue: {
      path: catalogue,
      bytes: (await fileSize(catalogue)) + (await fileSize(`${catalogue}-wal`)),
    },
    collections: d.catalog.collectionTable.list(),
  };
}
