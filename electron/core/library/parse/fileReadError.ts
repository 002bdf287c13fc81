import { HearthError } from '../../../shared/errors';
import { fileErrorCode } from '../../errors/fileErrorCode';

/** Messages for a file Hearth was asked to read (ingest, parse, revise), by contract code. */
const MESSAGES = {
  NOT_FOUND: 'The file no longer exists.',
  PERMISSION_DENIED: 'Hearth is not allowed to read this file.',
  UNSUPPORTED_FILE: 'This is a link that loops back on itself.',
  DISK_FULL: 'The disk is full.',
} as const;

/** A failure to stat, open or read a file to ingest, as a HearthError a person can act on. */
export function fileReadError(error: unknown): HearthError {
  const code = fileErrorCode(error);
  if (code) return new HearthError(code, MESSAGES[code], undefined, { cause: error });
  const nodeCode = (error as { code?: unknown } | null)?.code;
  return new HearthError('INTERNAL', 'The file could not be read.', { code: nodeCode }, { cause: error });
}
