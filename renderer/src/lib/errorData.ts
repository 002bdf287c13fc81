import type { ErrorData } from '@shared/errors';
import { isHearthError } from '@shared/errors';

/** A caught value as contract error data, so every failure can be shown with its message and hint. */
export function toErrorData(value: unknown): ErrorData {
  if (isHearthError(value)) return value.toData();
  return { code: 'INTERNAL', message: value instanceof Error ? value.message : String(value) };
}
