import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PASSAGES_PER_SECOND,
  estimateReembed,
  passagesPerSecond,
  type ModelSize,
} from '../../../../../electron/core/library/living/estimateReembed';

const small: ModelSize = { id: 'bge-small', parameters: 33e6, sizeBytes: 37e6 };
const nomic: ModelSize = { id: 'nomic', parameters: 137e6, sizeBytes: 146e6 };
const noParams: ModelSize = { id: 'unknown', parameters: null, sizeBytes: 74e6 };

describe('passagesPerSecond', () => {
  it('is the median batch rate, so one slow batch (the model loading) does not decide it', () => {
    // 32 passages in 400 ms = 80/s, three times; one batch that also loaded the model took 4 s.
    const samples = [
      { passages: 32, ms: 4000 },
      { passages: 32, ms: 400 },
      { passages: 32, ms: 400 },
      { passages: 32, ms: 400 },
    ];
    expect(passagesPerSecond(samples)).toBe(80);
    expect(
      passagesPerSecond([
        { passages: 10, ms: 1000 },
        { passages: 30, ms: 1000 },
      ]),
    ).toBe(20);
  });

  it('is null without usable samples', () => {
    expect(passagesPerSecond([])).toBeNull();
    expect(passagesPerSecond([{ passages: 5, ms: 0 }])).toBeNull();
  });
});

describe('estimateReembed', () => {
  it("uses the target model's own timings on this computer first", () => {
    const estimate = estimateReembed({
      passages: 12_000,
      target: small,
      models: [small, nomic],
      timings: [
        { model: 'bge-small', samples: [{ passages: 32, ms: 160 }] },
        { model: 'nomic', samples: [{ passages: 32, ms: 800 }] },
      ],
    });
    // 32 passages in 160 ms = 200/s; 12,000 passages take 60 s.
    expect(estimate).toEqual({ passages: 12_000, seconds: 60, passagesPerSecond: 200, basis: 'measured', from: null });
  });

  it("scales another model's timings by parameters when the target never embedded here", () => {
    const estimate = estimateReembed({
      passages: 4_000,
      target: nomic,
      models: [small, nomic],
      timings: [{ model: 'bge-small', samples: [{ passages: 33, ms: 100 }] }],
    });
    // bge-small: 330/s; nomic has 137/33 times the parameters, so 330 × 33/137 ≈ 79.5/s.
    expect(estimate.basis).toBe('scaled');
    expect(estimate.from).toBe('bge-small');
    expect(estimate.passagesPerSecond).toBeCloseTo((330 * 33) / 137, 6);
    expect(estimate.seconds).toBeCloseTo(4_000 / ((330 * 33) / 137), 6);
  });

  it('scales by file size where a file does not state its parameters', () => {
    const estimate = estimateReembed({
      passages: 100,
      target: noParams,
      models: [small, noParams],
      timings: [{ model: 'bge-small', samples: [{ passages: 100, ms: 1000 }] }],
    });
    // 100/s for 37 MB; the target is 74 MB, twice the size: 50/s, 2 s.
    expect(estimate).toMatchObject({ basis: 'scaled', passagesPerSecond: 50, seconds: 2 });
  });

  it('says when it falls back to the stated default rate: nothing was timed, or the timed model is gone', () => {
    const none = estimateReembed({ passages: 600, target: small, models: [small], timings: [] });
    expect(none).toEqual({
      passages: 600,
      seconds: 600 / DEFAULT_PASSAGES_PER_SECOND,
      passagesPerSecond: DEFAULT_PASSAGES_PER_SECOND,
      basis: 'default',
      from: null,
    });
    const deleted = estimateReembed({
      passages: 600,
      target: small,
      models: [small],
      timings: [{ model: 'deleted-model', samples: [{ passages: 10, ms: 10 }] }],
    });
    expect(deleted.basis).toBe('default');
  });

  it('estimates nothing to do for an empty library', () => {
    expect(estimateReembed({ passages: 0, target: small, models: [small], timings: [] }).seconds).toBe(0);
  });
});
