import { describe, expect, it } from 'vitest';
import { ingestWindows } from '../../../../scripts/bench/scale/ingestWindows';

describe('ingestWindows', () => {
  it('splits documents into equal slices in finishing order, each timed from the end of the one before', () => {
    // 4 documents of 10 passages, done at 1, 2, 4 and 8 s after a start at 0 (given out of order).
    const indexed = [8000, 1000, 4000, 2000].map((at) => ({ at, passages: 10 }));
    const windows = ingestWindows(indexed, { startAt: 0, windows: 2 });
    expect(windows).toEqual([
      { fromDoc: 0, toDoc: 2, passages: 20, seconds: 2, docsPerSecond: 1, passagesPerSecond: 10 },
      { fromDoc: 2, toDoc: 4, passages: 20, seconds: 6, docsPerSecond: 2 / 6, passagesPerSecond: 20 / 6 },
    ]);
  });

  it('takes paused spans out of the slices they overlap, and only the overlapping part', () => {
    const indexed = [1000, 2000, 7000, 8000].map((at) => ({ at, passages: 5 }));
    // Paused 3–6 s: inside the second slice (2–8 s), which then took 3 s.
    const windows = ingestWindows(indexed, { startAt: 0, windows: 2, paused: [{ from: 3000, to: 6000 }] });
    expect(windows.map((w) => w.seconds)).toEqual([2, 3]);
    // A pause that starts before a slice counts only from the slice's start.
    const across = ingestWindows(indexed, { startAt: 0, windows: 2, paused: [{ from: 1500, to: 2500 }] });
    expect(across.map((w) => w.seconds)).toEqual([1.5, 5.5]);
  });

  it('gives fewer slices when there are fewer documents than slices, and none for none', () => {
    const windows = ingestWindows([{ at: 5, passages: 1 }], { startAt: 0, windows: 10 });
    expect(windows).toHaveLength(1);
    expect(windows[0]).toMatchObject({ fromDoc: 0, toDoc: 1, passages: 1 });
    expect(ingestWindows([], { startAt: 0, windows: 10 })).toEqual([]);
    expect(() => ingestWindows([], { startAt: 0, windows: 0 })).toThrow(/at least 1/);
  });
});
