import { join } from 'node:path';

/** Where a source checkout keeps the sidecars (dev runs and tests); the shells pass the paths they ship. */
export function sourceTreeSidecars(repoRoot: string): { minioBinary: string; devServerScript: string } {
  return {
    minioBinary: join(repoRoot, 'native', 'bin', `${process.platform}-${process.arch}`, 'minio'),
    devServerScript: join(repoRoot, 'electron', 'core', 'objects', 'devS3Server.mjs'),
  };
}
