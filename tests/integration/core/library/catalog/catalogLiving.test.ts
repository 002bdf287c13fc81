import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Catalog } from '../../../../../electron/core/library/catalog/Catalog';
import { catalogDialect, openCatalog } from '../../../../helpers/catalogBackend';
import { migrateCatalog } from '../../../../../electron/core/library/catalog/catalogMigrations';
import { tempDir } from '../../../../helpers/tempCore';

let dir: Awaited<ReturnType<typeof tempDir>>;
let catalog: Catalog;
beforeEach(async () => {
  dir = await tempDir('hearth-catalog-living-');
});
afterEach(async () => {
  catalog?.dispose();
  await dir.remove();
});

const doc = (id: string, collection: string | null, sha: string) =>
  catalog.createDocument({
    id,
    name: `${id}.md`,
    sourcePath: `/w/${id}.md`,
    sha256: sha,
    size: 10,
    collection,
    status: 'indexed',
  });

describe('the living library in the catalogue (schema v5)', () => {
  it('renames, moves and deletes collections, queueing the moved documents for a vector rewrite', () => {
    catalog = openCatalog({ dataDir: dir.path });
    doc('a', 'One', 'a1');
    doc('b', 'One', 'b1');
    doc('c', null, 'c1');
    catalog.collectionTable.ensure('One');
    catalog.conversations.create({ title: 't', collection: 'One' });
    expect(() => catalog.collectionTable.create('One')).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
    expect(catalog.collectionTable.rename('One', 'Two').sort()).toEqual(['a', 'b']);
    expect(catalog.conversations.list()[0]?.collection).toBe('Two');
    expect(catalog.collectionTable.refreshQueue().sort()).toEqual(['a', 'b']);
    expect(catalog.collectionTable.move(['a', 'c'], 'Two')).toEqual(['c']);
    expect(catalog.collectionTable.remove('Two').sort()).toEqual(['a', 'b', 'c']);
    expect(catalog.collections()).toEqual([]);
    expect(() => catalog.collectionTable.rename('Two', 'Three')).toThrow(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
    catalog.deleteDocument('a');
    expect(catalog.collectionTable.refreshQueue().sort()).toEqual(['b', 'c']);
  });

  it('keeps watched folders apart and finds documents under them, not beside them', () => {
    catalog = openCatalog({ dataDir: dir.path });
    const folder = catalog.folders.add({ path: '/w', collection: null });
    expect(() => catalog.folders.add({ path: '/w/sub', collection: null })).toThrow(
      expect.objectContaining({ code: 'CONFLICT' }),
    );
    catalog.folders.add({ path: '/wide', collection: null });
    doc('a', null, 'a1');
    catalog.createDocument({ id: 'x', name: 'x.md', sourcePath: '/wide/x.md', status: 'pending' });
    expect(catalog.folders.documentsUnder('/w').map((d) => d.id)).toEqual(['a']);
    catalog.folders.putFile({ path: '/w/a.md', folderId: folder.id, size: 1, mtimeMs: 2, sha256: 'a1' });
    expect(catalog.folders.filesUnder('/w')).toHaveLength(1);
    expect(catalog.folders.remove(folder.id)).toBe(true);
    expect(catalog.folders.file('/w/a.md')).toBeUndefined();
  });

  it('tracks revisions and re-embed runs', () => {
    catalog = openCatalog({ dataDir: dir.path });
    const a = doc('a', null, 'a1');
    catalog.versions.recordCurrent(a);
    catalog.versions.begin({ documentId: 'a', version: 2, sha256: 'a2', size: 3, objectKey: 'k2', origin: 'disk' });
    expect(catalog.versions.inFlight()).toMatchObject([{ version: 2, status: 'pending' }]);
    catalog.versions.setStatus('a', 2, 'embedding');
    expect(catalog.versions.list('a').map((v) => [v.version, v.status])).toEqual([
      [2, 'embedding'],
      [1, 'superseded'],
    ]);
    expect(catalog.versions.latest('a')).toBe(2);
    const run = catalog.reembeds.start('m', 1);
    catalog.reembeds.markDone(run.id, 'a');
    catalog.reembeds.markDone(run.id, 'a');
    expect(catalog.reembeds.running()).toMatchObject({ id: run.id, done: 1 });
    catalog.reembeds.finish(run.id, 'complete');
    expect(catalog.reembeds.latest()).toMatchObject({ status: 'complete', done: 1 });
    expect(catalog.reembeds.running()).toBeUndefined();
  });
});

// A SQLite file written by an older Hearth: PostgreSQL catalogues start at the current schema (postgresCatalogSchema).
describe.runIf(catalogDialect() === 'sqlite')('the living library on an older SQLite file', () => {
  it('brings a v4 file forward: collections and current versions backfilled from documents', () => {
    const old = new DatabaseSync(join(dir.path, 'catalog.db'));
    migrateCatalog(old, 4);
    old.exec(`INSERT INTO documents (id, name, collection, sha256, size, status, created_at, updated_at)
              VALUES ('d1', 'a.md', 'Research', 'aa', 5, 'indexed', 7, 7), ('d2', 'b.md', NULL, 'bb', 6, 'failed', 8, 8)`);
    old.close();
    catalog = openCatalog({ dataDir: dir.path });
    expect(catalog.collectionTable.list()).toEqual([{ name: 'Research', createdAt: 7, documents: 1, bytes: 5 }]);
    expect(catalog.versions.list('d1')).toMatchObject([
      { version: 1, sha256: 'aa', status: 'current', origin: 'ingest' },
    ]);
    expect(catalog.versions.list('d2')).toEqual([]);
  });
});
