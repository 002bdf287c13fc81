/** A rectangle in screen coordinates (Electron's `Rectangle`). */
export interface Bounds {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A display as far as placement cares (Electron's `Display` has more). */
export interface DisplayArea {
  /** The display's usable area: without the menu bar and the Dock. */
  workArea: Bounds;
}

/** The main window's smallest size (windowOptions.ts). */
const MIN_SIZE = { width: 360, height: 480 };

function isBounds(value: unknown): value is Bounds {
  if (typeof value !== 'object' || value === null) return false;
  const b = value as Record<string, unknown>;
  return (['x', 'y', 'width', 'height'] as const).every((k) => typeof b[k] === 'number' && Number.isFinite(b[k]));
}

function overlapArea(a: Bounds, b: Bounds): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/**
 * Where the main window reopens: its saved bounds, kept on a display that exists now. The window goes to the display
 * it overlaps most (or the first, primary, display when it overlaps none: a monitor was unplugged), is shrunk to fit
 * that display's work area and moved fully inside it, so its title bar can always be reached. Returns null when
 * nothing usable was saved; the window then opens at its default size, centred.
 */
export function restoreBounds(saved: unknown, displays: readonly DisplayArea[]): Bounds | null {
  if (!isBounds(saved) || saved.width <= 0 || saved.height <= 0) return null;
  const first = displays[0];
  if (!first) return null;
  let best = first;
  let bestArea = 0;
  for (const display of displays) {
    const area = overlapArea(saved, display.workArea);
    if (area > bestArea) {
      best = display;
      bestArea = area;
    }
  }
  const area = best.workArea;
  const width = Math.min(Math.max(Math.round(saved.width), MIN_SIZE.width), area.width);
  const height = Math.min(Math.max(Math.round(saved.height), MIN_SIZE.height), area.height);
  let x = Math.round(saved.x);
  let y = Math.round(saved.y);
  if (bestArea === 0) {
    // Nothing of it is visible any more: centre it on the primary display.
    x = area.x + Math.round((area.width - width) / 2);
    y = area.y + Math.round((area.height - height) / 2);
  }
  x = Math.max(area.x, Math.min(x, area.x + area.width - width));
  y = Math.max(area.y, Math.min(y, area.y + area.height - height));
  return { x, y, width, height };
}
