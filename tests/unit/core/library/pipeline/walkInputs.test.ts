import { mkdir, realpath, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { walkInputs } from '../../../../../electron/core/library/pipeline/walkInputs';
import { tempDir } from '../../../../helpers/tempCore';

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  dir = await tempDir('hearth-walk-');
});
afterEach(() => dir.remove());

it('walks folders recursively, skipping hidden and system files and surviving symlink loops', async () => {
  const root = join(dir.path, 'docs');
  await mkdir(join(root, 'sub', '.git'), { recursive: true });
  await writeFile(join(root, 'a.md'), '# a');
  await writeFile(join(root, 'sub', 'b.ts'), 'x');
  await writeFile(join(root, '.DS_Store'), 'x');
  await writeFile(join(root, 'Thumbs.db'), 'x');
  await writeFile(join(root, '.hidden'), 'x');
  await writeFile(join(root, 'sub', '.git', 'config'), 'x');
  await symlink(root, join(root, 'sub', 'loop'));
  await symlink(join(root, 'a.md'), join(root, 'z-link.md'));
  await symlink(join(root, 'l1'), join(root, 'l2'));
  await symlink(join(root, 'l2'), join(root, 'l1'));
  const files = await walkInputs([root]);
  expect(files.map((f) => f.name)).toEqual(['a.md', 'b.ts']);
  // A looping link named directly is handed on so the pipeline can say why it cannot be read.
  expect(await walkInputs([join(root, 'l1')])).toEqual([{ path: join(root, 'l1'), name: 'l1' }]);
});

it('hands on a link out of the chosen folder with its root, without following it; a folder link out is not entered', async () => {
  const root = join(dir.path, 'repo');
  const secrets = join(dir.path, 'secrets');
  await mkdir(join(root, 'sub'), { recursive: true });
  await mkdir(secrets);
  await writeFile(join(secrets, 'id_ed25519'), 'PRIVATE KEY');
  await writeFile(join(secrets, 'more.md'), '# more');
  await writeFile(join(root, 'a.md'), '# a');
  await symlink(join(secrets, 'id_ed25519'), join(root, 'notes.md'));
  await symlink(secrets, join(root, 'sub', 'keys'));
  const realRoot = await realpath(root);
  expect(await walkInputs([root])).toEqual([
    { path: join(root, 'a.md'), name: 'a.md', root: realRoot },
    { path: join(root, 'notes.md'), name: 'notes.md', root: realRoot },
    { path: join(root, 'sub', 'keys'), name: 'keys', root: realRoot },
  ]);
  // The same entries found in a watched folder (`within`) are judged the same way.
  expect(await walkInputs([join(root, 'notes.md'), join(root, 'a.md')], { within: root })).toEqual([
    { path: join(root, 'notes.md'), name: 'notes.md', root: realRoot },
    { path: join(root, 'a.md'), name: 'a.md', root: realRoot },
  ]);
  // A file the person names directly is theirs to choose, link or not: it has no root to stay in.
  expect(await walkInputs([join(root, 'notes.md')])).toEqual([{ path: join(root, 'notes.md'), name: 'notes.md' }]);
});

it('filters a link by its target: a link to a hidden file or into a hidden folder inside is skipped', async () => {
  const root = join(dir.path, 'repo');
  await mkdir(join(root, '.git'), { recursive: true });
  await writeFile(join(root, '.git', 'config'), '[remote] url = secret');
  await writeFile(join(root, '.env'), 'TOKEN=1');
  await writeFile(join(root, 'a.md'), '# a');
  await symlink(join(root, '.git', 'config'), join(root, 'config.md'));
  await symlink(join(root, '.env'), join(root, 'env.txt'));
  await symlink(join(root, '.git'), join(root, 'git'));
  expect((await walkInputs([root])).map((f) => f.name)).toEqual(['a.md']);
});

it('walks a folder chosen through a link where it really is, and links inside it stay allowed', async () => {
  const real = join(dir.path, 'real');
  await mkdir(join(real, 'sub'), { recursive: true });
  await writeFile(join(real, 'sub', 'b.md'), '# b');
  await symlink(join(real, 'sub', 'b.md'), join(real, 'b-link.md'));
  await symlink(join(real, 'sub'), join(real, 'a-sub'));
  await symlink(real, join(dir.path, 'chosen'));
  const files = await walkInputs([join(dir.path, 'chosen')]);
  // b.md is reached once, through the first link met (a-sub), never twice.
  expect(files).toEqual([
    { path: join(dir.path, 'chosen', 'a-sub', 'b.md'), name: 'b.md', root: await realpath(real) },
  ]);
});
