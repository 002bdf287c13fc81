import { describe, expect, it } from 'vitest';
import { JOB_STAGES } from '../../../../../electron/core/library/catalog/catalogTypes';
import { canTransition, isTerminalStage } from '../../../../../electron/core/library/catalog/jobTransitions';

describe('job transitions', () => {
  it('walks the pipeline one stage at a time', () => {
    const path = ['queued', 'admitted', 'hashed', 'stored', 'parsed', 'chunked', 'embedded', 'indexed'] as const;
    for (let i = 0; i + 1 < path.length; i++) expect(canTransition(path[i]!, path[i + 1]!)).toBe(true);
    expect(canTransition('queued', 'hashed')).toBe(false);
    expect(canTransition('parsed', 'admitted')).toBe(false);
  });

  it('lets already-indexed content skip from hashed to indexed', () => {
    expect(canTransition('hashed', 'indexed')).toBe(true);
    expect(canTransition('stored', 'indexed')).toBe(false);
  });

  it('lets every live stage fail or be cancelled, and nothing leave indexed', () => {
    for (const stage of JOB_STAGES) {
      const live = !isTerminalStage(stage);
      expect(canTransition(stage, 'failed')).toBe(live);
      expect(canTransition(stage, 'cancelled')).toBe(live);
    }
    expect(JOB_STAGES.filter((to) => canTransition('indexed', to))).toEqual([]);
  });

  it('sends failed and cancelled jobs back only to queued', () => {
    expect(JOB_STAGES.filter((to) => canTransition('failed', to))).toEqual(['queued']);
    expect(JOB_STAGES.filter((to) => canTransition('cancelled', to))).toEqual(['queued']);
  });
});
