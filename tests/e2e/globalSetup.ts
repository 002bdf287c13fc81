import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../helpers/tempCore';

/** The E2E suite runs the built app (what `npm start` serves); build it when it is missing. */
export default function globalSetup(): void {
  const built = ['dist/renderer/index.html', 'dist/server/main.mjs'].every((p) => existsSync(join(repoRoot, p)));
  if (built && process.env.HEARTH_E2E_REBUILD !== '1') return;
  const result = spawnSync(process.execPath, [join(repoRoot, 'scripts/build.mjs')], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('Building Hearth for the E2E tests failed.');
}
