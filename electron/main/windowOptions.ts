import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

/** Every kind of window Hearth creates; each gets its options from `windowOptions`. */
export type WindowKind = 'main' | 'quickPrompt';

/** Listed so the security test can walk every kind and a new kind cannot skip it. */
export const WINDOW_KINDS: readonly WindowKind[] = ['main', 'quickPrompt'];

/** The quick prompt's fixed size: one input and a short streamed answer. */
export const QUICK_PROMPT_SIZE = { width: 640, height: 420 } as const;

/** Options for Hearth's windows. */
export interface WindowOptionsInput {
  /** Absolute path of the bundled preload script. */
  preloadPath: string;
  /** Restored bounds (main window only), if any. */
  bounds?: { width: number; height: number; x?: number; y?: number };
}

/**
 * The hardening every window shares: sandboxed renderer, context isolation, no Node, no remote-content tricks.
 * Built in one place so that no window can be created with a weaker set.
 */
function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    // A file dropped outside the renderer's drop zones must not replace the UI with the file.
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: true,
  };
}

/** The main window: resizable, remembers its bounds, hidden until its first paint. */
export function mainWindowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    width: input.bounds?.width ?? 1180,
    height: input.bounds?.height ?? 780,
    ...(input.bounds?.x !== undefined ? { x: input.bounds.x } : {}),
    ...(input.bounds?.y !== undefined ? { y: input.bounds.y } : {}),
    minWidth: 360,
    minHeight: 480,
    show: false,
    title: 'Hearth',
    titleBarStyle: 'hiddenInset',
    backgroundColor: '#00000000',
    webPreferences: secureWebPreferences(input.preloadPath),
  };
}

/**
 * The quick prompt: a small frameless panel under the tray icon that floats over other apps and stays out of the
 * Dock, the taskbar and Mission Control. It is created hidden and shown by the global shortcut.
 */
export function quickPromptWindowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    width: QUICK_PROMPT_SIZE.width,
    height: QUICK_PROMPT_SIZE.height,
    show: false,
    frame: false,
    resizable: false,
    minimizable: false,
    maximizable: false,
    fullscreenable: false,
    alwaysOnTop: true,
    skipTaskbar: true,
    hiddenInMissionControl: true,
    title: 'Hearth Quick Prompt',
    backgroundColor: '#00000000',
    webPreferences: secureWebPreferences(input.preloadPath),
  };
}

/** The one place window options come from, for every window kind. Unit-tested rule by rule. */
export function windowOptions(kind: WindowKind, input: WindowOptionsInput): BrowserWindowConstructorOptions {
  switch (kind) {
    case 'main':
      return mainWindowOptions(input);
    case 'quickPrompt':
      return quickPromptWindowOptions(input);
  }
}
