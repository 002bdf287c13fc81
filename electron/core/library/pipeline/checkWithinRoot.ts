import { realpath, stat } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import { HearthError } from '../../../shared/errors';
import { isWithin } from '../catalog/WatchedFolders';
import { isHiddenOrSystem } from './isHiddenOrSystem';

/** Where a path found in a chosen folder really leads, judged against that folder's real root. */
export type RootCheck =
  /** A file or folder inside the root (directly or through a link that stays inside). */
  | { kind: 'inside'; real: string; isDirectory: boolean; isFile: boolean }
  /** The target, or a folder on the way to it, is hidden or system litter: skipped as such names are. */
  | { kind: 'hidden'; real: string }
  /** A link out of the root: never read; `error` is the per-file note that says so. */
  | { kind: 'outside'; real: string; error: HearthError }
  /** A broken or looping link, or a file that vanished. */
  | { kind: 'unreadable' };

/**
 * Resolves `path` (links and all) and says whether it stays inside `realRoot`, which must itself be a real path
 * (fs.realpath of the folder the person chose). Filters that look at names look at the target too, so
 * `notes.md -> .git/config` is hidden and `notes.md -> ~/.ssh/id_ed25519` is outside.
 */
export async function checkWithinRoot(path: string, realRoot: string): Promise<RootCheck> {
  let real: string;
  let isDirectory: boolean;
  let isFile: boolean;
  try {
    real = await realpath(path);
    const s = await stat(real);
    isDirectory = s.isDirectory();
    isFile = s.isFile();
  } catch {
    return { kind: 'unreadable' };
  }
  if (!isWithin(real, realRoot)) {
    const what = isDirectory ? 'folder' : 'file';
    return {
      kind: 'outside',
      real,
      error: new HearthError(
        'PERMISSION_DENIED',
        `Skipped: a link to a ${what} outside the folder you chose (${real}).`,
      ),
    };
  }
  const inner = relative(realRoot, real);
  if (inner !== '' && inner.split(sep).some(isHiddenOrSystem)) return { kind: 'hidden', real };
  return { kind: 'inside', real, isDirectory, isFile };
}

/**
 * The pipeline's check when a job is admitted (first run, resume, retry): a file that was found in a folder must
 * still lead inside that folder's real root, so a link swapped in after the walk, or retried later, is refused too.
 */
export async function assertWithinRoot(path: string, realRoot: string): Promise<void> {
  const check = await checkWithinRoot(path, realRoot);
  if (check.kind === 'outside') throw check.error;
  if (check.kind === 'hidden') {
    throw new HearthError('PERMISSION_DENIED', `Skipped: a link to a hidden or system file (${check.real}).`);
  }
}
