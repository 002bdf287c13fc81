import { join } from 'node:path';
import { app, type BrowserWindow, ipcMain, Notification, powerSaveBlocker, protocol, shell } from 'electron';
import type { Core } from '../core/Core';
import { createDesktopRouter } from './createDesktopRouter';
import { createMainWindow } from './createMainWindow';
import { DESKTOP_CHANNEL } from './desktopRequest';
import { startIngestionActivity } from './ingestion/startIngestionActivity';
import { senderFrameOf } from './isTrustedSender';
import type { AppShutdown } from './lifecycle/AppShutdown';
import { MainWindowController } from './MainWindowController';
import { serveOriginals } from './protocol/serveOriginals';
import { registerIpcRouter } from './registerIpcRouter';
import { startTrayAndQuickPrompt, type TrayAndQuickPrompt } from './startTrayAndQuickPrompt';
import { WINDOW_STATE_FILE } from './windowState/windowStateFile';

/** Where the desktop shell's windows come from and where its failures go. */
export interface DesktopShellOptions {
  /** Absolute path of the bundled preload script. */
  preloadPath: string;
  /** The UI document's URL. */
  rendererUrl: string;
  isMac: boolean;
  /** The app's quit paths: the shell registers what must close or stop with them. */
  shutdown: AppShutdown;
  /** The folder for private copies of originals handed to other apps. */
  originalsTempDir: () => string;
  /** Files dropped on the tray icon. */
  onDropFiles: (paths: string[]) => void;
  /** Logs a failed desktop action and tells the user (log line, dialog title, the error). */
  reportFailure: (logMessage: string, title: string, error: unknown) => void;
}

/** The desktop shell around a ready core. */
export interface DesktopShell {
  /** The main window; `open()` it once at start. */
  mainWindow: MainWindowController<BrowserWindow>;
  /** The quick prompt and the tray. */
  surfaces: TrayAndQuickPrompt;
}

/**
 * Connects a ready core to the desktop: the contract over IPC, the desktop-only requests, `hearth:` originals,
 * ingestion's tray status and keep-awake, the main window, the quick prompt, the menus and the tray.
 */
export function startDesktopShell(core: Core, options: DesktopShellOptions): DesktopShell {
  const { rendererUrl, preloadPath, isMac, shutdown } = options;
  const mainWindow = new MainWindowController<BrowserWindow>({
    create: (onClosed) =>
      createMainWindow({
        preloadPath,
        rendererUrl,
        stateFile: join(core.paths.root, WINDOW_STATE_FILE),
        onSaveError: (error) => core.logger.warn({ err: error }, 'could not save the window state'),
        onClosed,
      }),
    // Elsewhere closing the main window quits (the hidden quick prompt would otherwise keep Hearth alive);
    // on macOS Hearth stays in the menu bar.
    onClosed: () => {
      if (!isMac) app.quit();
    },
  });
  const showMainWindow = () => mainWindow.show();
  let surfaces: TrayAndQuickPrompt | null = null;

  registerIpcRouter(ipcMain, core, rendererUrl);
  const routeDesktopRequest = createDesktopRouter({
    rendererUrl,
    quickPrompt: () => surfaces?.quickPrompt ?? null,
    showMainWindow,
    loadInMainWindow: (url) => mainWindow.load(url),
    library: core.library,
    originalsTempDir: options.originalsTempDir,
    showItemInFolder: (path) => shell.showItemInFolder(path),
    onRevealError: (error) =>
      options.reportFailure('could not reveal an original', 'Hearth could not show the file', error),
  });
  ipcMain.on(DESKTOP_CHANNEL, (event, message: unknown) => void routeDesktopRequest(senderFrameOf(event), message));
  serveOriginals(protocol, core.library);

  const ingestion = startIngestionActivity({
    events: core.events,
    powerSaveBlocker,
    onChange: () => surfaces?.tray.refresh(),
    notify: (title, body) => {
      if (Notification.isSupported()) new Notification({ title, body }).show();
    },
  });
  surfaces = startTrayAndQuickPrompt({
    preloadPath,
    rendererUrl,
    isMac,
    logsDir: core.paths.logs,
    logger: core.logger,
    status: () => ingestion.activity.status,
    showMainWindow,
    isMainWindowVisible: () => mainWindow.isVisible(),
    quitting: () => shutdown.quitting,
    onDropFiles: options.onDropFiles,
  });
  const { quickPrompt, tray } = surfaces;
  shutdown.releaseOnQuit(() => quickPrompt.dispose());
  shutdown.stopOnQuit(ingestion.stop);
  shutdown.stopOnQuit(() => tray.dispose());
  return { mainWindow, surfaces };
}
