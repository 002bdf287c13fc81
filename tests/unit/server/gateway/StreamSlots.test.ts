import { describe, expect, it } from 'vitest';
import { StreamSlots } from '../../../../electron/server/gateway/StreamSlots';

describe('StreamSlots', () => {
  it('gives a key up to its limit, counts keys apart, and frees a slot once per release', () => {
    const slots = new StreamSlots();
    const a1 = slots.acquire('a', 2);
    const a2 = slots.acquire('a', 2);
    expect(a1 && a2).toBeTruthy();
    expect(slots.acquire('a', 2)).toBeNull();
    expect(slots.acquire('b', 2)).not.toBeNull();
    a1?.();
    a1?.();
    expect(slots.count('a')).toBe(1);
    expect(slots.acquire('a', 2)).not.toBeNull();
    expect(slots.acquire('a', 2)).toBeNull();
  });
});
