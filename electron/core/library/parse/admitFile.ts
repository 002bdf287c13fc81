import { HearthError } from '../../../shared/errors';
import { formatBytes } from '../../../shared/formatBytes';

/**
 * The library's one admission check, made from a file's stats before any byte is read: a regular file (not a
 * device, pipe or socket), within the size limit (apparent size, so a sparse file counts in full), not empty.
 * Returns the size; throws a HearthError saying why the file is refused.
 */
export function admitFile(stats: { isFile(): boolean; size: number }, maxBytes: number): number {
  if (!stats.isFile()) {
    throw new HearthError('UNSUPPORTED_FILE', 'This is not a regular file (it may be a device, pipe or socket).');
  }
  if (stats.size > maxBytes) {
    throw new HearthError(
      'FILE_TOO_LARGE',
      `This file is ${formatBytes(stats.size)}, over the ${formatBytes(maxBytes)} limit.`,
      { size: stats.size, maxBytes },
    );
  }
  if (stats.size === 0) throw new HearthError('UNSUPPORTED_FILE', 'The file is empty.');
  return stats.size;
}
