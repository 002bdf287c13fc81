import { Menu, nativeImage, Tray, type Rectangle } from 'electron';
import { buildTrayMenuTemplate, type TrayMenuActions, type TrayMenuState } from './buildTrayMenuTemplate';

/** How the menu-bar icon is built. */
export interface CreateTrayOptions {
  /** `resources/trayTemplate.png`; its @2x sibling is picked up by name. */
  iconPath: string;
  /** The menu's state, read each time the menu is rebuilt. */
  getState: () => TrayMenuState;
  /** What the items do. */
  actions: TrayMenuActions;
  /** Files dropped on the icon (macOS). */
  onDropFiles: (paths: string[]) => void;
}

/** The menu-bar icon, with a way to rebuild its menu when the state it shows changes. */
export interface HearthTray {
  /** Rebuilds the menu from `getState()` (ingestion progress, launch at login). */
  refresh(): void;
  /** Where the icon is on screen, for placing the quick prompt under it; null when the OS does not say. */
  bounds(): Rectangle | null;
  dispose(): void;
}

export function createTray(options: CreateTrayOptions): HearthTray {
  const image = nativeImage.createFromPath(options.iconPath);
  // The file name ends in "Template" already; saying it again keeps dark-mode inversion if the file is renamed.
  image.setTemplateImage(true);
  const tray = new Tray(image);
  tray.setToolTip('Hearth');
  tray.on('drop-files', (_event, files) => options.onDropFiles(files));

  const refresh = () => {
    if (tray.isDestroyed()) return;
    tray.setContextMenu(Menu.buildFromTemplate(buildTrayMenuTemplate(options.getState(), options.actions)));
  };
  refresh();

  return {
    refresh,
    bounds() {
      if (tray.isDestroyed()) return null;
      const rect = tray.getBounds();
      // Linux trays report an empty rectangle: treat it as "unknown" so the quick prompt centres instead.
      return rect.width > 0 && rect.height > 0 ? rect : null;
    },
    dispose() {
      if (!tray.isDestroyed()) tray.destroy();
    },
  };
}
