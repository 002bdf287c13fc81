/** What the Electron preload adds beside `window.hearth` (electron/preload/preload.ts). */
interface HearthFiles {
  /** The File's path on disk; '' when it has none (built in memory). */
  pathForFile: (file: File) => string;
}

declare global {
  interface Window {
    /** Set by the Electron preload only; a browser has files, not paths. */
    hearthFiles?: HearthFiles;
  }
}

/** Whether picked and dropped files come with their paths on disk (Electron): then only paths need to cross. */
export function filesHavePaths(): boolean {
  return window.hearthFiles !== undefined;
}

/** The File's path on disk; '' when it has none (built in memory, or a browser, which has files, not paths). */
export function pathForFile(file: File): string {
  return window.hearthFiles?.pathForFile(file) ?? '';
}
