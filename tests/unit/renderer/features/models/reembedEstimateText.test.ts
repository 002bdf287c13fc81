import { describe, expect, it } from 'vitest';
import { formatReembedTime, reembedBasisText } from '@/features/models/reembedEstimateText';

describe('formatReembedTime', () => {
  it('says a re-embed length as a person would', () => {
    expect(formatReembedTime(0)).toBe('less than a minute');
    expect(formatReembedTime(59)).toBe('less than a minute');
    expect(formatReembedTime(70)).toBe('about a minute');
    expect(formatReembedTime(5 * 60 + 20)).toBe('about 5 minutes');
    expect(formatReembedTime(37 * 60)).toBe('about 35 minutes');
    expect(formatReembedTime(3 * 3600 + 600)).toBe('about 3 hours');
    expect(formatReembedTime(Number.NaN)).toBe('an unknown time');
  });
});

describe('reembedBasisText', () => {
  const name = (id: string) => ({ small: 'BGE Small' })[id] ?? id;
  const base = { passages: 100, seconds: 10 };

  it('names what the figure rests on: this model, another model scaled, or the stated default rate', () => {
    expect(reembedBasisText({ ...base, passagesPerSecond: 80.4, basis: 'measured', from: null }, 'Nomic', name)).toBe(
      'Estimated from how fast this computer embedded passages with Nomic before (about 80 a second).',
    );
    expect(reembedBasisText({ ...base, passagesPerSecond: 19.6, basis: 'scaled', from: 'small' }, 'Nomic', name)).toBe(
      'Estimated from how fast this computer embedded passages with BGE Small, scaled to the size of Nomic (about 20 a second).',
    );
    expect(reembedBasisText({ ...base, passagesPerSecond: 20, basis: 'default', from: null }, 'Nomic', name)).toBe(
      'Hearth has not timed embedding on this computer yet, so this assumes a typical 20 passages a second.',
    );
  });
});
