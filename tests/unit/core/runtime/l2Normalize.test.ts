import { describe, expect, it } from 'vitest';
import { l2Normalize } from '../../../../electron/core/runtime/inference/l2Normalize';

describe('l2Normalize', () => {
  it('scales to unit length and keeps the direction', () => {
    expect(l2Normalize([3, 4])).toEqual([0.6, 0.8]);
    const v = l2Normalize(Float32Array.from({ length: 2048 }, (_, i) => Math.sin(i) * 8));
    expect(Math.abs(Math.hypot(...v) - 1)).toBeLessThan(1e-12);
  });

  it('leaves a zero vector zero rather than NaN', () => {
    expect(l2Normalize([0, 0, 0])).toEqual([0, 0, 0]);
  });
});
