import { lstat, readdir } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Bytes used under a folder (files only; symlinks are not followed, so a link loop cannot trap it).
 * Missing folders count as 0. Stops descending past `maxEntries` to stay cheap on huge trees.
 */
export async function diskUsage(path: string, maxEntries = 200_000): Promise<number> {
  let total = 0;
  let seen = 0;
  const stack = [path];
  while (stack.length > 0 && seen < maxEntries) {
    const current = stack.pop()!;
    const info = await lstat(current).catch(() => null);
    if (!info) continue;
    seen++;
    if (info.isFile()) total += info.size;
    else if (info.isDirectory()) {
      const entries = await readdir(current).catch(() => [] as string[]);
      for (const entry of entries) stack.push(join(current, entry));
    }
  }
  return total;
}
