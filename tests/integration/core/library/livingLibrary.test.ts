import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from 'minio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestCore } from '../../../helpers/tempCore';
import { ROOT_PASSWORD_SECRET, ROOT_USER_SECRET } from '../../../../electron/core/objects';
import type { Collection, LibraryStorage } from '../../../../electron/shared/livingLibrarySchemas';
import { tempDir, waitFor } from '../../../helpers/tempCore';
import {
  call,
  expectWhole,
  keywordDocs,
  modelFile,
  startLivingCore,
  value,
  vectorIds,
  vectorIdsInCollection,
} from './livingHelpers';

let dir: Awaited<ReturnType<typeof tempDir>>;
let core: TestCore;
const ids: Record<string, string> = {};

const FILES: Record<string, [string, string | undefined]> = {
  a: ['The sun is a star; light comes from it every day.', 'Research'],
  b: ['Water in the sea is salt; a river is fresh water.', 'Research'],
  c: ['A house has a door, a window and a kitchen.', undefined],
};
const chunkIds = (...names: string[]) =>
  names.flatMap((n) => core.services.libraryCatalog.listChunks(ids[n]!).map((c) => c.id)).sort();
const collectionOf = (name: string) => core.services.libraryCatalog.getDocument(ids[name]!)?.collection ?? null;

beforeAll(async () => {
  dir = await tempDir('hearth-living-');
  core = await startLivingCore(join(dir.path, 'data'), modelFile(dir.path));
  await mkdir(join(dir.path, 'src'));
  for (const [name, [text, collection]] of Object.entries(FILES)) {
    const path = join(dir.path, 'src', `${name}.md`);
    await writeFile(path, `# ${name}\n\n${text}\n`);
    const batch = await core.services.library.ingest({ paths: [path], ...(collection ? { collection } : {}) });
    ids[name] = batch.files[0]!.documentId!;
  }
}, 120_000);

afterAll(async () => {
  await core?.dispose();
  await dir?.remove();
});

