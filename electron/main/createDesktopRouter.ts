import type { ShellLibrary } from '../core/Core';
import { parseDesktopRequest } from './desktopRequest';
import { isTrustedSender, type SenderFrame } from './isTrustedSender';
import { copyOriginal } from './protocol/openOriginalFile';
import { revealOriginal } from './protocol/revealOriginal';

/** What the desktop-only requests act on (injected: the windows, the core's library, the OS shell). */
export interface DesktopRouterOptions {
  /** The UI document's URL: only its top frame may send requests, and "open in Hearth" loads its routes. */
  rendererUrl: string;
  /** The quick prompt, once it exists. */
  quickPrompt: () => { show(): void; hide(): void } | null;
  /** Brings the main window to the front (made again if it was closed). */
  showMainWindow: () => void;
  /** Loads a URL in the main window. */
  loadInMainWindow: (url: string) => void;
  /** Where "Show in Finder" finds a document's file, or copies its kept original. */
  library: Pick<ShellLibrary, 'getDocument' | 'openOriginal'>;
  /** The folder for private copies of originals (read when one is needed). */
  originalsTempDir: () => string;
  /** Selects a file in the file manager (`shell.showItemInFolder`). */
  showItemInFolder: (path: string) => void;
  /** A "Show in Finder" that failed (the document is gone, the copy could not be written). */
  onRevealError: (error: unknown) => void;
}

/**
 * The handler of `hearthDesktop` messages (quick prompt, "open in Hearth", "Show in Finder"): a message from any
 * frame but Hearth's own top frame, or one that does not parse, is ignored. Resolves once the request is handled.
 */
export function createDesktopRouter(
  options: DesktopRouterOptions,
): (frame: SenderFrame | null, message: unknown) => Promise<void> {
  const reveal = (documentId: string) =>
    revealOriginal(documentId, {
      sourcePath: (id) => {
        const doc = options.library.getDocument(id);
        if (!doc) throw new Error('That document is no longer in the library.');
        return doc.sourcePath;
      },
      copy: (id) =>
        copyOriginal(id, { open: (d) => options.library.openOriginal(d), tempDir: options.originalsTempDir() }),
      showItemInFolder: options.showItemInFolder,
    });

  return async (frame, message) => {
    if (!isTrustedSender(frame, options.rendererUrl)) return;
    const request = parseDesktopRequest(message);
    switch (request?.action) {
      case 'hide-quick-prompt':
        options.quickPrompt()?.hide();
        return;
      case 'show-quick-prompt':
        options.quickPrompt()?.show();
        return;
      case 'open-in-main':
        options.quickPrompt()?.hide();
        options.showMainWindow();
        // Same document, new fragment: a hash change, not a reload.
        options.loadInMainWindow(`${options.rendererUrl}${request.hash}`);
        return;
      case 'reveal-original':
        await reveal(request.documentId).catch(options.onRevealError);
        return;
      default:
        return;
    }
  };
}
