import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestCore } from '../../../helpers/tempCore';
import type { WatchedFolder } from '../../../../electron/shared/livingLibrarySchemas';
import { tempDir, waitFor } from '../../../helpers/tempCore';
import { call, expectWhole, keywordDocs, modelFile, startLivingCore, value, vectorIds } from './livingHelpers';

let dir: Awaited<ReturnType<typeof tempDir>>;
let core: TestCore;
let notes: string;
let dataDir: string;

const docAt = (path: string) => core.services.libraryCatalog.listDocuments().find((d) => d.sourcePath === path);
const indexedAt = (path: string) => docAt(path)?.status === 'indexed';

beforeAll(async () => {
  dir = await tempDir('hearth-watch-');
  dataDir = join(dir.path, 'data');
  notes = join(dir.path, 'notes');
  await mkdir(join(notes, 'sub'), { recursive: true });
  await writeFile(join(notes, 'river.md'), '# River\n\nThe water runs to the sea past the old farm.\n');
  await writeFile(join(notes, 'sub', 'tree.txt'), 'A tree grows near the house; birds sing in it.\n');
  await writeFile(join(notes, '.hidden.md'), 'Hidden notes are never read.\n');
  core = await startLivingCore(dataDir, modelFile(dir.path));
}, 120_000);

afterAll(async () => {
  await core?.dispose();
  await dir?.remove();
});

describe('watched folders on real files', () => {
  let folder: WatchedFolder;

  it('adds a folder: its files are ingested into its collection; a browser may not add one', async () => {
    const denied = await call(core, 'library.watch.add', { path: notes }, 'ws');
    expect(denied).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    folder = await value<WatchedFolder>(core, 'library.watch.add', { path: notes, collection: 'Notes' });
    expect(folder).toMatchObject({ path: notes, collection: 'Notes', paused: false });
    await waitFor(
      'the folder to be ingested',
      () => indexedAt(join(notes, 'river.md')) && indexedAt(join(notes, 'sub', 'tree.txt')),
      30_000,
    );
    expect(docAt(join(notes, '.hidden.md'))).toBeUndefined();
    expect(docAt(join(notes, 'river.md'))).toMatchObject({ collection: 'Notes', version: 1 });
    const overlap = await call(core, 'library.watch.add', { path: join(notes, 'sub') });
    expect(overlap).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
  });

  it('ingests a file written into the folder', async () => {
    const path = join(notes, 'sub', 'city.md');
    await writeFile(path, 'The city has a school and a music hall.\n');
    await waitFor('the new file to be indexed', () => indexedAt(path), 20_000);
    const doc = docAt(path)!;
    await expectWhole(core, doc.id);
    expect(keywordDocs(core, 'music school')).toEqual([doc.id]);
  });

  it('re-ingests an edited file as a new version, leaving nothing of the old one', async () => {
    const path = join(notes, 'river.md');
    const before = docAt(path)!;
    const oldKey = before.objectKey!;
    await writeFile(path, '# River\n\nNow the story is about a mountain light at night.\n');
    await waitFor(
      'version 2',
      () => docAt(path)?.version === 2 && core.services.libraryCatalog.versions.get(before.id, 2)?.status === 'current',
      20_000,
    );
    const after = docAt(path)!;
    expect(after.id).toBe(before.id);
    expect(after.sha256).not.toBe(before.sha256);
    expect(after.objectKey).not.toBe(oldKey);
    await expectWhole(core, after.id);
    expect((await vectorIds(core, after.id)).every((id) => id.startsWith(`${after.id}:2:`))).toBe(true);
    expect(keywordDocs(core, 'mountain light')).toEqual([after.id]);
    expect(keywordDocs(core, 'farm')).toEqual([]);
    const objects = await core.services.storage.requireObjects();
    await expect(objects.stat(oldKey)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const { versions } = await value<{ versions: { version: number; status: string; origin: string }[] }>(
      core,
      'library.versions',
      { id: after.id },
    );
    expect(versions).toMatchObject([
      { version: 2, status: 'current', origin: 'disk' },
      { version: 1, status: 'superseded', origin: 'ingest' },
    ]);
  });

  it('follows a rename: the same document, at its new path', async () => {
    const from = join(notes, 'sub', 'tree.txt');
    const to = join(notes, 'sub', 'oak tree.txt');
    const doc = docAt(from)!;
    await rename(from, to);
    await waitFor('the document to follow the rename', () => docAt(to)?.id === doc.id, 20_000);
    expect(docAt(from)).toBeUndefined();
    expect(core.services.libraryCatalog.getDocument(doc.id)).toMatchObject({ name: 'oak tree.txt', version: 1 });
    await expectWhole(core, doc.id);
  });

  it('deletes the document everywhere when its file is deleted', async () => {
    const path = join(notes, 'sub', 'city.md');
    const doc = docAt(path)!;
    await rm(path);
    await waitFor('the document to be deleted', () => !core.services.libraryCatalog.getDocument(doc.id), 20_000);
    expect(await vectorIds(core, doc.id)).toEqual([]);
    expect(core.services.libraryCatalog.keywordRowCount(doc.id)).toBe(0);
    await expect((await core.services.storage.requireObjects()).stat(doc.objectKey!)).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('picks up changes made while paused, on resume', async () => {
    await value(core, 'library.watch.pause', { id: folder.id });
    const path = join(notes, 'paused.md');
    await writeFile(path, 'Written while the watch was paused: a white paper.\n');
    const resumed = await value<WatchedFolder>(core, 'library.watch.resume', { id: folder.id });
    expect(resumed.paused).toBe(false);
    await waitFor('the file written while paused', () => indexedAt(path), 20_000);
  });

  it('finds at start what changed while Hearth was closed, and leaves no watcher behind', async () => {
    const river = docAt(join(notes, 'river.md'))!;
    const paused = docAt(join(notes, 'paused.md'))!;
    expect(process.getActiveResourcesInfo()).toContain('FSEventWrap');
    await core.dispose();
    expect(process.getActiveResourcesInfo().filter((r) => r === 'FSEventWrap')).toEqual([]);
    await writeFile(join(notes, 'river.md'), '# River\n\nA third story: children walk to the north.\n');
    await rm(join(notes, 'paused.md'));
    await writeFile(join(notes, 'offline.md'), 'Added while closed: an animal picture.\n');

    core = await startLivingCore(dataDir);
    await waitFor(
      'the changes made while closed',
      () =>
        indexedAt(join(notes, 'offline.md')) &&
        docAt(join(notes, 'river.md'))?.version === 3 &&
        !core.services.libraryCatalog.getDocument(paused.id),
      30_000,
    );
    await core.services.living.watch.idle();
    await expectWhole(core, river.id);
    expect(keywordDocs(core, 'children north')).toEqual([river.id]);
    const { folders } = await value<{ folders: WatchedFolder[] }>(core, 'library.watch.list', {});
    expect(folders).toMatchObject([{ id: folder.id, state: 'watching', documents: 3 }]);
    expect(folders[0]!.lastScanAt).not.toBeNull();
  });
});
