import { HearthError } from '../../shared/errors';
import { fileErrorCode } from '../errors/fileErrorCode';

/** Who serves the bucket: decides which code an unreachable server gets (SIDECAR_DOWN or REMOTE_UNAVAILABLE). */
export type ObjectOrigin = 'sidecar' | 'external';

/** Socket-level failures that mean "the server is not there (any more)", by Node's error codes. */
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  // Node reports "socket hang up" with this code too.
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
]);

/** S3 error codes (from the server's XML) that say the object, bucket or upload does not exist. */
const NOT_FOUND_CODES = new Set(['NoSuchKey', 'NotFound', 'NoSuchBucket', 'NoSuchUpload', 'NoSuchTagSet']);
/** S3 error codes that say the server refused our credentials. */
const AUTH_CODES = new Set([
  'AccessDenied',
  'InvalidAccessKeyId',
  'SignatureDoesNotMatch',
  'InvalidToken',
  'ExpiredToken',
]);
/** S3 error codes for "the server is out of space". */
const FULL_CODES = new Set(['XMinioStorageFull', 'StorageFull']);
/** S3 error codes a server uses for an operation it does not implement (s3rver's AbortMultipartUpload). */
const UNSUPPORTED_CODES = new Set(['MethodNotAllowed', 'NotImplemented']);

function codeOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') return code;
  // undici and some wrappers put the socket error in `cause`.
  return codeOf((error as { cause?: unknown }).cause);
}

/** True when the error says the server could not be reached or dropped the connection. */
export function isConnectionError(error: unknown): boolean {
  if (error instanceof HearthError) return error.code === 'SIDECAR_DOWN' || error.code === 'REMOTE_UNAVAILABLE';
  const code = codeOf(error);
  return code !== undefined && CONNECTION_CODES.has(code);
}

/** True when a reused keep-alive connection was closed under the request (worth one immediate retry). */
export function isStaleSocketError(error: unknown): boolean {
  const code = codeOf(error);
  return code === 'ECONNRESET' || code === 'EPIPE';
}

/** True when the error is an AbortSignal firing (ours, or a timeout we set). */
export function isAbortError(error: unknown): boolean {
  if (error instanceof HearthError) return error.code === 'CANCELLED';
  const name = (error as { name?: unknown } | null)?.name;
  return name === 'AbortError' || codeOf(error) === 'ABORT_ERR';
}

/** True when the server answered that it does not support the request (rather than that it failed). */
export function isUnsupportedError(error: unknown): boolean {
  const code = codeOf(error);
  return code !== undefined && UNSUPPORTED_CODES.has(code);
}

/**
 * Turns whatever the minio client, the socket or the file system threw into a HearthError whose message a person can
 * act on. `what` completes "Could not … ", e.g. `upload "report.pdf"`.
 */
export function toObjectError(error: unknown, origin: ObjectOrigin, what: string): HearthError {
  if (error instanceof HearthError) return error;
  const code = codeOf(error);
  const server = origin === 'sidecar' ? 'Hearth’s object store' : 'The remote object store';
  if (isAbortError(error)) {
    return new HearthError('CANCELLED', `Stopped: ${what}.`, undefined, { cause: error });
  }
  if (code !== undefined && CONNECTION_CODES.has(code)) {
    return origin === 'sidecar'
      ? new HearthError(
          'SIDECAR_DOWN',
          `Could not ${what}: ${server} stopped responding. Hearth restarts it automatically; try again in a moment.`,
          { reason: code },
          { cause: error },
        )
      : new HearthError(
          'REMOTE_UNAVAILABLE',
          `Could not ${what}: the remote object store could not be reached (${code}).`,
          { reason: code },
          { cause: error },
        );
  }
  const fileCode = fileErrorCode(error);
  if (fileCode === 'NOT_FOUND') {
    return new HearthError('NOT_FOUND', `Could not ${what}: the file no longer exists.`, undefined, { cause: error });
  }
  if (fileCode === 'PERMISSION_DENIED') {
    return new HearthError('PERMISSION_DENIED', `Could not ${what}: Hearth may not read that file.`, undefined, {
      cause: error,
    });
  }
  if (fileCode === 'DISK_FULL' || (code !== undefined && FULL_CODES.has(code))) {
    return new HearthError('DISK_FULL', `Could not ${what}: the disk holding the object store is full.`, undefined, {
      cause: error,
    });
  }
  if (code !== undefined && NOT_FOUND_CODES.has(code)) {
    return new HearthError(
      'NOT_FOUND',
      `Could not ${what}: it does not exist in the object store.`,
      { s3: code },
      {
        cause: error,
      },
    );
  }
  if (code === 'InvalidRange') {
    return new HearthError(
      'INVALID_INPUT',
      `Could not ${what}: the requested range is outside the object.`,
      undefined,
      {
        cause: error,
      },
    );
  }
  if (code !== undefined && AUTH_CODES.has(code)) {
    return origin === 'sidecar'
      ? new HearthError(
          'SIDECAR_DOWN',
          `Could not ${what}: ${server} rejected Hearth’s credentials. Restart Hearth to start it with the keychain’s.`,
          { s3: code },
          { cause: error },
        )
      : new HearthError(
          'REMOTE_UNAVAILABLE',
          `Could not ${what}: the remote object store rejected the access key. Check it in Settings.`,
          { s3: code },
          { cause: error },
        );
  }
  const detail = error instanceof Error ? error.message : String(error);
  return new HearthError('INTERNAL', `Could not ${what}: ${detail}`, code ? { s3: code } : undefined, {
    cause: error,
  });
}

/** The caller's signal fired: CANCELLED whatever the signal's reason or the request's resulting error. */
export function cancelledError(what: string, cause?: unknown): HearthError {
  return new HearthError('CANCELLED', `Stopped: ${what}.`, undefined, cause === undefined ? undefined : { cause });
}
