import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Platform } from '../core/platform';
import { resolveDataDir } from '../core/paths/resolveDataDir';

/** Finds a file shipped next to this module (bundled) or in the source tree (tsx). */
function locate(candidates: string[]): string {
  for (const candidate of candidates) {
    const path = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new Error(`Hearth is incomplete: none of ${candidates.join(', ')} exists next to ${import.meta.url}`);
}

export function appVersion(): string {
  const pkg = JSON.parse(readFileSync(locate(['../../package.json', '../package.json']), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}

/** The platform for the headless shell: plain Node, the OS keychain, this Node binary for Node children. */
export function nodePlatform(overrides: Partial<Platform> = {}): Platform {
  return {
    mode: 'headless',
    dataDir: resolveDataDir(),
    defaultDataDir: resolveDataDir({ env: {} }),
    appVersion: appVersion(),
    node: { command: process.execPath },
    watchdogPath: locate(['./watchdog.cjs', '../core/supervisor/watchdog.cjs']),
    ...overrides,
  };
}

export function defaultRendererDir(): string {
  return fileURLToPath(new URL('../../dist/renderer', import.meta.url));
}
