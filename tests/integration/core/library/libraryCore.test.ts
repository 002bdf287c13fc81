import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestCore } from '../../../helpers/tempCore';
import type { BatchResult, IngestProgress, LibraryList } from '../../../../electron/shared/librarySchemas';
import type { Result } from '../../../../electron/shared/result';
import { writeCorpus } from '../../../fixtures/corpus/writeCorpus';
import { createLexicalEmbeddingModel } from '../../../fixtures/gguf/tinyLlama';
import { startTestCore, tempDir } from '../../../helpers/tempCore';

let dir: Awaited<ReturnType<typeof tempDir>>;
let core: TestCore;
const ctx = () => ({ origin: 'internal' as const, signal: new AbortController().signal });
const call = (channel: string, input: unknown) => core.services.dispatcher.call(channel, input, ctx());

async function ingest(input: unknown, origin: 'internal' | 'ws' = 'internal') {
  const events: IngestProgress[] = [];
  const result = (await core.services.dispatcher.stream(
    'library.ingest',
    input,
    { origin, signal: new AbortController().signal },
    (e) => events.push(e as IngestProgress),
  )) as Result<BatchResult>;
  return { result, events };
}

async function list(): Promise<LibraryList> {
  const r = (await call('library.list', { limit: 500 })) as Result<LibraryList>;
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

/** Vectors in every recorded index for a document (or all). */
async function vectorCount(documentId?: string): Promise<number> {
  let n = 0;
  for (const key of core.services.libraryCatalog.indexes.list()) {
    const store = core.services.library.indexFor(key);
    if (!documentId) n += await store.count();
    else {
      const probe = new Array<number>(key.dimensions).fill(1 / Math.sqrt(key.dimensions));
      n += (await store.query(probe, { topK: 1000, filter: { documentId } })).length;
    }
  }
  return n;
}

beforeAll(async () => {
  dir = await tempDir('hearth-library-');
  core = await startTestCore(join(dir.path, 'data'), { startSidecars: true });
  await core.services.storage.ready;
  await core.services.settings.update({ library: { maxFileSizeMB: 1 } });
}, 120_000);

afterAll(async () => {
  await core?.dispose();
  await dir?.remove();
});

describe('library through the core, on Chroma, the S3 server and llama.cpp', () => {
  it('explains that an embedding model is needed before anything is ingested', async () => {
    expect((await list()).blocker).toMatch(/embedding model/);
    const { result } = await ingest({ paths: [dir.path] });
    expect(result).toMatchObject({ ok: false, error: { code: 'MODEL_UNAVAILABLE' } });
    expect(core.services.libraryCatalog.jobs.list()).toHaveLength(0);

    const model = await createLexicalEmbeddingModel(join(dir.path, 'lexical.gguf'));
    const info = await core.services.modelCatalog.importFile(model.path);
    await core.services.modelCatalog.setDefault('embedding', info.id);
    expect((await list()).blocker).toBeNull();
  });

  it('indexes the good files of a hostile corpus and gives each bad file its reason', async () => {
    const src = join(dir.path, 'corpus');
    await mkdir(src);
    const paths = await writeCorpus(src, { sparseBytes: 2 * 1024 * 1024 });
    await mkdir(join(src, 'loop'));
    await symlink('..', join(src, 'loop', 'parent'));
    await symlink('b', join(src, 'a-link'));
    await symlink('a-link', join(src, 'b'));

    const { result, events } = await ingest({ paths: [src], collection: 'Research' });
    if (!result.ok) throw new Error(result.error.message);
    const byName = new Map(result.value.files.map((f) => [f.name, f]));
    const code = (role: string) => byName.get(paths[role]!.split('/').pop()!)?.error?.code;
    for (const role of ['pdf', 'docx', 'markdown', 'html', 'csv', 'json', 'code', 'latin1', 'unicodeName']) {
      expect(byName.get(paths[role]!.split('/').pop()!), role).toMatchObject({ stage: 'indexed' });
    }
    for (const role of ['corruptPdf', 'encryptedPdf', 'zipBombDeclared', 'zipBombLying', 'empty', 'binaryTxt']) {
      expect(code(role), role).toBe('UNSUPPORTED_FILE');
    }
    expect(code('sparse')).toBe('FILE_TOO_LARGE');
    expect(byName.get('huge-sparse.txt')?.error?.message).toMatch(/over the 1 MB limit/);
    // The loop through loop/parent is walked once; the a-link ⇄ b cycle is reported, not followed forever.
    expect(result.value.files.filter((f) => f.name === 'report.pdf')).toHaveLength(1);

    const fileEvents = events.filter((e) => e.kind === 'file');
    const stages = new Set(fileEvents.filter((e) => e.name === 'report.pdf').map((e) => e.stage));
    expect([...stages]).toEqual(expect.arrayContaining(['admitted', 'hashed', 'stored', 'chunked', 'indexed']));
    const batches = events.filter((e) => e.kind === 'batch');
    const indexed = result.value.files.filter((f) => f.stage === 'indexed');
    expect(batches.at(-1)).toMatchObject({ files: result.value.files.length, done: indexed.length });
    // The byte total is known from the first batch event on, and never changes during the run.
    expect(batches[0]?.totalBytes).toBeGreaterThan(0);
    expect(new Set(batches.map((b) => b.totalBytes)).size).toBe(1);

    const docs = (await list()).items.filter((d) => d.status === 'indexed');
    expect(docs.length).toBeGreaterThanOrEqual(9);
    expect(docs.every((d) => d.collection === 'Research' && d.chunks > 0)).toBe(true);
    expect(await vectorCount()).toBe(core.services.libraryCatalog.chunkCount());
    expect(core.services.libraryCatalog.keywordRowCount()).toBe(core.services.libraryCatalog.chunkCount());
    const objects = await core.services.storage.requireObjects();
    for (const doc of core.services.libraryCatalog.listDocuments({ status: 'indexed' })) {
      const stat = await objects.stat(doc.objectKey!);
      expect(stat.size).toBe(doc.size);
      expect(await objects.getTags(doc.objectKey!)).toMatchObject({ sha256: doc.sha256, embedding_version: '1' });
    }
    const pdf = core.services.libraryCatalog.listDocuments().find((d) => d.name === 'report.pdf')!;
    expect(core.services.libraryCatalog.listChunks(pdf.id).map((c) => c.provenance)).toContainEqual({ page: 2 });
  });

  it('skips content already indexed, and refuses paths from a browser', async () => {
    const { result } = await ingest({ paths: [join(dir.path, 'corpus', 'guide.md')] });
    expect(result.ok && result.value.files[0]).toMatchObject({ stage: 'indexed', duplicate: true });
    const ws = await ingest({ paths: [dir.path] }, 'ws');
    expect(ws.result).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
  });

  it('retries a failed file once it is fixed', async () => {
    const failed = (await list()).jobs.find((j) => j.name === 'empty.txt')!;
    expect(failed).toMatchObject({ stage: 'failed', error: { code: 'UNSUPPORTED_FILE' } });
    await writeFile(join(dir.path, 'corpus', 'empty.txt'), 'Not empty any more: a note about lanterns.\n');
    const events: IngestProgress[] = [];
    const r = await core.services.dispatcher.stream('library.retry', { jobId: failed.id }, ctx(), (e) =>
      events.push(e as IngestProgress),
    );
    expect(r).toMatchObject({ ok: true, value: { stage: 'indexed' } });
    expect(events.some((e) => e.kind === 'file' && e.stage === 'indexed')).toBe(true);
    expect((await list()).jobs.find((j) => j.id === failed.id)).toBeUndefined();
  });

  it('ingests an upload by staging handle under its own name, and keeps no copy once stored', async () => {
    const staged = await core.services.staging.receive(
      'uploaded notes.md',
      Readable.from(['# Uploaded\n\nKites fly.\n']),
      1e6,
    );
    const { result } = await ingest({ uploads: [{ handle: staged.handle, name: 'uploaded notes.md' }] });
    expect(result.ok && result.value.files[0]).toMatchObject({ stage: 'indexed', name: 'uploaded notes.md' });
    const doc = (await list()).items.find((d) => d.name === 'uploaded notes.md')!;
    expect(doc.sourcePath).toBeNull();
    const { readdir } = await import('node:fs/promises');
    expect(await readdir(core.paths.incoming)).toEqual([]);
    expect((await call('staging.stat', { handle: staged.handle })).ok).toBe(false);
  });

  it('deletes a document everywhere: vectors, keyword rows, original and catalogue', async () => {
    const doc = core.services.libraryCatalog.listDocuments().find((d) => d.name === 'report.pdf')!;
    expect(await vectorCount(doc.id)).toBeGreaterThan(0);
    const changed: unknown[] = [];
    const off = core.services.events.on('library.changed', (c) => changed.push(c));
    expect(await call('library.delete', { id: doc.id })).toMatchObject({ ok: true });
    off();
    expect(changed).toContainEqual({ documentIds: [doc.id], reason: 'deleted' });
    expect(await vectorCount(doc.id)).toBe(0);
    expect(core.services.libraryCatalog.keywordRowCount(doc.id)).toBe(0);
    expect(core.services.libraryCatalog.getDocument(doc.id)).toBeUndefined();
    const objects = await core.services.storage.requireObjects();
    await expect(objects.stat(doc.objectKey!)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await vectorCount()).toBe(core.services.libraryCatalog.chunkCount());
    expect(await call('library.delete', { id: doc.id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });
});
