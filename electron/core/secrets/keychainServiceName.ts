import { createHash } from 'node:crypto';
import { resolve } from 'node:path';

/**
 * `Hearth` for the default data dir, `Hearth <hash>` for any other, so tests, dev runs and the user's
 * app never share keychain entries (ARCHITECTURE.md, Data).
 */
export function keychainServiceName(dataDir: string, defaultDataDir: string): string {
  if (resolve(dataDir) === resolve(defaultDataDir)) return 'Hearth';
  const hash = createHash('sha256').update(resolve(dataDir)).digest('hex').slice(0, 10);
  return `Hearth ${hash}`;
}
