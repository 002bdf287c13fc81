import { BrowserWindow, screen } from 'electron';
import { mainWindowOptions } from './windowOptions';
import { restoreBounds } from './windowState/restoreBounds';
import { readWindowState, writeWindowState } from './windowState/windowStateFile';

/** How the main window is built. */
export interface CreateMainWindowOptions {
  /** Absolute path of the bundled preload script. */
  preloadPath: string;
  /** The UI document's URL. */
  rendererUrl: string;
  /** `window-state.json` in the app-data dir. */
  stateFile: string;
  /** Called when saving the window state fails (a read-only disk must not stop the window closing). */
  onSaveError: (error: unknown) => void;
  /** Called once the window has closed. */
  onClosed?: () => void;
}

/** The main window, reopened where the user left it (on a display that still exists). */
export function createMainWindow(options: CreateMainWindowOptions): BrowserWindow {
  const saved = readWindowState(options.stateFile);
  const primary = screen.getPrimaryDisplay();
  const displays = [primary, ...screen.getAllDisplays().filter((d) => d.id !== primary.id)];
  const bounds = restoreBounds(saved?.bounds, displays);
  const window = new BrowserWindow(
    mainWindowOptions({ preloadPath: options.preloadPath, ...(bounds ? { bounds } : {}) }),
  );

  window.on('close', () => {
    try {
      writeWindowState(options.stateFile, { bounds: window.getNormalBounds(), maximized: window.isMaximized() });
    } catch (error) {
      options.onSaveError(error);
    }
  });
  if (options.onClosed) window.on('closed', options.onClosed);
  window.once('ready-to-show', () => {
    if (saved?.maximized) window.maximize();
    window.show();
  });
  void window.loadURL(options.rendererUrl);
  return window;
}
