const UNITS = ['KB', 'MB', 'GB', 'TB'];

/** A megabyte as `formatBytes` counts it, for limits set in MB: a 50 MB limit is then shown as "50 MB". */
export const MEGABYTE = 1_000_000;

/**
 * Sizes as Finder shows them, in decimal units (1 KB = 1000 bytes): "512 bytes", "1.5 KB", "4.7 GB", "120 MB";
 * one decimal below 100, none from 100 up or when it is .0. Not a size (negative, NaN) is a dash.
 */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '—';
  if (bytes < 1000) return bytes === 1 ? '1 byte' : `${String(Math.round(bytes))} bytes`;
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 999.5 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const shown = value >= 100 ? Math.round(value) : Number(value.toFixed(1));
  return `${String(shown)} ${UNITS[unit] ?? ''}`;
}
