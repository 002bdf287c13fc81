import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { Catalog } from '../../../../../electron/core/library/catalog/Catalog';
import { chunkDocument } from '../../../../../electron/core/library/parse/chunkDocument';
import { parseFile } from '../../../../../electron/core/library/parse/parseFile';
import { IngestionPipeline } from '../../../../../electron/core/library/pipeline/IngestionPipeline';
import { walkInputs } from '../../../../../electron/core/library/pipeline/walkInputs';
import { binaryBytes, CODE, MARKDOWN } from '../../../../fixtures/corpus/corpusFiles';
import { tempDir } from '../../../../helpers/tempCore';
import { fakeEmbed, MemoryObjects, MemoryVectorStore } from '../../../../unit/core/library/pipeline/fakes';

let dir: Awaited<ReturnType<typeof tempDir>>;
let catalog: Catalog;
beforeAll(async () => {
  dir = await tempDir('hearth-ingest-');
  catalog = Catalog.open({ dataDir: join(dir.path, 'data') });
});
afterAll(async () => {
  catalog.dispose();
  await dir.remove();
});

it('indexes a small corpus once each, with matching chunk counts, and reports the hostile file', async () => {
  const src = join(dir.path, 'src');
  await import('node:fs/promises').then((fs) => fs.mkdir(src));
  await writeFile(join(src, 'notes.md'), MARKDOWN);
  await writeFile(join(src, 'add.ts'), CODE);
  await writeFile(join(src, 'long.md'), `# Long\n\n${'Lorem ipsum dolor sit amet. '.repeat(400)}`);
  await writeFile(join(src, 'binary.txt'), binaryBytes());
  await writeFile(join(src, '.DS_Store'), 'junk');
  const vectors = new MemoryVectorStore();
  const pipeline = new IngestionPipeline({
    catalog,
    objects: new MemoryObjects(),
    vectors,
    embed: (texts) => fakeEmbed(texts),
    parse: parseFile,
    chunk: chunkDocument,
    maxBytes: 1024 * 1024,
    embeddingVersion: 1,
    chunkTokens: 128,
    overlapTokens: 16,
  });
  const inputs = await walkInputs([src]);
  const first = await pipeline.ingest(inputs);
  const second = await pipeline.ingest(inputs);
  pipeline.dispose();

  const byName = new Map(first.files.map((f) => [f.name, f]));
  expect([...byName.keys()].sort()).toEqual(['add.ts', 'binary.txt', 'long.md', 'notes.md']);
  expect(byName.get('binary.txt')).toMatchObject({ stage: 'failed', error: { code: 'UNSUPPORTED_FILE' } });
  expect(second.files.filter((f) => f.stage === 'indexed').every((f) => f.duplicate)).toBe(true);

  const indexed = catalog.listDocuments({ status: 'indexed' });
  expect(indexed.map((d) => d.name).sort()).toEqual(['add.ts', 'long.md', 'notes.md']);
  for (const doc of indexed) {
    expect(catalog.chunkCount(doc.id)).toBeGreaterThan(0);
    expect(vectors.countFor(doc.id)).toBe(catalog.chunkCount(doc.id));
  }
  expect(catalog.chunkCount(indexed.find((d) => d.name === 'long.md')!.id)).toBeGreaterThan(1);
  expect(await vectors.count()).toBe(catalog.chunkCount());
  expect(catalog.keywordRowCount()).toBe(catalog.chunkCount());
});
