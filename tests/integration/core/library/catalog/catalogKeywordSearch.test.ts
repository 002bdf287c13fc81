import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Catalog } from '../../../../../electron/core/library/catalog/Catalog';
import { openCatalog } from '../../../../helpers/catalogBackend';
import { tempDir } from '../../../../helpers/tempCore';
import { addIndexedDocument } from '../../../../helpers/indexedDocument';

let dir: Awaited<ReturnType<typeof tempDir>>;
let catalog: Catalog;

const addIndexed = (id: string, collection: string, texts: string[]): void =>
  addIndexedDocument(catalog, id, texts, collection);

beforeEach(async () => {
  dir = await tempDir('hearth-catalog-fts-');
  catalog = openCatalog({ dataDir: dir.path });
  addIndexed('recipes', 'home', [
    'A sourdough starter needs flour, water and salt.',
    'Bread bread bread: the crust of sourdough bread forms in a hot oven.',
    'Tomato soup with basil.',
  ]);
  addIndexed('taxes', 'work', ['The invoice total includes the café receipts.', 'Bread money, as slang.']);
});
afterEach(async () => {
  catalog.dispose();
  await dir.remove();
});

describe('keyword search', () => {
  it('ranks the chunk that is most about the words first', () => {
    const hits = catalog.keywordSearch('sourdough bread', { topK: 10 });
    expect(hits[0]).toMatchObject({ chunkId: 'recipes:1:1', documentId: 'recipes' });
    expect(hits.map((h) => h.chunkId)).toContain('taxes:1:1');
    expect(hits.every((h, i) => i === 0 || h.score <= hits[i - 1]!.score)).toBe(true);
    expect(hits[0]!.score).toBeGreaterThan(0);
    expect(catalog.keywordSearch('sourdough bread', { topK: 1 })).toHaveLength(1);
  });

  it('filters by document and by collection', () => {
    expect(
      new Set(catalog.keywordSearch('bread', { topK: 10, documentIds: ['taxes'] }).map((h) => h.documentId)),
    ).toEqual(new Set(['taxes']));
    expect(catalog.keywordSearch('bread', { topK: 10, collections: ['home'] }).map((h) => h.chunkId)).toEqual([
      'recipes:1:1',
    ]);
    expect(catalog.keywordSearch('bread', { topK: 10, collections: [] })).toEqual([]);
  });

  it('requires every word in "all" mode and ignores documents not yet indexed', () => {
    expect(catalog.keywordSearch('sourdough salt', { topK: 10, match: 'all' }).map((h) => h.chunkId)).toEqual([
      'recipes:1:0',
    ]);
    catalog.updateDocument('taxes', { status: 'indexing' });
    expect(catalog.keywordSearch('invoice', { topK: 10 })).toEqual([]);
  });

  it('finds longer words from their start in "prefix" mode only', () => {
    expect(catalog.keywordSearch('sour', { topK: 10 })).toEqual([]);
    expect(
      catalog
        .keywordSearch('sour', { topK: 10, match: 'prefix' })
        .map((h) => h.chunkId)
        .sort(),
    ).toEqual(['recipes:1:0', 'recipes:1:1']);
    expect(catalog.keywordSearch('tomat bas', { topK: 10, match: 'prefix' }).map((h) => h.chunkId)).toEqual([
      'recipes:1:2',
    ]);
  });

  it('matches without diacritics', () => {
    expect(catalog.keywordSearch('cafe', { topK: 5 }).map((h) => h.chunkId)).toEqual(['taxes:1:0']);
    expect(catalog.keywordSearch('CAFÉ', { topK: 5 }).map((h) => h.chunkId)).toEqual(['taxes:1:0']);
  });

  it('never throws on hostile query strings', () => {
    const hostile = [
      '',
      '   ',
      '"',
      '"bread',
      'bread"',
      "'; DROP TABLE chunks; --",
      'NEAR(bread soup, 2)',
      'bread NEAR soup',
      '*',
      'bread*',
      '-bread',
      'bread -soup',
      'text:bread',
      '{text}: bread',
      '^bread',
      'bread AND OR NOT',
      'AND',
      '(((',
      '🍞 bread 🍞',
      '東京',
      'e\u0301',
      '\u0000bread',
      'x'.repeat(10_000),
      Array.from({ length: 500 }, (_, i) => `w${i}`).join(' '),
    ];
    for (const q of hostile) expect(() => catalog.keywordSearch(q, { topK: 10 }), q.slice(0, 40)).not.toThrow();
    expect(catalog.keywordSearch('NEAR(bread soup, 2)', { topK: 10 }).length).toBeGreaterThan(0);
    expect(catalog.chunkCount()).toBe(5);
  });

  it('rejects a topK out of range', () => {
    expect(() => catalog.keywordSearch('bread', { topK: 0 })).toThrowError(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
  });
});
