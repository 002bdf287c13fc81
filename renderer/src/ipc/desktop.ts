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
