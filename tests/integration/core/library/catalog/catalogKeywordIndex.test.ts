import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Catalog } from '../../../../../electron/core/library/catalog/Catalog';
import { catalogDialect, openCatalog, openRawCatalog } from '../../../../helpers/catalogBackend';
import type { Provenance } from '../../../../../electron/core/library/catalog/catalogTypes';
import {
  CATALOG_SCHEMA_VERSION,
  migrateCatalog,
  schemaVersion,
} from '../../../../../electron/core/library/catalog/catalogMigrations';
import { tempDir } from '../../../../helpers/tempCore';

let dir: Awaited<ReturnType<typeof tempDir>>;
let catalog: Catalog;

function addIndexed(id: string, name: string, chunks: { text: string; provenance?: Provenance }[]): void {
  catalog.createDocument({ id, name, sha256: id });
  catalog.replaceChunks(
    id,
    1,
    chunks.map((c, ordinal) => ({
      ordinal,
      text: c.text,
      provenance: c.provenance ?? { lineStart: ordinal + 1, lineEnd: ordinal + 1 },
      tokenCount: 10,
    })),
  );
  catalog.updateDocument(id, { status: 'indexed' });
}

const ids = (query: string, topK = 10): string[] => catalog.keywordSearch(query, { topK }).map((h) => h.chunkId);

beforeEach(async () => {
  dir = await tempDir('hearth-keyword-index-');
  catalog = openCatalog({ dataDir: dir.path });
});
afterEach(async () => {
  catalog.dispose();
  await dir.remove();
});

