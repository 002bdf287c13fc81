import { z } from 'zod';

/** The closed list of error codes that may cross the contract (ARCHITECTURE.md). Extended only here. */
const ERROR_CODES = [
  'INVALID_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'UNAUTHORIZED',
  'RATE_LIMITED',
  'CANCELLED',
  'TIMEOUT',
  'UNSUPPORTED_FILE',
  'FILE_TOO_LARGE',
  'MODEL_INVALID',
  'MODEL_UNAVAILABLE',
  'OUT_OF_MEMORY',
  'SIDECAR_DOWN',
  'KEYCHAIN_UNAVAILABLE',
  'PERMISSION_DENIED',
  'DISK_FULL',
  'REMOTE_UNAVAILABLE',
  'INTERNAL',
] as const;

export const ErrorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export const ErrorDataSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  details: z.record(z.string(), z.unknown()).optional(),
});
export type ErrorData = z.infer<typeof ErrorDataSchema>;

/** What a person can do about each code; the UI shows it under the message. */
export const ERROR_HINTS: Record<ErrorCode, string> = {
  INVALID_INPUT: 'Check the values you entered and try again.',
  NOT_FOUND: 'It may have been deleted or moved. Refresh and try again.',
  CONFLICT: 'Something changed meanwhile. Refresh and try again.',
  UNAUTHORIZED: 'Open the link Hearth printed when it started to sign in again.',
  RATE_LIMITED: 'Too many requests. Wait a moment and try again.',
  CANCELLED: 'The operation was stopped.',
  TIMEOUT: 'It took too long. Try again; if it keeps happening, check Diagnostics.',
  UNSUPPORTED_FILE: 'Hearth cannot read this kind of file.',
  FILE_TOO_LARGE: 'The file is over the size limit set in Settings.',
  MODEL_INVALID: 'The model file is damaged or not a supported GGUF model.',
  MODEL_UNAVAILABLE: 'Download or import a model on the Models screen.',
  OUT_OF_MEMORY: 'Close other apps or choose a smaller model or context size.',
  SIDECAR_DOWN: 'A background service stopped. Hearth is restarting it; see Diagnostics.',
  KEYCHAIN_UNAVAILABLE: 'The system keychain could not be reached. Unlock it and try again.',
  PERMISSION_DENIED:
    'Hearth was not allowed to do this. Check file permissions or privacy settings, or make the change on the computer Hearth runs on.',
  DISK_FULL: 'Free some disk space and try again.',
  REMOTE_UNAVAILABLE: 'The remote server could not be reached. Check the address and your connection.',
  INTERNAL: 'Something went wrong inside Hearth. Details are in the log.',
};

/** A typed error: the only kind of failure whose message is allowed to reach a client verbatim. */
export class HearthError extends Error {
  override readonly name = 'HearthError';
  readonly code: ErrorCode;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, details?: Record<string, unknown>, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
    this.details = details;
  }

  toData(): ErrorData {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

export function isHearthError(value: unknown): value is HearthError {
  return value instanceof HearthError;
}
