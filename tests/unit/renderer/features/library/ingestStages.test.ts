import { describe, expect, it } from 'vitest';
import { JOB_STAGES } from '@shared/librarySchemas';
import { formatEta } from '@/features/library/formatEta';
import { isTerminalStage, stageFraction, stageLabel, stageTone } from '@/features/library/ingestStages';

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

  it('has a label and a tone for every stage', () => {
    for (const stage of JOB_STAGES) {
      expect(stageLabel(stage)).not.toBe('');
      expect(['ok', 'busy', 'bad', 'idle']).toContain(stageTone(stage));
    }
    expect(stageTone('indexed')).toBe('ok');
    expect(stageTone('failed')).toBe('bad');
    expect(stageTone('chunked')).toBe('busy');
  });

  it('knows which stages are final', () => {
    expect(JOB_STAGES.filter(isTerminalStage)).toEqual(['indexed', 'failed', 'cancelled']);
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

  it('counts failed and cancelled files as finished', () => {
    expect(stageFraction('failed')).toBe(1);
    expect(stageFraction('cancelled')).toBe(1);
  });
});

describe('formatEta', () => {
  it.each([
    [null, 'Estimating time left…'],
    [-5, 'Estimating time left…'],
    [Number.NaN, 'Estimating time left…'],
    [0, 'A few seconds left'],
    [9_000, 'A few seconds left'],
    [12_000, 'About 10 seconds left'],
    [44_000, 'About 40 seconds left'],
    [55_000, 'About a minute left'],
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
