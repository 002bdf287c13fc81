import type { BrowserWindowConstructorOptions } from 'electron';

/** Options for Hearth's windows. */
export interface WindowOptionsInput {
  /** Absolute path of the bundled preload script. */
  preloadPath: string;
  /** Restored bounds, if any. */
  bounds?: { width: number; height: number; x?: number; y?: number };
}

/**
 * The one place window options come from, so every window gets the same hardening: sandboxed renderer,
 * context isolation, no Node, no remote content tricks. Unit-tested rule by rule.
 */
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
    webPreferences: {
      preload: input.preloadPath,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: true,
    },
  };
}
