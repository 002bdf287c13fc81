import type { WebContents } from 'electron';
import { isSafeExternalUrl } from './isSafeExternalUrl';
import { shouldAllowNavigation } from './shouldAllowNavigation';

/** The parts of a webContents the hardening touches (a fake in unit tests). */
export type HardenableContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/** How a window's contents are locked down. */
export interface HardenWebContentsOptions {
  /** The UI document's URL; navigation anywhere else is denied. */
  appUrl: string;
  /** Asks the user whether to open `url` in their browser (`dialog.showMessageBox` in the app). */
  confirmExternal: (url: string) => Promise<boolean>;
  /** Opens `url` in the user's browser (`shell.openExternal` in the app). */
  openExternal: (url: string) => Promise<void>;
  /**
   * Handles a link to one of Hearth's own originals (`hearth://original/<id>`, "Open original" in the viewer) by
   * opening it with the user's default app; returns false for any other URL.
   */
  openOriginal?: (url: string) => boolean;
  /** Where refusals go, so a blocked link can be diagnosed from the log. */
  log: (message: string, url: string) => void;
}

/**
 * Denies navigation away from the UI (`will-navigate`, `will-redirect`), every `window.open`, and `<webview>`.
 * An http(s) link the user followed is offered to their browser after they confirm; nothing else leaves the app.
 * Applied to every webContents from `web-contents-created`, so no window can be created without it.
 */
export function hardenWebContents(contents: HardenableContents, options: HardenWebContentsOptions): void {
  const offerToBrowser = (url: string): void => {
    if (!isSafeExternalUrl(url)) {
      options.log('refused to open a non-http(s) link', url);
      return;
    }
    void options
      .confirmExternal(url)
      .then((confirmed) => (confirmed ? options.openExternal(url) : undefined))
      .catch(() => options.log('could not open a link in the browser', url));
  };

  contents.on('will-navigate', (event, url) => {
    if (shouldAllowNavigation(url, options.appUrl)) return;
    event.preventDefault();
    options.log('navigation denied', url);
    offerToBrowser(url);
  });
  contents.on('will-redirect', (event, url) => {
    if (shouldAllowNavigation(url, options.appUrl)) return;
    event.preventDefault();
    options.log('redirect denied', url);
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    options.log('webview denied', '');
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (options.openOriginal?.(url)) return { action: 'deny' };
    offerToBrowser(url);
    return { action: 'deny' };
  });
}
