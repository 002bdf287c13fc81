import type { MenuItemConstructorOptions } from 'electron';

/** What the application menu shows and does. */
export interface AppMenuOptions {
  /** macOS gets the app menu (About, Services, Hide, Quit) first; elsewhere File holds Quit. */
  isMac: boolean;
  /** The quick prompt's global shortcut, shown next to its item; null when none is registered. */
  quickPromptAccelerator: string | null;
  /** Shows the quick prompt. */
  showQuickPrompt: () => void;
  /** Reveals the logs folder in Finder, for bug reports. */
  showLogs: () => void;
}

/**
 * The standard menu, built from Electron's roles so that the usual shortcuts (⌘C, ⌘V, ⌘Z, ⌘W, ⌘M, ⌘Q …) and the
 * system items (Services, Hide Others, Enter Full Screen, Help search) behave as in every Mac app. Pure, so the
 * unit test checks the roles without Electron.
 */
export function buildAppMenuTemplate(options: AppMenuOptions): MenuItemConstructorOptions[] {
  const quickPrompt: MenuItemConstructorOptions = {
    label: 'Quick Prompt',
    ...(options.quickPromptAccelerator
      ? { accelerator: options.quickPromptAccelerator, registerAccelerator: false }
      : {}),
    click: () => options.showQuickPrompt(),
  };
  const file: MenuItemConstructorOptions = {
    label: 'File',
    submenu: [quickPrompt, { type: 'separator' }, options.isMac ? { role: 'close' } : { role: 'quit' }],
  };
  return [
    ...(options.isMac ? [{ role: 'appMenu' } as const] : []),
    file,
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
    { role: 'help', submenu: [{ label: 'Show Logs Folder', click: () => options.showLogs() }] },
  ];
}
