import { describe, expect, it } from 'vitest';
import { ETA_SETTLE_MS, estimateEta, trackEta } from '@/features/library/estimateEta';
import { formatEta } from '@/features/library/formatEta';

/** A fake clock: ms since the batch started. */
const at = (ms: number) => 1_000_000 + ms;

describe('estimateEta', () => {
  it('estimates for the first few seconds, then gives a number at the rate so far', () => {
    const anchor = trackEta(null, 0, at(0));
    expect(estimateEta(anchor, 0.2, at(1000))).toBeNull();
    expect(estimateEta(anchor, 0.25, at(ETA_SETTLE_MS - 1))).toBeNull();
    // A quarter in 4 s: three quarters take 12 s more.
    expect(estimateEta(anchor, 0.25, at(4000))).toBe(12_000);
  });

  it('turns a short batch into "Less than a minute left" instead of estimating forever', () => {
    const anchor = trackEta(null, 0, at(0));
    // One small file: read, stored and split at once, then embedding for a while with no event.
    const texts = [1000, 3000, 5000, 8000].map((ms) => formatEta(estimateEta(anchor, 0.6, at(ms))));
    expect(texts).toEqual([
      'Estimating time left…',
      'Less than a minute left',
      'Less than a minute left',
      'Less than a minute left',
    ]);
  });

  it('gives minutes for a long batch and counts up honestly while nothing moves', () => {
    const anchor = trackEta(null, 0, at(0));
    expect(formatEta(estimateEta(anchor, 0.05, at(10_000)))).toBe('About 3 minutes left');
    expect(estimateEta(anchor, 0.05, at(20_000))).toBeGreaterThan(estimateEta(anchor, 0.05, at(10_000)) ?? 0);
  });

  it('keeps estimating while nothing has moved since timing began, and says 0 once all is done', () => {
    const anchor = trackEta(null, 0.4, at(0));
    expect(estimateEta(anchor, 0.4, at(30_000))).toBeNull();
    expect(estimateEta(anchor, 1, at(1))).toBe(0);
  });

  it('times from where this client joined, and starts again when the work grows', () => {
    // Joined half way: the rate is what it saw, not 50 % in no time.
    const joined = trackEta(null, 0.5, at(0));
    expect(estimateEta(joined, 0.6, at(5000))).toBe(20_000);
    expect(trackEta(joined, 0.7, at(6000))).toBe(joined);
    // Files added (or one retried): the progress went back; timing starts afresh.
    const fresh = trackEta(joined, 0.3, at(7000));
    expect(fresh).toEqual({ at: at(7000), fraction: 0.3 });
    expect(estimateEta(fresh, 0.35, at(8000))).toBeNull();
  });
});
