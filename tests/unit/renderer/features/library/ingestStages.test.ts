import { describe, expect, it } from 'vitest';
import { JOB_STAGES } from '@shared/librarySchemas';
import { formatEta } from '@/features/library/formatEta';
import { stageFraction, stageLabel } from '@/features/library/ingestStages';

describe('stage labels', () => {
  it('names the step in progress, not the one finished', () => {
    expect(stageLabel('queued')).toBe('Waiting');
    expect(stageLabel('admitted')).toBe('Reading');
    expect(stageLabel('hashed')).toBe('Storing original');
    expect(stageLabel('stored')).toBe('Reading text');
    expect(stageLabel('parsed')).toBe('Splitting');
    expect(stageLabel('chunked')).toBe('Embedding');
    expect(stageLabel('indexed')).toBe('Indexed');
    expect(stageLabel('failed')).toBe('Failed');
    expect(stageLabel('cancelled')).toBe('Cancelled');
  });

  it('says when a file was already in the library', () => {
    expect(stageLabel('indexed', true)).toBe('Already indexed');
    expect(stageLabel('failed', true)).toBe('Failed');
  });

  it('has a label for every stage', () => {
    for (const stage of JOB_STAGES) expect(stageLabel(stage)).not.toBe('');
  });
});

describe('stage fractions', () => {
  it('grows with every stage, from 0 to 1', () => {
    const order = ['queued', 'admitted', 'hashed', 'stored', 'parsed', 'chunked', 'embedded', 'indexed'] as const;
    const values = order.map((s) => stageFraction(s));
    expect(values[0]).toBe(0);
    expect(values.at(-1)).toBe(1);
    for (let i = 1; i < values.length; i++) expect(values[i]).toBeGreaterThan(values[i - 1] ?? 0);
  });

  it('moves with the bytes read while a file is hashed, never past the next stage', () => {
    const start = stageFraction('admitted', 0, 1000);
    const half = stageFraction('admitted', 500, 1000);
    const all = stageFraction('admitted', 1000, 1000);
    expect(half).toBeGreaterThan(start);
    expect(all).toBeCloseTo(stageFraction('hashed'));
    expect(stageFraction('admitted', 5000, 1000)).toBeCloseTo(stageFraction('hashed'));
    expect(stageFraction('admitted', 10, 0)).toBe(start);
  });

  it('never counts a failed or cancelled file as done', () => {
    expect(stageFraction('failed')).toBe(0);
    expect(stageFraction('cancelled')).toBe(0);
  });
});

describe('formatEta', () => {
  it.each([
    [null, 'Estimating time left…'],
    [-5, 'Estimating time left…'],
    [Number.NaN, 'Estimating time left…'],
    [0, 'Less than a minute left'],
    [9_000, 'Less than a minute left'],
    [44_000, 'Less than a minute left'],
    [59_000, 'Less than a minute left'],
    [60_000, 'About a minute left'],
    [89_000, 'About a minute left'],
    [150_000, 'About 3 minutes left'],
    [59 * 60_000, 'About 59 minutes left'],
    [80 * 60_000, 'About an hour left'],
    [5 * 3_600_000, 'About 5 hours left'],
    [72 * 3_600_000, 'About 3 days left'],
  ])('%s ms → %s', (ms, text) => {
    expect(formatEta(ms)).toBe(text);
  });
});
