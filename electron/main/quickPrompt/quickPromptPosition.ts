/** A rectangle in screen coordinates (Electron's `Rectangle`). */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Space between the tray icon and the window. */
const GAP = 6;

/** Clamps `start` so that a span of `size` stays inside [min, min + range]; a span too big starts at `min`. */
function clamp(start: number, size: number, min: number, range: number): number {
  return Math.max(min, Math.min(start, min + range - size));
}

/**
 * Where the quick-prompt window goes: centred under the tray icon when the icon is at the top of the screen (the
 * macOS menu bar), above it at the bottom, beside it at the left or right edge (Windows and Linux taskbars), and
 * always inside the work area. Without tray bounds (Linux, or no tray) it is centred near the top of the work area.
 */
export function quickPromptPosition(
  trayBounds: Rect | null,
  windowSize: { width: number; height: number },
  workArea: Rect,
): { x: number; y: number } {
  const { width, height } = windowSize;
  let x: number;
  let y: number;
  if (!trayBounds || trayBounds.width <= 0 || trayBounds.height <= 0) {
    x = workArea.x + (workArea.width - width) / 2;
    y = workArea.y + workArea.height / 5;
  } else {
    const cx = trayBounds.x + trayBounds.width / 2;
    const cy = trayBounds.y + trayBounds.height / 2;
    // The edge the icon is nearest to is the edge its bar is on.
    const distances = {
      top: cy - workArea.y,
      bottom: workArea.y + workArea.height - cy,
      left: cx - workArea.x,
      right: workArea.x + workArea.width - cx,
    };
    const edge = (Object.keys(distances) as Array<keyof typeof distances>).reduce((a, b) =>
      distances[b] < distances[a] ? b : a,
    );
    switch (edge) {
      case 'top':
        x = cx - width / 2;
        y = trayBounds.y + trayBounds.height + GAP;
        break;
      case 'bottom':
        x = cx - width / 2;
        y = trayBounds.y - height - GAP;
        break;
      case 'left':
        x = trayBounds.x + trayBounds.width + GAP;
        y = cy - height / 2;
        break;
      case 'right':
        x = trayBounds.x - width - GAP;
        y = cy - height / 2;
        break;
    }
  }
  return {
    x: Math.round(clamp(x, width, workArea.x, workArea.width)),
    y: Math.round(clamp(y, height, workArea.y, workArea.height)),
  };
}
