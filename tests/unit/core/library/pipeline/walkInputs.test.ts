import { mkdir, symlink, writeFile } from 'node:fs/promises';
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
