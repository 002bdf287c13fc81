import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Catalog } from '../../../../electron/core/library/catalog/Catalog';
import { KeywordThread } from '../../../../electron/core/library/catalog/KeywordThread';
import { repoRoot, tempDir, testPlatform } from '../../../helpers/tempCore';
import { addIndexedDocument } from '../../../helpers/indexedDocument';

let dir: Awaited<ReturnType<typeof tempDir>>;
let catalog: Catalog;
let thread: KeywordThread;
const warnings: unknown[] = [];

const addIndexed = (id: string, texts: string[]): void => addIndexedDocument(catalog, id, texts);

beforeEach(async () => {
  dir = await tempDir('hearth-keyword-thread-');
  catalog = Catalog.open({ dataDir: dir.path });
  const script = testPlatform(dir.path).keywordWorker!;
  thread = new KeywordThread({
    entry: script.entry,
    execArgv: script.execArgv ?? [],
    catalogPath: catalog.path,
    logger: { warn: (...args: unknown[]) => warnings.push(args) },
  });
  addIndexed('recipes', [
    'A sourdough starter needs flour, water and salt.',
    'Sourdough bread forms a crust in a hot oven.',
  ]);
  addIndexed('taxes', ['The invoice total includes the café receipts.', 'Bread money, as slang.']);
});
afterEach(async () => {
  await thread.dispose();
  catalog.dispose();
  await dir.remove();
});

describe('keyword search in its own thread', () => {
  it('returns what the catalogue returns in the core thread, for every mode and filter', async () => {
    for (const options of [
      { topK: 10 },
      { topK: 1 },
      { topK: 10, match: 'all' as const },
      { topK: 10, match: 'prefix' as const },
      { topK: 10, documentIds: ['taxes'] },
    ]) {
      expect(await thread.search('sourdough bread', options)).toEqual(
        catalog.keywordSearch('sourdough bread', options),
      );
    }
    expect((await thread.search('sourdough bread', { topK: 10 }))[0]).toMatchObject({ documentId: 'recipes' });
  });

  it('sees every write the core commits, and searches in parallel', async () => {
    expect(await thread.search('zeppelin', { topK: 5 })).toEqual([]);
    addIndexed('air', ['A zeppelin floats over the harbour.']);
    const [a, b] = await Promise.all([thread.search('zeppelin', { topK: 5 }), thread.search('harbour', { topK: 5 })]);
    expect(a.map((h) => h.chunkId)).toEqual(['air:1:0']);
    expect(b.map((h) => h.chunkId)).toEqual(['air:1:0']);
    catalog.deleteDocument('air');
    expect(await thread.search('zeppelin', { topK: 5 })).toEqual([]);
  });

  it('reports bad input as the catalogue does, and stops cleanly', async () => {
    await expect(thread.search('bread', { topK: 0 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    await thread.dispose();
    await expect(thread.search('bread', { topK: 5 })).rejects.toMatchObject({ code: 'CANCELLED' });
  });

  it('fails a search with INTERNAL and a log line when its thread cannot run, and tries again next time', async () => {
    const broken = new KeywordThread({
      entry: join(repoRoot, 'tests/fixtures/missing-keyword-worker.mjs'),
      catalogPath: catalog.path,
      logger: { warn: (...args: unknown[]) => warnings.push(args) },
    });
    await expect(broken.search('bread', { topK: 5 })).rejects.toMatchObject({ code: 'INTERNAL' });
    const logged = warnings.length;
    expect(logged).toBeGreaterThan(0);
    await expect(broken.search('bread', { topK: 5 })).rejects.toMatchObject({ code: 'INTERNAL' });
    expect(warnings.length).toBeGreaterThan(logged);
    await broken.dispose();
    // A live thread keeps answering after a failed search elsewhere.
    expect((await thread.search('bread', { topK: 5 })).length).toBeGreaterThan(0);
  });
});