describe('collections, bucket changes, storage and erase', () => {
  it('creates, renames, moves and deletes collections; vectors filter right after each change', async () => {
    const list = async () =>
      (await value<{ collections: Collection[] }>(core, 'library.collections.list', {})).collections;
    expect(await list()).toMatchObject([{ name: 'Research', documents: 2 }]);
    await value(core, 'library.collections.create', { name: 'Empty' });
    expect(await call(core, 'library.collections.create', { name: 'Research' })).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' },
    });
    expect((await list()).map((c) => [c.name, c.documents])).toEqual([
      ['Empty', 0],
      ['Research', 2],
    ]);

    expect(await value(core, 'library.collections.rename', { name: 'Research', to: 'Papers' })).toEqual({
      moved: 2,
      vectorsPending: 0,
    });
    expect([collectionOf('a'), collectionOf('b')]).toEqual(['Papers', 'Papers']);
    expect(await vectorIdsInCollection(core, 'Papers')).toEqual(chunkIds('a', 'b'));
    expect(await vectorIdsInCollection(core, 'Research')).toEqual([]);
    const found = await core.services.retriever.search('sea water', { topK: 5, collection: 'Papers', mode: 'vector' });
    expect(found.vectorSkipped).toBeNull();
    expect(new Set(found.passages.map((p) => p.documentId))).toEqual(new Set([ids['a'], ids['b']]));

    await value(core, 'library.move', { documentIds: [ids['c']], collection: 'Papers' });
    await value(core, 'library.move', { documentIds: [ids['a']], collection: null });
    expect(await vectorIdsInCollection(core, 'Papers')).toEqual(chunkIds('b', 'c'));
    expect(await call(core, 'library.move', { documentIds: ['nope'], collection: null })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });

    expect(await value(core, 'library.collections.delete', { name: 'Papers' })).toEqual({ documents: 2 });
    expect([collectionOf('b'), collectionOf('c')]).toEqual([null, null]);
    expect(await vectorIdsInCollection(core, 'Papers')).toEqual([]);
    expect(keywordDocs(core, 'kitchen')).toEqual([ids['c']]);
  });

  it('re-embeds an object replaced in the S3 server behind Hearth’s back; versions and tags agree', async () => {
    const doc = core.services.libraryCatalog.getDocument(ids['b']!)!;
    const { objects } = await core.services.storage.status();
    const url = new URL(objects.endpoint);
    const other = new Client({
      endPoint: url.hostname,
      port: Number(url.port),
      useSSL: false,
      accessKey: (await core.services.secrets.reveal(ROOT_USER_SECRET))!,
      secretKey: (await core.services.secrets.reveal(ROOT_PASSWORD_SECRET))!,
      region: 'us-east-1',
      pathStyle: true,
    });
    await other.putObject(objects.bucket, doc.objectKey!, Buffer.from('# b\n\nA green garden with a tall tree.\n'));
    await waitFor(
      'the replaced object to become version 2',
      () => core.services.libraryCatalog.versions.get(doc.id, 2)?.status === 'current',
      20_000,
    );
    await expectWhole(core, doc.id);
    expect(core.services.libraryCatalog.getDocument(doc.id)).toMatchObject({ version: 2, embeddingVersion: 1 });
    expect(keywordDocs(core, 'garden tree')).toEqual([doc.id]);
    expect(keywordDocs(core, 'salt')).toEqual([]);
    const { versions } = await value<{ versions: { version: number; origin: string; status: string }[] }>(
      core,
      'library.versions',
      { id: doc.id },
    );
    expect(versions).toMatchObject([
      { version: 2, origin: 'bucket', status: 'current' },
      { version: 1, status: 'superseded' },
    ]);
    // Hearth's own uploads (the other documents, and the new version itself) made no versions.
    await core.services.living.bucket.idle();
    expect(core.services.libraryCatalog.getDocument(ids['a']!)?.version).toBe(1);
    expect(core.services.libraryCatalog.getDocument(doc.id)?.version).toBe(2);
  });

  it('reports storage: originals, vectors per index, models and catalogue', async () => {
    const storage = await value<LibraryStorage>(core, 'library.storage', {});
    const docs = core.services.libraryCatalog.listDocuments();
    expect(storage.originals).toEqual({ documents: 3, bytes: docs.reduce((n, d) => n + d.size, 0) });
    expect(storage.vectors.indexes).toMatchObject([
      { active: true, vectors: core.services.libraryCatalog.chunkCount() },
    ]);
    expect(storage.vectors.bytes).toBeGreaterThan(0);
    expect(storage.keyword.chunks).toBe(core.services.libraryCatalog.chunkCount());
    expect(storage.models).toMatchObject({ count: 1 });
    expect(storage.models.bytes).toBeGreaterThan(0);
    expect(storage.catalogue.bytes).toBeGreaterThan(0);
  });

  it('erases one collection, then everything, only when confirmed', async () => {
    await value(core, 'library.move', { documentIds: [ids['c']], collection: 'Doomed' });
    expect(await call(core, 'library.erase', { collection: 'Doomed' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(await value(core, 'library.erase', { collection: 'Doomed', confirm: true })).toEqual({ documents: 1 });
    expect(core.services.libraryCatalog.getDocument(ids['c']!)).toBeUndefined();
    expect(await vectorIds(core, ids['c']!)).toEqual([]);
    expect(core.services.libraryCatalog.collections()).not.toContain('Doomed');

    expect(await value(core, 'library.erase', { confirm: true })).toEqual({ documents: 2 });
    const objects = await core.services.storage.requireObjects();
    expect(await objects.list('documents/')).toEqual([]);
    expect(core.services.libraryCatalog.listDocuments()).toEqual([]);
    expect(core.services.libraryCatalog.keywordRowCount()).toBe(0);
    expect(core.services.libraryCatalog.collections()).toEqual([]);
    for (const key of core.services.libraryCatalog.indexes.list())
      expect(await core.services.library.indexFor(key).count()).toBe(0);
  });
});
