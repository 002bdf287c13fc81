import type { Logger } from 'pino';
import { z } from 'zod';
import type { ErrorData } from '../../shared/errors';
import { HearthError } from '../../shared/errors';

/** Node error codes that mean something a person can act on. */
const NODE_CODES: Record<string, ErrorData['code']> = {
  EACCES: 'PERMISSION_DENIED',
  EPERM: 'PERMISSION_DENIED',
  ENOSPC: 'DISK_FULL',
  EDQUOT: 'DISK_FULL',
  ENOENT: 'NOT_FOUND',
  ETIMEDOUT: 'TIMEOUT',
};

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
  const nodeCode = (error as { code?: unknown } | null)?.code;
  if (typeof nodeCode === 'string' && nodeCode in NODE_CODES) {
    const code = NODE_CODES[nodeCode]!;
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
    default:
      return 'The operation failed.';
  }
}
