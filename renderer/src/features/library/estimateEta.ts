/** Where the overall progress stood (0–1) when timing began: the rate is measured from here. */
export interface EtaAnchor {
  at: number;
  fraction: number;
}

/** Progress is timed this long before a number is shown: the first steps of a file are quicker than embedding. */
export const ETA_SETTLE_MS = 3000;

/**
 * The anchor to time from: kept while the work goes forward, taken afresh when there was none or the progress went
 * back (files added to the panel, a file retried), since the rate measured before no longer fits the work left.
 */
export function trackEta(anchor: EtaAnchor | null, fraction: number, now: number): EtaAnchor {
  if (!anchor || fraction < anchor.fraction) return { at: now, fraction };
  return anchor;
}

/**
 * Milliseconds left at the rate since the anchor, or null while estimating: the first few seconds, and while nothing
 * has moved since the anchor (a rate of zero says nothing). 0 once everything is done.
 */
export function estimateEta(anchor: EtaAnchor, fraction: number, now: number): number | null {
  if (fraction >= 1) return 0;
  const elapsed = now - anchor.at;
  const gained = fraction - anchor.fraction;
  if (elapsed < ETA_SETTLE_MS || gained <= 0) return null;
  return Math.round((elapsed * (1 - fraction)) / gained);
}
