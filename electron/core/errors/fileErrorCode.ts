import type { ErrorCode } from '../../shared/errors';

/** The contract codes a file-system failure maps to. */
export type FileErrorCode = Extract<ErrorCode, 'NOT_FOUND' | 'PERMISSION_DENIED' | 'DISK_FULL' | 'UNSUPPORTED_FILE'>;

/** Node's file-system error codes that mean something a person can act on. */
const FILE_CODES: Readonly<Record<string, FileErrorCode>> = {
  ENOENT: 'NOT_FOUND',
  // A path through something that is not a folder: the file is not there either.
  ENOTDIR: 'NOT_FOUND',
  EACCES: 'PERMISSION_DENIED',
  EPERM: 'PERMISSION_DENIED',
  ENOSPC: 'DISK_FULL',
  EDQUOT: 'DISK_FULL',
  // A symlink that loops back on itself: no file Hearth can read.
  ELOOP: 'UNSUPPORTED_FILE',
};

/**
 * The contract code for a file-system failure (by Node's `code`, also when a wrapper keeps the original as `cause`),
 * or null when it is not one of the failures above. Callers word the message: only they know what was being done.
 */
export function fileErrorCode(error: unknown): FileErrorCode | null {
  const code = nodeCodeOf(error);
  return code !== undefined && Object.hasOwn(FILE_CODES, code) ? (FILE_CODES[code] ?? null) : null;
}

function nodeCodeOf(error: unknown, depth = 0): string | undefined {
  if (typeof error !== 'object' || error === null || depth > 4) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  return nodeCodeOf((error as { cause?: unknown }).cause, depth + 1);
}
