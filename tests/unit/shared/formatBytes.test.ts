import { describe, expect, it } from 'vitest';
import { formatBytes } from '../../../electron/shared/formatBytes';

describe('formatBytes', () => {
  it('uses decimal units, as Finder does', () => {
    expect(formatBytes(1000)).toBe('1 KB');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(2_000_000)).toBe('2 MB');
    expect(formatBytes(2 * 1024 * 1024)).toBe('2.1 MB');
    expect(formatBytes(4.7e9)).toBe('4.7 GB');
    expect(formatBytes(3e12)).toBe('3 TB');
  });

  it('shows one decimal below 100, none from 100 up, and never "1000 KB"', () => {
    expect(formatBytes(99_940)).toBe('99.9 KB');
    expect(formatBytes(120_400_000)).toBe('120 MB');
    expect(formatBytes(999_499)).toBe('999 KB');
    expect(formatBytes(999_960)).toBe('1 MB');
  });

  it('counts small sizes in bytes and shows a dash for what is not a size', () => {
    expect(formatBytes(0)).toBe('0 bytes');
    expect(formatBytes(1)).toBe('1 byte');
    expect(formatBytes(999)).toBe('999 bytes');
    expect(formatBytes(-1)).toBe('—');
    expect(formatBytes(Number.NaN)).toBe('—');
  });
});
