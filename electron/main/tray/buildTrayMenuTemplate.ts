import type { MenuItemConstructorOptions } from 'electron';
import { ingestionStatusLabel, type IngestionStatus } from '../ingestion/IngestionStatus';

/** What the tray menu shows. */
export interface TrayMenuState {
  /** The quick prompt's global shortcut, shown next to its item; null when it could not be registered. */
  quickPromptAccelerator: string | null;
  /** Ingestion now (from the injected `getStatus()`). */
  status: IngestionStatus;
  /** Whether Hearth opens at login (from `app.getLoginItemSettings()`). */
  launchAtLogin: boolean;
}

/** What the tray menu's items do. */
export interface TrayMenuActions {
  /** Shows the quick-prompt window. */
  showQuickPrompt: () => void;
  /** Shows (or re-creates) the main window. */
  openHearth: () => void;
  /** Turns launch at login on or off. */
  setLaunchAtLogin: (enabled: boolean) => void;
  /** Quits Hearth for real (closing windows only hides it in the menu bar). */
  quit: () => void;
}

/** The tray menu model, pure so that a unit test can check every item without Electron. */
export function buildTrayMenuTemplate(state: TrayMenuState, actions: TrayMenuActions): MenuItemConstructorOptions[] {
  return [
    {
      id: 'quick-prompt',
      label: 'Quick Prompt',
      ...(state.quickPromptAccelerator
        ? // Shown for reference only: the shortcut is global, registered by globalShortcut, not by this menu.
          { accelerator: state.quickPromptAccelerator, registerAccelerator: false }
        : {}),
      click: () => actions.showQuickPrompt(),
    },
    { id: 'open', label: 'Open Hearth', click: () => actions.openHearth() },
    { type: 'separator' },
    { id: 'status', label: ingestionStatusLabel(state.status), enabled: false },
    { type: 'separator' },
    {
      id: 'launch-at-login',
      label: 'Launch at Login',
      type: 'checkbox',
      checked: state.launchAtLogin,
      click: () => actions.setLaunchAtLogin(!state.launchAtLogin),
    },
    { type: 'separator' },
    { id: 'quit', label: 'Quit Hearth', click: () => actions.quit() },
  ];
}
