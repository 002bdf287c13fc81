import { mkdir, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Catalog } from '../../../../../electron/core/library/catalog/Catalog';
import { IngestionPipeline } from '../../../../../electron/core/library/pipeline/IngestionPipeline';
import type {
  EmbedFn,
  FileProgress,
  IngestProgress,
} from '../../../../../electron/core/library/pipeline/pipelineTypes';
import { tempDir } from '../../../../helpers/tempCore';
import { fakeChunk, fakeEmbed, fakeParse, MemoryObjects, MemoryVectorStore } from './fakes';

let dir: Awaited<ReturnType<typeof tempDir>>;
let catalog: Catalog;
let vectors: MemoryVectorStore;
let objects: MemoryObjects;

beforeEach(async () => {
  dir = await tempDir('hearth-pipeline-');
  catalog = Catalog.open({ dataDir: dir.path });
  vectors = new MemoryVectorStore();
  objects = new MemoryObjects();
});
afterEach(async () => {
  catalog.dispose();
  await dir.remove();
});

function pipeline(overrides: { embed?: EmbedFn; concurrency?: number } = {}): IngestionPipeline {
  return new IngestionPipeline({
    catalog,
    objects,
    vectors,
    embed: overrides.embed ?? ((texts) => fakeEmbed(texts)),
    parse: fakeParse,
    chunk: fakeChunk,
    maxBytes: 1024,
    embeddingVersion: 3,
    batchSize: 2,
    concurrency: overrides.concurrency ?? 2,
  });
}

async function file(name: string, text: string): Promise<string> {
  const path = join(dir.path, name);
  await writeFile(path, text);
  return path;
}

