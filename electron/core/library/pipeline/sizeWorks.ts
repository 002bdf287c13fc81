import { stat } from 'node:fs/promises';
import { runPool } from './runPool';
import type { Work } from './pipelineWork';

/** Files stat'ed at once when a batch is sized: enough to hide disk latency, few enough to spare file handles. */
const SIZE_CONCURRENCY = 8;

/** Sets a job's size and keeps its batch's byte total in step (a file that changed since it was sized counts once). */
export function countSize(work: Work, size: number): void {
  work.batch.totalBytes += size - work.size;
  work.size = size;
}

/**
 * Sizes every job's input before the batch's first event, so its byte total is known from the start instead of
 * growing as files are admitted. A missing or unreadable file, a folder, or one over `maxBytes` counts 0: it fails
 * at admission, saying why, without a byte of it being read.
 */
export async function sizeWorks(works: readonly Work[], maxBytes: number): Promise<void> {
  await runPool(works, SIZE_CONCURRENCY, async (work) => {
    const size = await stat(work.path).then(
      (s) => (s.isFile() && s.size <= maxBytes ? s.size : 0),
      () => 0,
    );
    countSize(work, size);
  });
}
