import type { ErrorCode, ErrorData } from '../../../shared/errors';

/** How a Hearth error reads to an OpenAI client: the HTTP status and OpenAI's error `type`. */
const STATUS: Record<ErrorCode, { status: number; type: string }> = {
  INVALID_INPUT: { status: 400, type: 'invalid_request_error' },
  UNSUPPORTED_FILE: { status: 400, type: 'invalid_request_error' },
  MODEL_INVALID: { status: 400, type: 'invalid_request_error' },
  UNAUTHORIZED: { status: 401, type: 'authentication_error' },
  PERMISSION_DENIED: { status: 403, type: 'permission_error' },
  NOT_FOUND: { status: 404, type: 'not_found_error' },
  CONFLICT: { status: 409, type: 'invalid_request_error' },
  FILE_TOO_LARGE: { status: 413, type: 'invalid_request_error' },
  RATE_LIMITED: { status: 429, type: 'rate_limit_error' },
  // The client went away or stopped the answer; nobody reads this status, but the audit does.
  CANCELLED: { status: 499, type: 'invalid_request_error' },
  INTERNAL: { status: 500, type: 'server_error' },
  DISK_FULL: { status: 500, type: 'server_error' },
  KEYCHAIN_UNAVAILABLE: { status: 500, type: 'server_error' },
  REMOTE_UNAVAILABLE: { status: 502, type: 'server_error' },
  MODEL_UNAVAILABLE: { status: 503, type: 'server_error' },
  OUT_OF_MEMORY: { status: 503, type: 'server_error' },
  SIDECAR_DOWN: { status: 503, type: 'server_error' },
  TIMEOUT: { status: 504, type: 'server_error' },
};

/** OpenAI's error body: `{ error: { message, type, param, code } }`. */
export interface OpenAiErrorBody {
  error: { message: string; type: string; param: string | null; code: string | null };
}

/** A refusal in OpenAI's shape with its HTTP status; thrown by the route helpers and sent by the routes. */
export class OpenAiError extends Error {
  constructor(
    readonly status: number,
    readonly type: string,
    message: string,
    /** The request field at fault, when there is one. */
    readonly param: string | null = null,
    /** A machine-readable code (`model_not_found`), else the Hearth error code in lower case. */
    readonly code: string | null = null,
  ) {
    super(message);
    this.name = 'OpenAiError';
  }

  /** A Hearth error from the contract, with its status. The message is the contract's, already safe to show. */
  static fromErrorData(error: ErrorData, param: string | null = null): OpenAiError {
    const { status, type } = STATUS[error.code];
    return new OpenAiError(status, type, error.message, param, error.code.toLowerCase());
  }

  /** A body field that is missing or wrong (400). */
  static invalid(message: string, param: string | null = null): OpenAiError {
    return new OpenAiError(400, 'invalid_request_error', message, param, 'invalid_request');
  }

  get body(): OpenAiErrorBody {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } };
  }
}
