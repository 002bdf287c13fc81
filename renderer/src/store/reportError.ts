import type { ErrorData } from '@shared/errors';
import { ERROR_HINTS } from '@shared/errors';
import { useToastStore } from './useToastStore';

/** Shows a failed Result to the person: what failed, the core's message and the hint for its code. */
export function reportError(title: string, error: ErrorData): void {
  // The not-connected message already says what to do; INTERNAL's generic hint would only confuse.
  const hint = error === NOT_CONNECTED ? undefined : ERROR_HINTS[error.code];
  useToastStore.getState().push({ tone: 'error', title, message: error.message, ...(hint ? { hint } : {}) });
}

/** The failure for an action attempted while no connection is up. */
export const NOT_CONNECTED: ErrorData = {
  code: 'INTERNAL',
  message: 'Not connected to Hearth right now. It will reconnect on its own; try again in a moment.',
};
