import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackupRepository, piecePath } from '../../../../electron/core/backup/BackupRepository';
import { S3Target } from '../../../../electron/core/backup/S3Target';
import { ObjectStore } from '../../../../electron/core/objects';
import type { BackupRestoreResult, BackupSummary } from '../../../../electron/shared/backupSchemas';
import type { BatchResult, IngestProgress } from '../../../../electron/shared/librarySchemas';
import type { Result } from '../../../../electron/shared/result';
import { createLexicalEmbeddingModel } from '../../../fixtures/gguf/tinyLlama';
import {
  RETRIEVAL_VOCAB,
  writeRetrievalCorpus,
  type RetrievalQuestion,
} from '../../../fixtures/retrieval/retrievalCorpus';
import { startTestCore, tempDir, type TestCore } from '../../../helpers/tempCore';
import { startHarness, type Harness } from '../objects/objectsHarness';
import { clearKeychain, listTree, query, searchIds, streamCall } from './backupHelpers';

const KEY = 'correct horse battery staple';
const BUCKET = 'hearth-backups';

let dir: Awaited<ReturnType<typeof tempDir>>;
let remote: Harness;
/** The backup bucket as the test sees it: to count bytes and damage a piece. */
let bucket: ObjectStore;
let source: TestCore;
let modelPath: string;
let questions: RetrievalQuestion[];
const cores: { core: TestCore; dataDir: string }[] = [];

async function startCore(name: string, model = modelPath): Promise<TestCore> {
  const dataDir = join(dir.path, name);
  const core = await startTestCore(dataDir, { startSidecars: true });
  cores.push({ core, dataDir });
  await core.services.storage.ready;
  const info = await core.services.modelCatalog.importFile(model);
  await core.services.modelCatalog.setDefault('embedding', info.id);
  return core;
}

async function configure(core: TestCore, withKey: boolean): Promise<void> {
  await query(core, 'backup.configure', {
    destination: {
      kind: 's3',
      endpoint: remote.connection.url,
      region: 'us-east-1',
      bucket: BUCKET,
      accessKeyId: remote.connection.accessKey,
    },
    secretKey: remote.connection.secretKey,
    keep: 10,
    ...(withKey ? { backupKey: KEY } : {}),
  });
}

