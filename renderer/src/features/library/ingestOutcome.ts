import type { ErrorCode } from '@shared/errors';

/**
 * The general hint under a file's own message, or null where it would only repeat or contradict it: the message of
 * an unreadable file already says why ("The file is empty"), and a cancel needs no advice.
 */
export function reasonHint(code: ErrorCode, hint: string): string | null {
  return code === 'UNSUPPORTED_FILE' || code === 'CANCELLED' ? null : hint;
}