describe('IngestionPipeline', () => {
  it('runs the stages in order and indexes chunks in catalogue and vectors alike', async () => {
    const path = await file('a.txt', 'one\n\ntwo\n\nthree');
    const events: IngestProgress[] = [];
    const result = await pipeline().ingest([{ path }], { collection: 'c', onProgress: (e) => events.push(e) });
    const [f] = result.files;
    expect(f).toMatchObject({ stage: 'indexed', documentId: f?.jobId });
    const stages = events.filter((e): e is FileProgress => e.kind === 'file').map((e) => e.stage);
    expect([...new Set(stages)]).toEqual(['admitted', 'hashed', 'stored', 'parsed', 'chunked', 'embedded', 'indexed']);
    const doc = catalog.getDocument(f!.documentId!)!;
    expect(doc).toMatchObject({ status: 'indexed', embeddingVersion: 3, type: 'text', collection: 'c' });
    expect(doc.objectKey).toBe(`documents/${doc.id}/1/a.txt`);
    expect(objects.objects.get(doc.objectKey!)).toEqual({ sha256: doc.sha256, embedding_version: '3' });
    expect(catalog.listChunks(doc.id).map((c) => c.id)).toEqual([...vectors.rows.keys()].sort());
    expect(events.at(-1)).toMatchObject({ kind: 'batch', files: 1, done: 1, failed: 0 });
  });

  it('skips content that is already indexed, also within one batch', async () => {
    const a = await file('a.txt', 'same');
    const b = await file('b.txt', 'same');
    const p = pipeline();
    const first = await p.ingest([{ path: a }, { path: b }]);
    expect(first.files.filter((f) => f.duplicate)).toHaveLength(1);
    const again = await p.ingest([{ path: a }]);
    expect(again.files[0]).toMatchObject({ stage: 'indexed', duplicate: true, documentId: first.files[0]?.documentId });
    expect(catalog.listDocuments()).toHaveLength(1);
    expect(vectors.rows.size).toBe(1);
  });

  it('records a per-file failure and goes on with the batch', async () => {
    const good = await file('good.txt', 'fine');
    const bad = await file('bad.txt', 'BAD content');
    const big = await file('big.txt', 'x'.repeat(2000));
    const result = await pipeline().ingest([
      { path: bad },
      { path: big },
      { path: good },
      { path: join(dir.path, 'gone') },
    ]);
    expect(result.files.map((f) => [f.stage, f.error?.code])).toEqual([
      ['failed', 'UNSUPPORTED_FILE'],
      ['failed', 'FILE_TOO_LARGE'],
      ['indexed', undefined],
      ['failed', 'NOT_FOUND'],
    ]);
    const badDoc = catalog.getDocument(result.files[0]!.documentId!)!;
    expect(badDoc).toMatchObject({ status: 'failed', error: { code: 'UNSUPPORTED_FILE' } });
    expect(catalog.jobs.get(result.files[1]!.jobId)?.error?.code).toBe('FILE_TOO_LARGE');
  });

  it('sends the whole byte total with the first batch event; only indexed files count as done', async () => {
    const good = await file('good.txt', 'fine');
    const bad = await file('bad.txt', 'BAD content');
    const big = await file('big.txt', 'x'.repeat(2000));
    const events: IngestProgress[] = [];
    // One worker: the total is known before the first file is even admitted.
    await pipeline({ concurrency: 1 }).ingest(
      [{ path: good }, { path: bad }, { path: big }, { path: join(dir.path, 'gone') }],
      { onProgress: (e) => events.push(e) },
    );
    const batches = events.filter((e) => e.kind === 'batch');
    // 4 + 11 bytes; the file over the limit and the missing one fail without being read, so they count 0.
    expect(events[0]).toMatchObject({ kind: 'batch', files: 4, done: 0, bytes: 0, totalBytes: 15 });
    expect(new Set(batches.map((b) => b.totalBytes))).toEqual(new Set([15]));
    expect(batches.at(-1)).toMatchObject({ done: 1, failed: 3, bytes: 4, totalBytes: 15 });
    const fileEvents = events.filter((e): e is FileProgress => e.kind === 'file' && e.name === 'good.txt');
    expect(fileEvents.every((e) => e.totalBytes === 4)).toBe(true);
  });

  it('cancels one file while it embeds, and retry indexes it afterwards', async () => {
    const path = await file('slow.txt', 'a\n\nb');
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const embed: EmbedFn = async (texts, signal) => {
      await Promise.race([gate, new Promise((r) => signal.addEventListener('abort', r))]);
      return fakeEmbed(texts);
    };
    const p = pipeline({ embed });
    const events: IngestProgress[] = [];
    const run = p.ingest([{ path }], {
      onProgress: (e) => {
        events.push(e);
        if (e.kind === 'file' && e.stage === 'chunked') p.cancel(e.jobId);
      },
    });
    const result = await run;
    expect(result.files[0]).toMatchObject({ stage: 'cancelled', error: { code: 'CANCELLED' } });
    // A cancelled file's bytes stay in the total and never count as done.
    expect(events.at(-1)).toMatchObject({ kind: 'batch', cancelled: 1, bytes: 0, totalBytes: 4 });
    release();
    const retried = await p.retry(result.files[0]!.jobId);
    expect(retried).toMatchObject({ stage: 'indexed' });
    expect(vectors.countFor(retried.documentId!)).toBe(2);
    expect(catalog.chunkCount(retried.documentId!)).toBe(2);
  });

  it('cancels the whole batch through its signal', async () => {
    const paths = await Promise.all(['1', '2', '3'].map((n) => file(`${n}.txt`, `text ${n}`)));
    const controller = new AbortController();
    controller.abort();
    const result = await pipeline().ingest(
      paths.map((path) => ({ path })),
      { signal: controller.signal },
    );
    expect(result.files.every((f) => f.stage === 'cancelled')).toBe(true);
  });

  it('resumes a job from its persisted stage without duplicating chunks', async () => {
    const path = await file('r.txt', 'p\n\nq\n\nr');
    // A first run "crashes" in the embedder after the chunks were stored and some vectors written.
    const crash: EmbedFn = async (texts) => {
      const out = await fakeEmbed(texts);
      if (vectors.rows.size > 0) throw new Error('kill -9');
      return out;
    };
    const p1 = pipeline({ embed: crash });
    const advance = vi.spyOn(catalog.jobs, 'fail').mockImplementation(() => {
      throw new Error('process died before recording the failure');
    });
    await p1.ingest([{ path }]).catch(() => undefined);
    advance.mockRestore();
    const [job] = catalog.jobs.listResumable();
    expect(job?.stage).toBe('chunked');
    expect(vectors.rows.size).toBe(2);

    const resumed = await pipeline().resume();
    expect(resumed.files[0]).toMatchObject({ jobId: job?.id, stage: 'indexed' });
    expect(catalog.jobs.get(job!.id)?.attempts).toBe(2);
    expect(catalog.chunkCount(job!.id)).toBe(3);
    expect(vectors.countFor(job!.id)).toBe(3);
    expect(vectors.rows.size).toBe(3);
  });

  it('delete removes vectors and the object, then the catalogue rows', async () => {
    const path = await file('d.txt', 'gone soon');
    const p = pipeline();
    const { files } = await p.ingest([{ path }]);
    const id = files[0]!.documentId!;
    await p.delete(id);
    expect(catalog.getDocument(id)).toBeUndefined();
    expect(vectors.rows.size).toBe(0);
    expect(objects.objects.size).toBe(0);
  });
  it('refuses a file found in a folder that leads out of it, with a note, on the first run and on retry', async () => {
    const folder = join(dir.path, 'repo');
    await mkdir(folder);
    const secret = await file('id_ed25519', 'PRIVATE KEY');
    const inside = join(folder, 'inside.txt');
    await writeFile(inside, 'inside text');
    const root = await realpath(folder);
    const p = pipeline();
    await symlink(secret, join(folder, 'notes.md'));
    const result = await p.ingest([
      { path: join(folder, 'notes.md'), root },
      { path: inside, root },
    ]);
    const [out, ok] = result.files;
    expect(ok).toMatchObject({ stage: 'indexed' });
    expect(out).toMatchObject({ stage: 'failed', documentId: null, name: 'notes.md' });
    expect(out?.error).toEqual({
      code: 'PERMISSION_DENIED',
      message: `Skipped: a link to a file outside the folder you chose (${await realpath(secret)}).`,
    });
    expect(objects.objects.size).toBe(1);
    // The job keeps its root, so a retry (a person's click, or a browser's) is refused the same way.
    expect(await p.retry(out!.jobId)).toMatchObject({ stage: 'failed', error: { code: 'PERMISSION_DENIED' } });
    // A regular file swapped for a link out after the walk is refused when its job is admitted.
    await rm(inside);
    await symlink(secret, inside);
    expect((await p.ingest([{ path: inside, root }])).files[0]).toMatchObject({
      stage: 'failed',
      error: { code: 'PERMISSION_DENIED' },
    });
    expect(catalog.listDocuments()).toHaveLength(1);
  });
});
