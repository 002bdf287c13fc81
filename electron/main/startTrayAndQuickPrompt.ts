import { join } from 'node:path';
import { app, globalShortcut, Menu, shell } from 'electron';
import type { Logger } from 'pino';
import type { IngestionStatus } from './ingestion/IngestionStatus';
import { buildAppMenuTemplate } from './menu/buildAppMenuTemplate';
import { DEFAULT_QUICK_PROMPT_SHORTCUT } from './quickPrompt/parseAccelerator';
import { QuickPromptWindow } from './quickPrompt/QuickPromptWindow';
import { registerQuickPromptShortcut } from './quickPrompt/registerQuickPromptShortcut';
import { createTray, type HearthTray } from './tray/createTray';

/** What the menu bar, the app menu and the quick prompt are wired to. */
export interface TrayAndQuickPromptOptions {
  /** Absolute path of the bundled preload script. */
  preloadPath: string;
  /** The UI document's URL. */
  rendererUrl: string;
  isMac: boolean;
  /** The core's log folder ("Show Logs" in the app menu). */
  logsDir: string;
  /** Where the shortcut's registration is logged. */
  logger: Pick<Logger, 'info' | 'warn'>;
  /** The ingestion status the tray's status line shows. */
  status: () => IngestionStatus;
  /** Brings the main window forward ("Open Hearth"). */
  showMainWindow: () => void;
  /** Whether the main window is on screen: then the keyboard stays with Hearth when the quick prompt hides. */
  isMainWindowVisible: () => boolean;
  /** Whether the app is quitting (the quick prompt then leaves focus alone). */
  quitting: () => boolean;
  /** Files dropped on the tray icon. */
  onDropFiles: (paths: string[]) => void;
}

/** The quick prompt and the menu-bar icon, made once the core is ready. */
export interface TrayAndQuickPrompt {
  quickPrompt: QuickPromptWindow;
  tray: HearthTray;
}

/** The shortcut the user chose; Settings has no field for it yet, so an environment variable can override. */
function quickPromptAccelerator(): string {
  return process.env.HEARTH_QUICK_PROMPT_SHORTCUT || DEFAULT_QUICK_PROMPT_SHORTCUT;
}

/** Creates the quick prompt, registers its global shortcut, and builds the app menu and the tray from them. */
export function startTrayAndQuickPrompt(options: TrayAndQuickPromptOptions): TrayAndQuickPrompt {
  let tray: HearthTray | null = null;
  const quickPrompt = new QuickPromptWindow({
    preloadPath: options.preloadPath,
    rendererUrl: options.rendererUrl,
    trayBounds: () => tray?.bounds() ?? null,
    // Give the keyboard back to the app the user came from, unless Hearth's own window is in use.
    onHidden: () => {
      if (options.isMac && !options.quitting() && !options.isMainWindowVisible()) app.hide();
    },
  });
  const shortcut = registerQuickPromptShortcut(globalShortcut, () => quickPrompt.toggle(), quickPromptAccelerator());
  options.logger[shortcut.registered ? 'info' : 'warn']({ ...shortcut }, 'quick prompt shortcut');
  const shownAccelerator = shortcut.registered ? shortcut.accelerator : null;

  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildAppMenuTemplate({
        isMac: options.isMac,
        quickPromptAccelerator: shownAccelerator,
        showQuickPrompt: () => quickPrompt.show(),
        showLogs: () => void shell.openPath(options.logsDir),
      }),
    ),
  );
  tray = createTray({
    // In the app this is inside app.asar (electron-builder `files`); nativeImage reads from asar.
    iconPath: join(app.getAppPath(), 'resources', 'trayTemplate.png'),
    getState: () => ({
      quickPromptAccelerator: shownAccelerator,
      status: options.status(),
      launchAtLogin: app.getLoginItemSettings().openAtLogin,
    }),
    actions: {
      showQuickPrompt: () => quickPrompt.show(),
      openHearth: options.showMainWindow,
      setLaunchAtLogin: (enabled) => {
        app.setLoginItemSettings({ openAtLogin: enabled });
        tray?.refresh();
      },
      quit: () => app.quit(),
    },
    onDropFiles: options.onDropFiles,
  });
  return { quickPrompt, tray };
}
