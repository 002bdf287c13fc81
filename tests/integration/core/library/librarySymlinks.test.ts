import { mkdir, realpath, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestCore } from '../../../helpers/tempCore';
import type { BatchResult, IngestProgress } from '../../../../electron/shared/librarySchemas';
import type { Result } from '../../../../electron/shared/result';
import { tempDir, waitFor } from '../../../helpers/tempCore';
import { keywordDocs, modelFile, startLivingCore, value } from './livingHelpers';

/** Words only the file outside the chosen folders holds: finding them anywhere means the key leaked in. */
const SECRET = 'zebraquartz begin openssh private key';

let dir: Awaited<ReturnType<typeof tempDir>>;
let core: TestCore;
let secrets: string;

const docAt = (path: string) => core.services.libraryCatalog.listDocuments().find((d) => d.sourcePath === path);
const failedJobsAt = (path: string) =>
  core.services.libraryCatalog.jobs
    .list()
    .filter((j) => j.input.kind === 'path' && j.input.path === path && j.stage === 'failed');

beforeAll(async () => {
  dir = await tempDir('hearth-symlinks-');
  await mkdir(join(dir.path, 'home', '.ssh'), { recursive: true });
  // Real, as the notes name the resolved target.
  secrets = await realpath(join(dir.path, 'home', '.ssh'));
  await writeFile(join(secrets, 'id_ed25519'), `-----${SECRET}-----\n`);
  core = await startLivingCore(join(dir.path, 'data'), modelFile(dir.path));
}, 120_000);

afterAll(async () => {
  await core?.dispose();
  await dir?.remove();
});

describe('links out of chosen folders, on the real core', () => {
  it('skips a link out of a dropped folder with a per-file note, and filters a link by its target', async () => {
    const repo = join(dir.path, 'repo');
    await mkdir(repo);
    await writeFile(join(repo, 'readme.md'), '# Readme\n\nThe garden has apple trees and a pond.\n');
    await writeFile(join(repo, '.env'), 'API_TOKEN=hiddenvalue\n');
    await symlink(join(secrets, 'id_ed25519'), join(repo, 'notes.md'));
    await symlink(secrets, join(repo, 'keys'));
    await symlink(join(repo, '.env'), join(repo, 'env.txt'));

    const events: IngestProgress[] = [];
    const result = (await core.services.dispatcher.stream(
      'library.ingest',
      { paths: [repo] },
      { origin: 'internal', signal: new AbortController().signal },
      (e) => {
        events.push(e as IngestProgress);
      },
    )) as Result<BatchResult>;
    if (!result.ok) throw new Error(result.error.message);
    const byName = new Map(result.value.files.map((f) => [f.name, f]));
    expect([...byName.keys()].sort()).toEqual(['keys', 'notes.md', 'readme.md']);
    expect(byName.get('readme.md')).toMatchObject({ stage: 'indexed' });
    expect(byName.get('notes.md')).toMatchObject({
      stage: 'failed',
      documentId: null,
      error: {
        code: 'PERMISSION_DENIED',
        message: `Skipped: a link to a file outside the folder you chose (${join(secrets, 'id_ed25519')}).`,
      },
    });
    expect(byName.get('keys')?.error?.message).toBe(
      `Skipped: a link to a folder outside the folder you chose (${secrets}).`,
    );
    // The note reaches clients on the progress stream too, as other per-file failures do.
    expect(events).toContainEqual(
      expect.objectContaining({ kind: 'file', name: 'notes.md', stage: 'failed', error: expect.anything() }),
    );
    expect(keywordDocs(core, 'zebraquartz')).toEqual([]);
    expect(keywordDocs(core, 'hiddenvalue')).toEqual([]);
    expect(docAt(join(repo, 'notes.md'))).toBeUndefined();
  }, 60_000);

  it('a watched folder skips a link out created after watching started, and reports it once', async () => {
    const watched = join(dir.path, 'watched');
    await mkdir(watched);
    await writeFile(join(watched, 'river.md'), '# River\n\nThe water runs to the sea past the old mill.\n');
    await value(core, 'library.watch.add', { path: watched });
    await waitFor('the folder to be ingested', () => docAt(join(watched, 'river.md'))?.status === 'indexed', 30_000);

    const leak = join(watched, 'leak.md');
    await symlink(join(secrets, 'id_ed25519'), leak);
    await symlink(secrets, join(watched, 'keys'));
    const later = join(watched, 'later.md');
    await writeFile(later, 'A later note about the harbour lights.\n');
    await waitFor('the link out to be refused', () => failedJobsAt(leak).length === 1, 20_000);
    await waitFor('the later file to be indexed', () => docAt(later)?.status === 'indexed', 20_000);
    expect(failedJobsAt(leak)[0]?.error).toEqual({
      code: 'PERMISSION_DENIED',
      message: `Skipped: a link to a file outside the folder you chose (${join(secrets, 'id_ed25519')}).`,
    });
    expect(docAt(leak)).toBeUndefined();
    expect(keywordDocs(core, 'zebraquartz')).toEqual([]);

    // A full rescan (as at every start) leaves the unchanged link alone: one note, not one per scan.
    core.services.living.watch.rescanAll();
    await core.services.living.watch.idle();
    expect(failedJobsAt(leak)).toHaveLength(1);
    expect(keywordDocs(core, 'zebraquartz')).toEqual([]);
  }, 90_000);
});
