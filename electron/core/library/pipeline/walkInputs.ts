import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { IngestInput } from './pipelineTypes';

/** Names the OS or file managers leave behind, never documents. */
const SYSTEM_NAMES = new Set(['.DS_Store', 'Thumbs.db', 'desktop.ini', 'Icon\r', '__MACOSX']);

/** True for dot-files and OS litter, which a dropped folder should not turn into documents. */
export function isHiddenOrSystem(name: string): boolean {
  return name.startsWith('.') || SYSTEM_NAMES.has(name);
}

/**
 * Expands dropped paths into files: folders are walked recursively, hidden and system entries skipped, and only
 * regular files kept. Each real directory is entered once (a realpath set), so symlink loops end the walk instead
 * of recursing forever, and a file reached twice through links is ingested once.
 *
 * A path named directly is always returned unless it is a folder, even if it is broken or not a regular file: the
 * person chose it, so the pipeline should report why it cannot be read rather than drop it silently.
 */
export async function walkInputs(paths: readonly string[]): Promise<IngestInput[]> {
  const out: IngestInput[] = [];
  const seen = new Set<string>();

  const visit = async (path: string, explicit: boolean): Promise<void> => {
    let real: string;
    let isDir: boolean;
    let isFile: boolean;
    try {
      real = await realpath(path);
      const s = await stat(real);
      isDir = s.isDirectory();
      isFile = s.isFile();
    } catch {
      // Broken or looping link: only worth reporting if the person picked it themselves.
      if (explicit) out.push({ path, name: basename(path) });
      return;
    }
    if (seen.has(real)) return;
    seen.add(real);
    if (isDir) {
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
        await visit(join(path, entry.name), false);
      }
      return;
    }
    if (isFile || explicit) out.push({ path, name: basename(path) });
  };

  for (const p of paths) await visit(p, true);
  return out;
}
