import type { ErrorCode, ErrorData } from './errors';

/** Errors cross the boundary as data, never as thrown exceptions (Signal's sql_channel pattern). */
export type Result<T> = { ok: true; value: T } | { ok: false; error: ErrorData };

export function ok<T>(value: T): Result<T> {
  return { ok: true, value };
}

export function err<T = never>(code: ErrorCode, message: string, details?: Record<string, unknown>): Result<T> {
  return details === undefined
    ? { ok: false, error: { code, message } }
    : { ok: false, error: { code, message, details } };
}
