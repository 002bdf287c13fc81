import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import type { Bounds } from './restoreBounds';

/** The file's name in the app-data dir. */
export const WINDOW_STATE_FILE = 'window-state.json';

/** What is remembered about the main window between launches. */
export interface WindowState {
  /** Bounds when not maximised (Electron's `getNormalBounds()`). */
  bounds: Bounds;
  /** Whether it was maximised (zoomed). */
  maximized: boolean;
}

/**
 * Reads the saved state; null when there is none or it is unreadable (a missing or corrupt file must not stop
 * the window from opening). Its bounds are validated later by `restoreBounds`.
 */
export function readWindowState(file: string): { bounds: unknown; maximized: boolean } | null {
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (typeof parsed !== 'object' || parsed === null) return null;
    const record = parsed as Record<string, unknown>;
    return { bounds: record.bounds, maximized: record.maximized === true };
  } catch {
    return null;
  }
}

/**
 * Writes the state, synchronously because it runs as the window closes, when the app may be quitting; through a
 * temporary file and a rename so a crash mid-write leaves the old file.
 */
export function writeWindowState(file: string, state: WindowState): void {
  const temp = `${file}.tmp`;
  writeFileSync(temp, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  renameSync(temp, file);
}
