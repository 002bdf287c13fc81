/** What the IPC router knows about the frame that sent a message. */
export interface SenderFrame {
  /** `event.senderFrame.url` */
  url: string;
  /** True when the frame is its window's top frame. */
  isMainFrame: boolean;
}

/**
 * Only the top frame of a Hearth window showing Hearth's own UI may call the core (Electron Fiddle and
 * VS Code's validatedIpcMain do the same): an iframe or a page navigated elsewhere is refused. The UI is
 * `app://hearth/index.html` (protocol/appScheme.ts): the same scheme, host and document, any hash route. A custom
 * scheme's URL has no origin to compare in Node (`null` for every one), so the parts are compared one by one.
 */
export function isTrustedSender(frame: SenderFrame | null | undefined, rendererUrl: string): boolean {
  if (!frame || !frame.isMainFrame) return false;
  try {
    const actual = new URL(frame.url);
    const expected = new URL(rendererUrl);
    if (actual.protocol === 'http:' || actual.protocol === 'https:') return actual.origin === expected.origin;
    return (
      actual.protocol === expected.protocol &&
      actual.host === expected.host &&
      actual.pathname === expected.pathname &&
      actual.username === '' &&
      actual.password === ''
    );
  } catch {
    return false;
  }
}

/** The sender of an IPC message as `isTrustedSender` reads it; null when the frame is gone. */
export function senderFrameOf(event: { senderFrame: { url: string; parent: unknown } | null }): SenderFrame | null {
  const frame = event.senderFrame;
  return frame ? { url: frame.url, isMainFrame: frame.parent === null } : null;
}
