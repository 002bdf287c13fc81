import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Catalog } from '../../../../../electron/core/library/catalog/Catalog';
import {
  CATALOG_MIGRATIONS,
  CATALOG_SCHEMA_VERSION,
  migrateCatalog,
  schemaVersion,
} from '../../../../../electron/core/library/catalog/catalogMigrations';
import { tempDir } from '../../../../helpers/tempCore';

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  dir = await tempDir('hearth-catalog-migrate-');
});
afterEach(async () => {
  await dir.remove();
});

const tables = (db: DatabaseSync): string[] =>
  (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string }[]).map(
    (r) => r.name,
  );

describe('catalogue migrations', () => {
  it('creates a fresh file at the newest version with WAL and every table', () => {
    Catalog.open({ dataDir: dir.path }).dispose();
    const db = new DatabaseSync(join(dir.path, 'catalog.db'));
    expect(schemaVersion(db)).toBe(CATALOG_SCHEMA_VERSION);
    expect(CATALOG_SCHEMA_VERSION).toBe(CATALOG_MIGRATIONS.length);
    expect((db.prepare('PRAGMA journal_mode').get() as { journal_mode: string }).journal_mode).toBe('wal');
    expect(tables(db)).toEqual(expect.arrayContaining(['documents', 'chunks', 'ingestion_jobs', 'chunks_fts']));
    db.close();
  });

  it('brings a version 1 file with data forward to version 2, backfilling the keyword index', () => {
    const path = join(dir.path, 'catalog.db');
    const old = new DatabaseSync(path);
    migrateCatalog(old, 1);
    expect(schemaVersion(old)).toBe(1);
    expect(tables(old)).not.toContain('chunks_fts');
    old.exec(
      `INSERT INTO documents (id, name, status, created_at, updated_at) VALUES ('d1', 'old.txt', 'indexed', 1, 1)`,
    );
    old.exec(`INSERT INTO chunks (id, document_id, version, ordinal, text, provenance, token_count)
              VALUES ('c1', 'd1', 1, 0, 'written before keyword search existed', '{"page":1}', 6)`);
    old.close();

    const catalog = Catalog.open({ dataDir: dir.path });
    expect(catalog.keywordRowCount('d1')).toBe(1);
    expect(catalog.verifyKeywordIndex()).toBe(true);
    expect(catalog.keywordSearch('keyword search', { topK: 5 }).map((h) => h.chunkId)).toEqual(['c1']);
    expect(catalog.listChunks('d1')[0]?.provenance).toEqual({ page: 1 });
    catalog.dispose();

    const db = new DatabaseSync(path);
    expect(schemaVersion(db)).toBe(CATALOG_SCHEMA_VERSION);
    db.close();
  });

  it('brings a version 11 file forward with room for OCR boxes: old OCR chunks read without them, new ones keep theirs', () => {
    const path = join(dir.path, 'catalog.db');
    const old = new DatabaseSync(path);
    migrateCatalog(old, 11);
    old.exec(
      `INSERT INTO documents (id, name, status, created_at, updated_at) VALUES ('d1', 'scan.pdf', 'indexed', 1, 1)`,
    );
    old.exec(`INSERT INTO chunks (id, document_id, version, ordinal, text, provenance, token_count)
              VALUES ('c1', 'd1', 1, 0, 'read before boxes were kept', '{"page":2,"confidence":88}', 6)`);
    old.close();

    const catalog = Catalog.open({ dataDir: dir.path });
    const before = catalog.listChunks('d1')[0]!;
    expect(before.provenance).toEqual({ page: 2, confidence: 88 });
    expect(before).not.toHaveProperty('ocr');

    const ocr = { width: 2480, height: 3508, boxes: [[0.1, 0.2, 0.5, 0.02] as [number, number, number, number]] };
    const text = { text: 'read again', provenance: { page: 2, confidence: 90 }, tokenCount: 2 };
    catalog.replaceChunks('d1', 2, [
      { ordinal: 0, ...text, ocr },
      { ordinal: 1, ...text },
    ]);
    const [withBoxes, without] = catalog.listChunks('d1');
    expect(withBoxes?.ocr).toEqual(ocr);
    expect(without).not.toHaveProperty('ocr');
    expect(catalog.getChunks([withBoxes!.id])[0]?.ocr).toEqual(ocr);
    expect(() =>
      catalog.replaceChunks('d1', 3, [{ ordinal: 0, ...text, ocr: { ...ocr, boxes: [[0.1, 0.2, 1.5, 0.1]] } }]),
    ).toThrowError(expect.objectContaining({ code: 'INVALID_INPUT' }));
    catalog.dispose();

    // A damaged value costs the marks, never the passage.
    const db = new DatabaseSync(path);
    expect(schemaVersion(db)).toBe(13);
    db.exec(`UPDATE chunks SET ocr = '{"width":1' WHERE ordinal = 0`);
    db.close();
    const reopened = Catalog.open({ dataDir: dir.path });
    expect(reopened.listChunks('d1')[0]).toMatchObject({ text: 'read again' });
    expect(reopened.listChunks('d1')[0]).not.toHaveProperty('ocr');
    reopened.dispose();
  });

  it('runs only the missing steps, and each step exactly once', () => {
    const db = new DatabaseSync(join(dir.path, 'catalog.db'));
    const ran: number[] = [];
    const steps = [1, 2, 3].map((version) => ({ version, description: `v${version}`, up: () => ran.push(version) }));
    expect(migrateCatalog(db, 2, steps)).toEqual({ from: 0, to: 2 });
    expect(migrateCatalog(db, 3, steps)).toEqual({ from: 2, to: 3 });
    expect(migrateCatalog(db, 3, steps)).toEqual({ from: 3, to: 3 });
    expect(ran).toEqual([1, 2, 3]);
    db.close();
  });

  it('leaves the file at the last whole version when a step fails', () => {
    const db = new DatabaseSync(join(dir.path, 'catalog.db'));
    const steps = [
      { version: 1, description: 'ok', up: (d: DatabaseSync) => d.exec('CREATE TABLE a (x)') },
      {
        version: 2,
        description: 'breaks halfway',
        up: (d: DatabaseSync) => {
          d.exec('CREATE TABLE b (x)');
          throw new Error('boom');
        },
      },
    ];
    expect(() => migrateCatalog(db, 2, steps)).toThrow('boom');
    expect(schemaVersion(db)).toBe(1);
    expect(tables(db)).toEqual(['a']);
    db.close();
  });

  it('refuses a file written by a newer Hearth', () => {
    const db = new DatabaseSync(join(dir.path, 'catalog.db'));
    db.exec(`PRAGMA user_version = ${CATALOG_SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => Catalog.open({ dataDir: dir.path })).toThrowError(expect.objectContaining({ code: 'INTERNAL' }));
  });
});
