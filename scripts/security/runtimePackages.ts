import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A package the app ships: every package-lock entry that is not dev-only. */
export interface RuntimePackage {
  /** Its folder, e.g. `node_modules/@napi-rs/keyring`. */
  path: string;
  name: string;
  version: string;
  license: string | null;
}

/**
 * The runtime dependency tree from package-lock.json (electron-builder packs the non-dev packages). Platform packages
 * of other systems are listed too (from the lock), so the check is the same on every machine.
 */
export function runtimePackages(root: string): RuntimePackage[] {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as {
    packages: Record<
      string,
      { version?: string; license?: string; dev?: boolean; devOptional?: boolean; name?: string }
    >;
  };
  return Object.entries(lock.packages)
    .filter(([path, entry]) => path.startsWith('node_modules/') && !entry.dev && !entry.devOptional)
    .map(([path, entry]) => ({
      path,
      name: entry.name ?? path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length),
      version: entry.version ?? '',
      license: entry.license ?? null,
    }))
    .sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
}
