import type { ErrorCode } from '@shared/errors';

/**
 * Failures that the same file fails again with: retrying cannot help (the file itself must change, or a setting).
 * Everything else (a cancel, a stopped service, a timeout, a full disk) may go through on another try.
 */
const FINAL: ReadonlySet<ErrorCode> = new Set<ErrorCode>([
  'UNSUPPORTED_FILE',
  'FILE_TOO_LARGE',
  'INVALID_INPUT',
  'PERMISSION_DENIED',
]);

/** Whether Retry is worth offering for a file that ended with this error. */
export function canRetry(code: ErrorCode | undefined): boolean {
  return code === undefined || !FINAL.has(code);
}

/**
 * The general hint under a file's own message, or null where it would only repeat or contradict it: the message of
 * an unreadable file already says why ("The file is empty"), and a cancel needs no advice.
 */
export function reasonHint(code: ErrorCode, hint: string): string | null {
  return code === 'UNSUPPORTED_FILE' || code === 'CANCELLED' ? null : hint;
}