async function ingest(core: TestCore, paths: string[], onEvent?: (e: IngestProgress) => void): Promise<BatchResult> {
  const result = (await core.services.dispatcher.stream(
    'library.ingest',
    { paths },
    { origin: 'internal', signal: new AbortController().signal },
    (e) => onEvent?.(e as IngestProgress),
  )) as Result<BatchResult>;
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

async function backup(core: TestCore): Promise<BackupSummary> {
  const { result, progress } = await streamCall<BackupSummary>(core, 'backup.run', {});
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  expect(progress.length).toBeGreaterThan(2);
  return result.value;
}

async function bucketBytes(): Promise<number> {
  return (await bucket.list('')).reduce((sum, o) => sum + o.size, 0);
}

/** What "the same library" means here: documents, their versions, conversations with messages. */
function libraryState(core: TestCore) {
  const catalog = core.services.libraryCatalog;
  const documents = catalog
    .listDocuments({ status: 'indexed' })
    .map((d) => ({
      id: d.id,
      name: d.name,
      sha256: d.sha256,
      version: d.version,
      chunks: catalog.listChunks(d.id).map((c) => c.id),
      versions: catalog.versions.list(d.id).map((v) => [v.version, v.sha256, v.status]),
    }))
    .sort((a, b) => a.id.localeCompare(b.id));
  const conversations = catalog.conversations.list().map((c) => ({
    id: c.id,
    title: c.title,
    messages: catalog.conversations.messages(c.id).map((m) => [m.role, m.content]),
  }));
  return { documents, conversations };
}

/** Every document whole: indexed, chunks in the keyword index and the vector index, original in the object store. */
async function expectWhole(core: TestCore): Promise<number> {
  const catalog = core.services.libraryCatalog;
  const objects = await core.services.storage.requireObjects();
  const active = catalog.indexes.active();
  if (!active) throw new Error('no active index after restore');
  const store = core.services.library.indexFor(active);
  const docs = catalog.listDocuments();
  for (const doc of docs) {
    expect(doc.status).toBe('indexed');
    const chunks = catalog.listChunks(doc.id);
    expect(chunks.length).toBeGreaterThan(0);
    expect(catalog.keywordRowCount(doc.id)).toBe(chunks.length);
    const probe = new Array<number>(active.dimensions).fill(1 / Math.sqrt(active.dimensions));
    const vectors = await store.query(probe, { topK: 1000, filter: { documentId: doc.id } });
    expect(new Set(vectors.map((v) => v.id))).toEqual(new Set(chunks.map((c) => c.id)));
    expect((await objects.stat(doc.objectKey!)).size).toBe(doc.size);
  }
  expect(catalog.jobs.list()).toHaveLength(0);
  return docs.length;
}

beforeAll(async () => {
  dir = await tempDir('hearth-backup-');
  remote = await startHarness();
  bucket = new ObjectStore({ connection: { ...remote.connection, bucket: BUCKET }, logger: remote.logger });
  modelPath = (await createLexicalEmbeddingModel(join(dir.path, 'lexical.gguf'), { vocab: RETRIEVAL_VOCAB })).path;
  questions = (await writeRetrievalCorpus(join(dir.path, 'corpus'), { documents: 16 })).slice(0, 8);
  await writeRetrievalCorpus(join(dir.path, 'later'), { documents: 12, seed: 99 });
  source = await startCore('source');
}, 180_000);

afterAll(async () => {
  for (const { core, dataDir } of cores.reverse()) {
    await core.dispose();
    await clearKeychain(dataDir).catch(() => undefined);
  }
  bucket?.dispose();
  await remote?.dispose();
  await dir?.remove();
});

describe('backup to an S3 server and restore into an empty data folder', () => {
  let first: BackupSummary;
  let edited: BackupSummary;
  let during: BackupSummary;
  let expected: ReturnType<typeof libraryState>;
  const expectedSearch = new Map<string, string[]>();

  it('backs up a library with versions and conversations, then sends only what changed', async () => {
    const result = await ingest(source, [join(dir.path, 'corpus')]);
    expect(result.files.every((f) => f.stage === 'indexed')).toBe(true);
    const catalog = source.services.libraryCatalog;
    const conversation = catalog.conversations.create({ title: 'Lanterns' });
    for (const [role, content] of [
      ['user', 'who repaired the lantern?'],
      ['assistant', 'The keeper did [1].'],
    ] as const) {
      catalog.conversations.append(conversation.id, {
        role,
        content,
        citations: [],
        status: 'complete',
        error: null,
        model: null,
        grounded: true,
      });
    }
    await configure(source, true);

    first = await backup(source);
    expect(first.counts).toMatchObject({ documents: 16, originals: 16, conversations: 1, indexes: 1 });
    expect(first.counts.vectors).toBe(catalog.chunkCount());
    const afterFirst = await bucketBytes();
    // Every byte the backup says it sent is in the bucket (plus repo.json and the manifest).
    expect(afterFirst).toBeGreaterThanOrEqual(first.uploadedBytes);
    expect(afterFirst - first.uploadedBytes).toBeLessThan(64 * 1024);

    // A new version of one document: only the pieces that changed go up.
    const doc = catalog.listDocuments().find((d) => d.name === 'story-03.md')!;
    const revised = join(dir.path, 'story-03-v2.md');
    await writeFile(revised, '# Story 3\n\n## Part 1\n\nIn the winter the miller mended the rudder near the lagoon.\n');
    await source.services.living.reviser.revise(doc.id, revised, 'disk', { signal: new AbortController().signal });
    expect(catalog.getDocument(doc.id)?.version).toBe(2);

    edited = await backup(source);
    const afterEdit = await bucketBytes();
    expect(edited.uploadedBytes).toBeGreaterThan(0);
    expect(afterEdit - afterFirst - edited.uploadedBytes).toBeLessThan(64 * 1024);
    // The first backup sent everything; the second about one document's worth and the pieces around it.
    expect(edited.uploadedBytes).toBeLessThan(first.uploadedBytes / 2);
    expect(edited.counts.versions).toBe(first.counts.versions + 1);

    expected = libraryState(source);
    // A restore builds the keyword index afresh from the chunks. After a revision, the source's FTS5 index (rows
    // deleted from a contentless_delete table) ranks slightly differently from a fresh build of the same rows — the
    // same happens with rebuildKeywordIndex alone — so the expected results are those of a freshly built index.
    source.services.libraryCatalog.rebuildKeywordIndex();
    for (const q of questions) expectedSearch.set(q.question, await searchIds(source, q.question));
    expect([...expectedSearch.values()].every((ids) => ids.length > 0)).toBe(true);

    const listed = await query<{ backups: BackupSummary[] }>(source, 'backup.list', {});
    expect(listed.backups.map((b) => b.id)).toEqual([edited.id, first.id]);
  });

  it('takes a consistent backup while a batch ingests', async () => {
    let indexed = 0;
    let resolveStarted!: () => void;
    const started = new Promise<void>((r) => (resolveStarted = r));
    const batch = ingest(source, [join(dir.path, 'later')], (e) => {
      if (e.kind === 'file' && e.stage === 'indexed' && ++indexed === 2) resolveStarted();
    });
    await started;
    during = await backup(source);
    await batch;
    expect(during.counts.documents).toBeGreaterThanOrEqual(16 + 2);
  });

  it('refuses a wrong key clearly and writes nothing', async () => {
    const target = await startCore('wrong-key');
    await configure(target, false);
    const before = await listTree(cores.at(-1)!.dataDir, skipVolatile);
    const { result } = await streamCall<BackupRestoreResult>(target, 'backup.restore', {
      id: edited.id,
      backupKey: 'not the right key at all',
      confirm: true,
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED', message: /backup key does not open/ } });
    expect(await listTree(cores.at(-1)!.dataDir, skipVolatile)).toEqual(before);
    expect(target.services.libraryCatalog.listDocuments()).toHaveLength(0);
    expect(await (await target.services.storage.requireObjects()).list('')).toHaveLength(0);
  });

  it('finds a damaged piece in verify and in restore, which then changes nothing', async () => {
    const target = cores.at(-1)!.core;
    const repo = await BackupRepository.open(
      new S3Target({
        endpoint: remote.connection.url,
        region: 'us-east-1',
        bucket: BUCKET,
        accessKeyId: remote.connection.accessKey,
        secretKey: remote.connection.secretKey,
        workDir: dir.path,
        logger: remote.logger,
      }),
      KEY,
      false,
    );
    const { body } = await repo.readManifest(edited.id);
    const victim = body.entries.find((e) => e.kind === 'original')!.pieces[0]!;
    const key = `hearth-backup/${piecePath(victim)}`;
    const chunks: Buffer[] = [];
    for await (const c of await bucket.download(key)) chunks.push(c as Buffer);
    const good = Buffer.concat(chunks);
    const bad = Buffer.from(good);
    bad[bad.length - 40] = (bad[bad.length - 40] as number) ^ 0xff;
    const badPath = join(dir.path, 'bad.piece');
    await writeFile(badPath, bad);
    await bucket.upload(key, badPath);
    try {
      const verify = await streamCall(target, 'backup.verify', { id: edited.id, backupKey: KEY });
      expect(verify.result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: /damaged/ } });
      const before = await listTree(cores.at(-1)!.dataDir, skipVolatile);
      const restore = await streamCall(target, 'backup.restore', { id: edited.id, backupKey: KEY, confirm: true });
      expect(restore.result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: /damaged/ } });
      expect(await listTree(cores.at(-1)!.dataDir, skipVolatile)).toEqual(before);
      expect(await (await target.services.storage.requireObjects()).list('')).toHaveLength(0);
    } finally {
      await writeFile(badPath, good);
      await bucket.upload(key, badPath);
    }
    const verify = await streamCall<{ ok: true; pieces: number }>(target, 'backup.verify', {
      id: edited.id,
      backupKey: KEY,
    });
    expect(verify.result).toMatchObject({ ok: true, value: { ok: true } });
    expect(verify.progress.at(-1)).toMatchObject({ phase: 'verify' });
  });

  it('restores the same documents, versions, conversations and search results', async () => {
    const target = cores.at(-1)!.core;
    const { result, progress } = await streamCall<BackupRestoreResult>(target, 'backup.restore', {
      id: edited.id,
      backupKey: KEY,
      confirm: true,
    });
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value).toMatchObject({ documents: 16, conversations: 1, reembedded: 0, missingModels: [] });
    expect(progress.some((p) => p.phase === 'apply')).toBe(true);
    expect(libraryState(target)).toEqual(expected);
    for (const [question, ids] of expectedSearch) expect(await searchIds(target, question), question).toEqual(ids);
    await expectWhole(target);
  });

  it('restores the backup taken during ingestion to a library of whole documents', async () => {
    const target = await startCore('during');
    await configure(target, false);
    const { result } = await streamCall<BackupRestoreResult>(target, 'backup.restore', {
      id: during.id,
      backupKey: KEY,
      confirm: true,
    });
    if (!result.ok) throw new Error(result.error.message);
    const whole = await expectWhole(target);
    expect(whole).toBe(result.value.documents);
    expect(whole).toBeGreaterThanOrEqual(18);
  });

  it('embeds again, with progress, on a computer whose embedding model differs', async () => {
    const other = await createLexicalEmbeddingModel(join(dir.path, 'lexical-other.gguf'), {
      vocab: RETRIEVAL_VOCAB,
      seed: 7,
    });
    const target = await startCore('other-model', other.path);
    await configure(target, false);
    const { result, progress } = await streamCall<BackupRestoreResult>(target, 'backup.restore', {
      id: edited.id,
      backupKey: KEY,
      confirm: true,
    });
    if (!result.ok) throw new Error(result.error.message);
    const sourceModel = source.services.modelCatalog.defaults().embedding;
    const here = target.services.modelCatalog.defaults().embedding;
    expect(here).not.toBe(sourceModel);
    expect(result.value).toMatchObject({ documents: 16, reembedded: 16, missingModels: [sourceModel] });
    expect(progress.filter((p) => p.phase === 'reembed').length).toBeGreaterThan(1);
    expect(target.services.libraryCatalog.indexes.active()?.model).toBe(here);
    await expectWhole(target);
    expect((await searchIds(target, questions[0]!.question)).length).toBeGreaterThan(0);
  });
});

/** Files a running core rewrites on its own (logs, pids, Chroma's files, SQLite's shared memory). */
function skipVolatile(path: string): boolean {
  return /^(logs|run|chroma|audit|telemetry)(\/|$)/.test(path) || path.endsWith('-shm');
}
