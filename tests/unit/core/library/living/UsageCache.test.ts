import { describe, expect, it, vi } from 'vitest';
import { UsageCache } from '../../../../../electron/core/library/living/UsageCache';

describe('UsageCache: the storage view measures slow figures only after a change', () => {
  it('answers from the last measurement until the key is marked stale, then measures once again', async () => {
    const cache = new UsageCache();
    const walk = vi.fn(() => Promise.resolve(42));
    expect(await cache.get('dir:/data/chroma', walk)).toBe(42);
    expect(await cache.get('dir:/data/chroma', walk)).toBe(42);
    expect(walk).toHaveBeenCalledTimes(1);
    cache.invalidate('dir:/data/chroma');
    expect(await cache.get('dir:/data/chroma', () => Promise.resolve(50))).toBe(50);
    expect(await cache.get('dir:/data/chroma', walk)).toBe(50);
  });

  it('shares one measurement between callers asking at once', async () => {
    const cache = new UsageCache();
    let finish: (n: number) => void = () => undefined;
    const walk = vi.fn(() => new Promise<number>((resolve) => (finish = resolve)));
    const both = Promise.all([cache.get('vectors:a', walk), cache.get('vectors:a', walk)]);
    finish(7);
    expect(await both).toEqual([7, 7]);
    expect(walk).toHaveBeenCalledTimes(1);
  });

  it('marks only the keys under a prefix stale, and every key without one', async () => {
    const cache = new UsageCache();
    await cache.get('vectors:a', () => Promise.resolve(1));
    await cache.get('dir:/models', () => Promise.resolve(2));
    cache.invalidate('vectors:');
    expect(await cache.get('vectors:a', () => Promise.resolve(3))).toBe(3);
    expect(await cache.get('dir:/models', () => Promise.resolve(4))).toBe(2);
    cache.invalidate();
    expect(await cache.get('dir:/models', () => Promise.resolve(4))).toBe(4);
  });

  it('measures again once a figure is older than its age limit (files changed outside Hearth)', async () => {
    let now = 0;
    const cache = new UsageCache({ maxAgeMs: 1_000, now: () => now });
    await cache.get('dir:/models', () => Promise.resolve(1));
    now = 999;
    expect(await cache.get('dir:/models', () => Promise.resolve(2))).toBe(1);
    now = 1_000;
    expect(await cache.get('dir:/models', () => Promise.resolve(2))).toBe(2);
  });

  it('gives null for a measurement that failed, and tries again next time', async () => {
    const cache = new UsageCache();
    expect(await cache.get('vectors:a', () => Promise.reject(new Error('down')))).toBeNull();
    expect(await cache.get('vectors:a', () => Promise.resolve(5))).toBe(5);
  });
});
