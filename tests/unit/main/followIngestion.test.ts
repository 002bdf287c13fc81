import { describe, expect, it } from 'vitest';
import { followIngestion } from '../../../electron/main/ingestion/followIngestion';
import type { IngestionStatus } from '../../../electron/main/ingestion/IngestionStatus';

const batch = (batchId: string, files: number, done: number, failed = 0) => ({
  kind: 'batch' as const,
  batchId,
  files,
  done,
  failed,
  cancelled: 0,
});

describe('followIngestion', () => {
  it('sums running batches, ignores file events, and goes idle when the last batch finishes', () => {
    const seen: IngestionStatus[] = [];
    const follow = followIngestion((s) => seen.push(s));
    follow({ kind: 'file' });
    follow(batch('a', 3, 1));
    follow(batch('b', 2, 0));
    follow(batch('a', 3, 2, 1));
    follow(batch('b', 2, 2));
    expect(seen).toEqual([
      { kind: 'indexing', done: 1, total: 3 },
      { kind: 'indexing', done: 1, total: 5 },
      { kind: 'indexing', done: 0, total: 2 },
      { kind: 'idle' },
    ]);
  });
});
