import { describe, expect, it } from 'vitest';
import { KeyRateWindow } from '../../../../../electron/server/gateway/grpc/KeyRateWindow';

describe('KeyRateWindow', () => {
  it('allows max requests a window per key, then says when the window ends', () => {
    let now = 1_000;
    const window = new KeyRateWindow({ windowMs: 60_000, now: () => now });
    expect(window.take('a', 2)).toEqual({ allowed: true });
    now += 10_000;
    expect(window.take('a', 2)).toEqual({ allowed: true });
    expect(window.take('a', 2)).toEqual({ allowed: false, retryAfterMs: 50_000 });
    // Another key has its own window.
    expect(window.take('b', 2)).toEqual({ allowed: true });
    now += 50_000;
    expect(window.take('a', 2)).toEqual({ allowed: true });
  });

  it('never tells a refused caller to retry in under a millisecond', () => {
    let now = 0;
    const window = new KeyRateWindow({ windowMs: 1_000, now: () => now });
    window.take('a', 1);
    now = 999.9999;
    expect(window.take('a', 1)).toMatchObject({ allowed: false, retryAfterMs: 1 });
  });
});
