import { HearthError } from '../../shared/errors';
import type { Catalog } from './catalog/Catalog';

/**
 * On a team server (the catalogue in PostgreSQL, shared by replicas) a path names a file on one replica's disk,
 * which the others cannot read, and a folder watched there is gone when that replica is: files come in as uploads
 * or through the S3 bucket only.
 */
export function refuseSharedPaths(catalog: Pick<Catalog, 'dialect'>, what: 'files' | 'folders'): void {
  if (catalog.dialect !== 'postgres') return;
  throw new HearthError(
    'PERMISSION_DENIED',
    what === 'files'
      ? "This server's library is shared by several server replicas, so files cannot be added by a path on one server's disk. Upload them, or put them in the library's S3 bucket."
      : "This server's library is shared by several server replicas, so it cannot watch a folder on one server's disk. Upload the files, or put them in the library's S3 bucket.",
  );
}