describe('keyword index v3', () => {
  it('finds a Chinese or Japanese word inside a sentence, and a Thai one', () => {
    addIndexed('ja', 'notes-ja.txt', [{ text: '私は東京に住んでいます。毎朝コーヒーを飲みます。' }]);
    addIndexed('zh', 'notes-zh.txt', [{ text: '我们明天去北京大学参观图书馆。' }]);
    addIndexed('th', 'notes-th.txt', [{ text: 'ภาษาไทยง่ายนิดเดียว' }]);
    expect(ids('東京')).toEqual(['ja:1:0']);
    expect(ids('コーヒー')).toEqual(['ja:1:0']);
    expect(ids('图书馆')).toEqual(['zh:1:0']);
    expect(ids('东京')).toEqual([]);
    expect(ids('ไทย')).toEqual(['th:1:0']);
  });

  it('stems English words: running finds the passage that says runs', () => {
    addIndexed('d', 'd.txt', [{ text: 'The service runs every night.' }, { text: 'Connections are listed here.' }]);
    expect(ids('running')).toEqual(['d:1:0']);
    expect(ids('run')).toEqual(['d:1:0']);
    expect(ids('connection')).toEqual(['d:1:1']);
  });

  it('ranks the form a word is written in above its other forms', () => {
    addIndexed('d', 'd.txt', [
      { text: 'The old service was running every night.' },
      { text: 'The old service runs fast every night.' },
    ]);
    expect(ids('runs')).toEqual(['d:1:1', 'd:1:0']);
    expect(ids('running')).toEqual(['d:1:0', 'd:1:1']);
  });

  it('leaves stop words out, so the words a question is about decide', () => {
    addIndexed('d', 'd.txt', [
      { text: 'What is it that we have here, and what was it for? It is all of this and that.' },
      { text: 'Backups of the database run nightly.' },
    ]);
    expect(ids('what is the backup of the database?')).toEqual(['d:1:1']);
    // A query of stop words alone still searches them.
    expect(ids('what is that')).toEqual(['d:1:0']);
  });

  it('ranks by BM25 over any word: close words above scattered ones, a rare word above many everyday ones', () => {
    addIndexed('d', 'd.txt', [
      { text: 'Sourdough sourdough sourdough sourdough starter recipe.' },
      { text: 'The crust forms in a hot oven; the bread is ready when it sounds hollow.' },
      { text: 'Bread needs an oven that is preheated for an hour, some people say it must be very hot.' },
      { text: 'A hot oven bakes bread with a dark crust.' },
    ]);
    const hits = catalog.keywordSearch('hot oven bread', { topK: 10 });
    expect(hits.map((h) => h.chunkId).slice(0, 3)).toEqual(['d:1:3', 'd:1:1', 'd:1:2']);
    expect(hits.every((h, i) => i === 0 || h.score <= hits[i - 1]!.score)).toBe(true);
    // No passage holds both words: passages holding either are ranked.
    expect(ids('sourdough oven')).toHaveLength(4);

    // A paraphrase shares one telling word with its passage and everyday words with many others.
    addIndexed(
      'e',
      'e.txt',
      Array.from({ length: 12 }, (_, i) => ({ text: `Change the file and keep the change in file number ${i}.` })),
    );
    addIndexed('s', 's.txt', [{ text: 'Stash puts your work aside for later.' }]);
    expect(ids('keep my file change aside', 3)[0]).toBe('s:1:0');
  });

  it('past the scoring budget, ranks rows holding a rarer word by the whole query, and every-word rows first when all words are common', () => {
    // More rows hold "common" than one search scores; a few hold the rare word too.
    const texts = Array.from({ length: 3100 }, (_, i) => ({ text: `common filler row ${i}` }));
    texts[10] = { text: 'common common rare words here' };
    texts[20] = { text: 'rare alone' };
    texts[30] = { text: 'common filler common filler common filler' };
    addIndexed('big', 'big.txt', texts);
    const rare = catalog.keywordSearch('rare common', { topK: 5, minHits: 2 });
    // Enough rows hold the rare word: rows holding only the everyday one are not looked at; the whole-query order.
    expect(rare.map((h) => h.chunkId)).toEqual(['big:1:10', 'big:1:20']);
    expect(rare[0]!.score).toBeGreaterThan(rare[1]!.score);
    // Too few: rows holding the everyday word fill up, below them.
    const filled = catalog.keywordSearch('rare common', { topK: 5 });
    expect(filled.map((h) => h.chunkId).slice(0, 2)).toEqual(['big:1:10', 'big:1:20']);
    expect(filled).toHaveLength(5);
    expect(filled.every((h, i) => i === 0 || h.score <= filled[i - 1]!.score)).toBe(true);
    // Every word beyond the budget: rows holding all of them, enough of them, and the densest first.
    const common = catalog.keywordSearch('common filler', { topK: 3, minHits: 3 });
    expect(common).toHaveLength(3);
    expect(common[0]!.chunkId).toBe('big:1:30');
  });

  it('weighs the title (document name, headings) above the body', () => {
    addIndexed('manual', 'manual.md', [
      {
        text: 'Press the button twice to pair the remote. Pairing takes a minute.',
        provenance: { headingPath: ['Setup'] },
      },
      { text: 'Batteries last a year.', provenance: { headingPath: ['Pairing', 'Remote'] } },
    ]);
    expect(ids('pairing')).toEqual(['manual:1:1', 'manual:1:0']);
    addIndexed('guide', 'Firmware update guide.pdf', [{ text: 'Download it and follow the steps.' }]);
    expect(ids('firmware')).toEqual(['guide:1:0']);
    // A rename reaches the title column of the document's passages.
    catalog.updateDocument('guide', { name: 'Upgrade guide.pdf' });
    expect(ids('firmware')).toEqual([]);
    expect(ids('upgrade')).toEqual(['guide:1:0']);
    expect(catalog.verifyKeywordIndex()).toBe(true);
  });

  it('counts chunks again after any write, including cascades and other connections', () => {
    addIndexed('a', 'a.txt', [{ text: 'one' }, { text: 'two' }]);
    expect(catalog.chunkCount()).toBe(2);
    catalog.deleteDocument('a');
    expect(catalog.chunkCount()).toBe(0);
    addIndexed('b', 'b.txt', [{ text: 'three' }]);
    const other = openRawCatalog(dir.path);
    other.exec(`DELETE FROM documents WHERE id = 'b'`);
    other.close();
    expect(catalog.chunkCount()).toBe(0);
    expect(catalog.keywordRowCount()).toBe(0);
  });

  it('keeps one index row per chunk through replace and delete', () => {
    addIndexed('a', 'a.txt', [{ text: 'alpha one' }, { text: 'alpha two' }]);
    addIndexed('b', 'b.txt', [{ text: 'beta' }]);
    catalog.replaceChunks('a', 2, [{ ordinal: 0, text: 'gamma', provenance: { page: 1 }, tokenCount: 1 }]);
    catalog.deleteDocument('b');
    expect(catalog.keywordRowCount()).toBe(catalog.chunkCount());
    expect(catalog.keywordRowCount('a')).toBe(1);
    expect(catalog.verifyKeywordIndex()).toBe(true);
    expect(ids('alpha')).toEqual([]);
    expect(ids('gamma')).toEqual(['a:2:0']);
  });

  // FTS5's own structure: an emptied contentless index that verify must notice and rebuild must refill.
  it.runIf(catalogDialect() === 'sqlite')('repairs an emptied FTS5 index', () => {
    addIndexed('a', 'a.txt', [{ text: 'gamma' }]);
    const raw = new DatabaseSync(join(dir.path, 'catalog.db'));
    raw.exec(`INSERT INTO chunks_fts (chunks_fts) VALUES ('delete-all')`);
    raw.close();
    expect(catalog.verifyKeywordIndex()).toBe(false);
    catalog.rebuildKeywordIndex();
    expect(catalog.verifyKeywordIndex()).toBe(true);
    expect(ids('gamma')).toEqual(['a:1:0']);
  });

  // PostgreSQL generates the tsvector from the row, so what can break is the GIN index (dropped, or left invalid by a
  // failed build) and the keyword text the core writes next to the chunk (the title here).
  it.runIf(catalogDialect() === 'postgres')('repairs a missing GIN index and stale keyword text', () => {
    addIndexed('guide', 'Firmware guide.pdf', [{ text: 'gamma' }]);
    const raw = openRawCatalog(dir.path);
    raw.exec(`DROP INDEX chunks_tsv; UPDATE chunks SET kw_title = ''`);
    raw.close();
    expect(catalog.verifyKeywordIndex()).toBe(false);
    expect(ids('firmware')).toEqual([]);
    catalog.rebuildKeywordIndex();
    expect(catalog.verifyKeywordIndex()).toBe(true);
    expect(ids('firmware')).toEqual(['guide:1:0']);
    expect(ids('gamma')).toEqual(['guide:1:0']);
  });

  // SQLite file migrations from an old schema; a PostgreSQL catalogue is created at its current schema.
  it.runIf(catalogDialect() === 'sqlite')('backfills the new index when an existing catalogue is migrated', () => {
    catalog.dispose();
    const dataDir = join(dir.path, 'v6');
    mkdirSync(dataDir);
    const path = join(dataDir, 'catalog.db');
    const old = new DatabaseSync(path);
    migrateCatalog(old, 6);
    old.exec(
      `INSERT INTO documents (id, name, status, created_at, updated_at) VALUES ('d1', 'Oven manual.txt', 'indexed', 1, 1)`,
    );
    old.exec(`INSERT INTO chunks (id, document_id, version, ordinal, text, provenance, token_count) VALUES
      ('c1', 'd1', 1, 0, 'The timer runs for an hour.', '{"headingPath":["Cleaning"]}', 6),
      ('c2', 'd1', 1, 1, '東京のオーブンの説明書です。', '{"page":2}', 6)`);
    // Version 6 found only whole runs of unspaced text and no stems.
    expect(old.prepare(`SELECT count(*) AS n FROM chunks_fts WHERE chunks_fts MATCH '"running"'`).get()).toEqual(
      expect.objectContaining({ n: 0 }),
    );
    old.close();

    catalog = openCatalog({ dataDir });
    expect(catalog.keywordRowCount()).toBe(2);
    expect(catalog.verifyKeywordIndex()).toBe(true);
    expect(ids('running')).toEqual(['c1']);
    expect(ids('cleaning')).toEqual(['c1']);
    expect(ids('東京')).toEqual(['c2']);
    // The document name is in both passages' titles; which comes first is down to their lengths.
    expect(ids('oven manual').sort()).toEqual(['c1', 'c2']);
    expect(ids('runs')).toEqual(['c1']);
    const db = new DatabaseSync(path);
    expect(schemaVersion(db)).toBe(CATALOG_SCHEMA_VERSION);
    db.close();
  });
});
