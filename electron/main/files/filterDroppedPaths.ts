import { basename, isAbsolute, normalize } from 'node:path';

/** Finder's bookkeeping files, which ride along with dropped folders and archives and are never documents. */
function isFinderMetadata(path: string): boolean {
  const name = basename(path);
  return name === '.DS_Store' || name.startsWith('._');
}

/**
 * The paths worth handing to ingestion from a drop, a dock open or a second launch: absolute, normalised, without
 * duplicates (a file dropped on the dock and the tray at once) and without Finder's metadata files.
 */
export function filterDroppedPaths(paths: readonly string[]): string[] {
  const kept = new Set<string>();
  for (const path of paths) {
    if (typeof path !== 'string' || path === '' || !isAbsolute(path)) continue;
    const normal = normalize(path);
    if (isFinderMetadata(normal)) continue;
    kept.add(normal);
  }
  return [...kept];
}
