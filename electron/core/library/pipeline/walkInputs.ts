import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { checkWithinRoot } from './checkWithinRoot';
import { isHiddenOrSystem } from './isHiddenOrSystem';
import type { IngestInput } from './pipelineTypes';

/** Options for expanding paths into files. */
export interface WalkInputsOptions {
  /**
   * The folder the paths were found in (a watched folder): each path is then an entry of that folder, judged against
   * its real root like any file met while walking it, instead of a path the person chose.
   */
  within?: string;
}

/**
 * Expands dropped paths into files: folders are walked recursively, hidden and system entries skipped, and only
 * regular files kept. Each real directory is entered once (a realpath set), so symlink loops end the walk instead
 * of recursing forever, and a file reached twice through links is ingested once.
 *
 * A walk stays inside the real root of the folder that was chosen: a link out of it (`notes.md -> ~/.ssh/key`, or a
 * link to a folder elsewhere) is not followed but handed on with `root` set, so the pipeline records it as a failed
 * file whose note says why; a link whose target is hidden is skipped like a hidden name. Every file found in a
 * folder carries its `root`, and the pipeline checks it again when it admits the job (a retry, or a link swapped in
 * after the walk).
 *
 * A path named directly is always returned unless it is a folder, even if it is broken, not a regular file, or a
 * link to anywhere: the person chose that very file, so it has no root to stay in, and the pipeline reports why it
 * cannot be read rather than drop it silently.
 */
export async function walkInputs(paths: readonly string[], options: WalkInputsOptions = {}): Promise<IngestInput[]> {
  const out: IngestInput[] = [];
  const seen = new Set<string>();

  const walkDir = async (path: string, real: string, root: string): Promise<void> => {
    let entries: Dirent[];
    try {
      entries = await readdir(real, { withFileTypes: true });
    } catch {
      return;
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (isHiddenOrSystem(entry.name)) continue;
      if (!entry.isDirectory() && !entry.isFile() && !entry.isSymbolicLink()) continue;
      await visitEntry(join(path, entry.name), root);
    }
  };

  const visitEntry = async (path: string, root: string): Promise<void> => {
    const check = await checkWithinRoot(path, root);
    if (check.kind === 'outside') out.push({ path, name: basename(path), root });
    if (check.kind !== 'inside' || seen.has(check.real)) return;
    seen.add(check.real);
    if (check.isDirectory) await walkDir(path, check.real, root);
    else if (check.isFile) out.push({ path, name: basename(path), root });
  };

  if (options.within !== undefined) {
    const root = await realpath(options.within).catch(() => null);
    if (root === null) return out;
    for (const p of paths) await visitEntry(p, root);
    return out;
  }

  for (const path of paths) {
    let real: string;
    let isDir: boolean;
    try {
      real = await realpath(path);
      isDir = (await stat(real)).isDirectory();
    } catch {
      // Broken or looping link named directly: the pipeline says why it cannot be read.
      out.push({ path, name: basename(path) });
      continue;
    }
    if (seen.has(real)) continue;
    seen.add(real);
    // A chosen folder is its own root, resolved once: a folder given through a link is walked where it really is.
    if (isDir) await walkDir(path, real, real);
    else out.push({ path, name: basename(path) });
  }
  return out;
}
