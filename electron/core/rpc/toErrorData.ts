import type { Logger } from 'pino';
import { z } from 'zod';
import type { ErrorData } from '../../shared/errors';
import { HearthError } from '../../shared/errors';
import { fileErrorCode } from '../errors/fileErrorCode';

/** The contract code of a Node error a person can act on: a file-system failure, or a timeout. */
function nodeErrorCode(error: unknown): ErrorData['code'] | null {
  const fileCode = fileErrorCode(error);
  if (fileCode) return fileCode;
  return (error as { code?: unknown } | null)?.code === 'ETIMEDOUT' ? 'TIMEOUT' : null;
}

/** Summarises zod issues without echoing the offending values back. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 5)
    .map((issue) => `${issue.path.length ? issue.path.join('.') : 'input'}: ${issue.message}`)
    .join('; ');
}

/**
 * Maps anything thrown inside the core to contract error data. Only `HearthError` messages pass through;
 * everything else is logged with its stack and replaced by a generic message, so no stack or path leaks.
 */
export function toErrorData(error: unknown, logger: Logger, context: Record<string, unknown>): ErrorData {
  if (error instanceof HearthError) return error.toData();
  if (error instanceof z.ZodError) return { code: 'INVALID_INPUT', message: describeIssues(error) };
  if (error instanceof Error && error.name === 'AbortError') return { code: 'CANCELLED', message: 'Cancelled.' };
  const code = nodeErrorCode(error);
  if (code) {
    logger.warn({ err: error, ...context }, 'operation failed');
    return { code, message: messageForNodeCode(code) };
  }
  logger.error({ err: error, ...context }, 'unexpected error');
  return { code: 'INTERNAL', message: 'Something went wrong inside Hearth. Details are in the log.' };
}

function messageForNodeCode(code: ErrorData['code']): string {
  switch (code) {
    case 'PERMISSION_DENIED':
      return 'Hearth was not allowed to access a file it needed.';
    case 'DISK_FULL':
      return 'The disk is full.';
    case 'NOT_FOUND':
      return 'A file Hearth needed was not found.';
    case 'TIMEOUT':
      return 'The operation timed out.';
    case 'UNSUPPORTED_FILE':
      return 'A file Hearth needed is a link that loops back on itself.';
    default:
      return 'The operation failed.';
  }
}
