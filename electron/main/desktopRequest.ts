import { ORIGINAL_ID } from '../shared/originalUrl';

/** The IPC channel of the desktop-only extras (`window.hearthDesktop`), apart from the contract's channel. */
export const DESKTOP_CHANNEL = 'hearth:desktop';

export type DesktopRequest =
  | { action: 'show-quick-prompt' }
  | { action: 'hide-quick-prompt' }
  | { action: 'open-in-main'; hash: string }
  | { action: 'reveal-original'; documentId: string };

/** Routes the renderer may ask the main window to show: `#/` plus letters, digits, `/`, `-` and `_`. */
const HASH = /^#\/[A-Za-z0-9/_-]{0,200}$/;

/** Validates a message from the renderer; anything else is null (and ignored). */
export function parseDesktopRequest(message: unknown): DesktopRequest | null {
  if (typeof message !== 'object' || message === null) return null;
  const m = message as { action?: unknown; hash?: unknown; documentId?: unknown };
  if (m.action === 'hide-quick-prompt') return { action: 'hide-quick-prompt' };
  if (m.action === 'show-quick-prompt') return { action: 'show-quick-prompt' };
  if (m.action === 'open-in-main' && typeof m.hash === 'string' && HASH.test(m.hash)) {
    return { action: 'open-in-main', hash: m.hash };
  }
  if (m.action === 'reveal-original' && typeof m.documentId === 'string' && ORIGINAL_ID.test(m.documentId)) {
    return { action: 'reveal-original', documentId: m.documentId };
  }
  return null;
}
