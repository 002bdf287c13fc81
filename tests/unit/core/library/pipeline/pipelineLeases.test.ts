import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Catalog } from '../../../../../electron/core/library/catalog/Catalog';
import { IngestionPipeline } from '../../../../../electron/core/library/pipeline/IngestionPipeline';
import type { ParseFn } from '../../../../../electron/core/library/pipeline/pipelineTypes';
import { tempDir, waitFor } from '../../../../helpers/tempCore';
import { fakeChunk, fakeEmbed, fakeParse, MemoryObjects, MemoryVectorStore } from './fakes';

/*
 * Two replicas' pipelines on one catalogue (two connections to one SQLite file, replica ids a and b) sharing an object
 * store and a vector store, on a clock the test moves: what each does with the other's jobs.
 */

const LEASE = 300;
let dir: Awaited<ReturnType<typeof tempDir>>;
let clock = 1_000_000;
let catalogs: Catalog[] = [];
let vectors: MemoryVectorStore;
let objects: MemoryObjects;

beforeEach(async () => {
  clock = 1_000_000;
  dir = await tempDir('hearth-pipeline-leases-');
  vectors = new MemoryVectorStore();
  objects = new MemoryObjects();
});
afterEach(async () => {
  for (const c of catalogs) c.dispose();
  catalogs = [];
  await dir.remove();
});

function replica(id: string, parse: ParseFn = fakeParse): { catalog: Catalog; pipeline: IngestionPipeline } {
  const catalog = Catalog.open({ dataDir: dir.path, now: () => clock, replica: { id, leaseMs: LEASE } });
  catalogs.push(catalog);
  const pipeline = new IngestionPipeline({
    catalog,
    objects,
    vectors,
    embed: (texts) => fakeEmbed(texts),
    parse,
    chunk: fakeChunk,
    maxBytes: 1024,
    embeddingVersion: 1,
  });
  return { catalog, pipeline };
}

/** A parse that hangs until its signal fires: a replica stalled in the middle of a file. */
const stalled: ParseFn = (_path, options) =>
  new Promise((_resolve, reject) =>
    options.signal?.addEventListener('abort', () => reject(new Error('stopped')), { once: true }),
  );

async function file(name: string, text: string): Promise<string> {
  const path = join(dir.path, name);
  await writeFile(path, text);
  return path;
}

describe('ingestion pipelines of two replicas', () => {
  it('a replica that stalls past its lease loses the job to another and stops, leaving it alone', async () => {
    const a = replica('a', stalled);
    const b = replica('b');
    const path = await file('notes.txt', 'one\n\ntwo\n\nthree');
    const running = a.pipeline.ingest([{ path }]);
    await waitFor('A to stall in the parse', () => a.catalog.jobs.list()[0]?.stage === 'stored');
    // A's renewals stop counting: the clock jumps past its lease, and B claims the job in the same tick.
    clock += 10 * LEASE;
    const resumed = b.pipeline.resume();
    const [mine] = (await resumed).files;
    expect(mine).toMatchObject({ stage: 'indexed' });
    // A's next renewal finds the job gone: its parse is stopped, and it neither fails nor cancels the job.
    const [theirs] = (await running).files;
    expect(theirs?.stage).toBe('indexed');
    const job = a.catalog.jobs.get(mine!.jobId)!;
    expect(job).toMatchObject({ stage: 'indexed', attempts: 2, lease: null, error: null });
    expect(a.catalog.listChunks(job.id).map((c) => c.text)).toEqual(['one', 'two', 'three']);
    expect(vectors.rows.size).toBe(3);
  });

  it('disposing a pipeline leaves its jobs where they stood, for another replica once released', async () => {
    const a = replica('a', stalled);
    const b = replica('b');
    const paths = [await file('1.txt', 'alpha'), await file('2.txt', 'beta'), await file('3.txt', 'gamma')];
    const running = a.pipeline.ingest(paths.map((path) => ({ path })));
    await waitFor('A to stall in its first parses', () => a.catalog.jobs.list().some((j) => j.stage === 'stored'));
    a.pipeline.dispose();
    await running;
    // Nothing was cancelled or failed, whether it was being parsed or still waiting for a worker.
    expect(
      a.catalog.jobs
        .list()
        .map((j) => j.stage)
        .filter((s) => s === 'cancelled' || s === 'failed'),
    ).toEqual([]);
    expect(b.catalog.jobs.claim()).toEqual([]);
    expect(a.catalog.jobs.release()).toBe(3);
    const result = await b.pipeline.resume();
    expect(result.files.map((f) => f.stage)).toEqual(['indexed', 'indexed', 'indexed']);
    expect(vectors.rows.size).toBe(3);
  });
});
