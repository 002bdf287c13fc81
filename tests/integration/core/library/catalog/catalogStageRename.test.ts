import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { Catalog } from '../../../../../electron/core/library/catalog/Catalog';
import { migrateCatalog } from '../../../../../electron/core/library/catalog/catalogMigrations';
import { IngestionPipeline } from '../../../../../electron/core/library/pipeline/IngestionPipeline';
import { tempDir } from '../../../../helpers/tempCore';
import {
  fakeChunk,
  fakeEmbed,
  fakeParse,
  MemoryObjects,
  MemoryVectorStore,
} from '../../../../unit/core/library/pipeline/fakes';

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  dir = await tempDir('hearth-catalog-stage-');
});
afterEach(async () => {
  await dir.remove();
});

it("opens a version 5 catalogue with a job stopped at 'sniffed' as 'admitted', and resumes it to indexed", async () => {
  const file = join(dir.path, 'notes.txt');
  await writeFile(file, 'first paragraph\n\nsecond paragraph');
  const old = new DatabaseSync(join(dir.path, 'catalog.db'));
  migrateCatalog(old, 5);
  const insert = old.prepare(
    `INSERT INTO ingestion_jobs (id, batch_id, input, stage, attempts, error_code, error_message, created_at, updated_at)
     VALUES (?, 'b1', ?, ?, 1, ?, ?, 1, 1)`,
  );
  insert.run('crashed', JSON.stringify({ kind: 'path', path: file }), 'sniffed', null, null);
  insert.run('broken', JSON.stringify({ kind: 'path', path: file }), 'failed', 'NOT_FOUND', 'gone');
  old.close();

  const catalog = Catalog.open({ dataDir: dir.path });
  try {
    expect(catalog.jobs.get('crashed')?.stage).toBe('admitted');
    expect(catalog.jobs.get('broken')).toMatchObject({
      stage: 'failed',
      error: { code: 'NOT_FOUND', message: 'gone' },
    });
    expect(catalog.jobs.listResumable().map((j) => j.id)).toEqual(['crashed']);

    const vectors = new MemoryVectorStore();
    const pipeline = new IngestionPipeline({
      catalog,
      objects: new MemoryObjects(),
      vectors,
      embed: (texts) => fakeEmbed(texts),
      parse: fakeParse,
      chunk: fakeChunk,
      maxBytes: 1024,
      embeddingVersion: 1,
    });
    const resumed = await pipeline.resume();
    pipeline.dispose();
    expect(resumed.files).toEqual([expect.objectContaining({ jobId: 'crashed', stage: 'indexed' })]);
    expect(catalog.getDocument('crashed')?.status).toBe('indexed');
    expect(vectors.countFor('crashed')).toBe(2);
  } finally {
    catalog.dispose();
  }

  const db = new DatabaseSync(join(dir.path, 'catalog.db'));
  // The old name is gone from the schema too: a writer that still used it would fail loudly, not store it.
  expect(() =>
    db.exec(
      `INSERT INTO ingestion_jobs (id, batch_id, input, stage, created_at, updated_at) VALUES ('x', 'b', '{}', 'sniffed', 1, 1)`,
    ),
  ).toThrow(/CHECK constraint/);
  db.close();
});
