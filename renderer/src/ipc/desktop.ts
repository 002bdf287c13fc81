import { originalUrl } from '@shared/originalUrl';

declare global {
  interface Window {
    /**
     * Desktop-only extras the Electron preload may expose next to `window.hearth` (absent in a browser). Every
     * member is optional: the renderer falls back to plain navigation without it.
     */
    hearthDesktop?: {
      /** Shows the quick-prompt window (the tray and the shortcut do the same). */
      showQuickPrompt?: () => void;
      /** Hides the quick-prompt window. */
      hideQuickPrompt?: () => void;
      /** Shows the main window at this hash (`#/chat/<id>`) and hides the quick prompt. */
      openInMainWindow?: (hash: string) => void;
      /** Selects the document's file in Finder (or a copy of the original once that file is gone). */
      revealOriginal?: (documentId: string) => void;
    };
  }
}

/** Hides the quick prompt where it is its own window (Electron); a browser tab stays as it is. */
export function hideQuickPrompt(): void {
  if (window.hearthDesktop?.hideQuickPrompt) window.hearthDesktop.hideQuickPrompt();
  // The quick-prompt window hides (rather than closes) when its page calls close().
  else if (window.hearth) window.close();
}

/** Continues in the main window where there is one; in a browser, this tab navigates there. */
export function openInMainWindow(hash: string): void {
  if (window.hearthDesktop?.openInMainWindow) window.hearthDesktop.openInMainWindow(hash);
  else location.hash = hash;
}

/** "Show in Finder" exists only in the desktop app. */
export function canRevealOriginals(): boolean {
  return typeof window.hearthDesktop?.revealOriginal === 'function';
}

/** Selects the document's file in Finder (desktop app only). */
export function revealOriginal(documentId: string): void {
  window.hearthDesktop?.revealOriginal?.(documentId);
}

/**
 * Where a document's original opens: the desktop app hands `hearth://original/<id>` to the default app; a browser
 * gets the bytes from the headless server (PDF inline, other types as text or a download).
 */
export function originalHref(documentId: string): string {
  return originalUrl(documentId, window.hearth ? 'desktop' : 'headless');
}
