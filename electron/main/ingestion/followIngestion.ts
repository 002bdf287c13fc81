import type { BatchProgress } from '../../shared/librarySchemas';
import type { IngestionStatus } from './IngestionStatus';

/** The batch totals `library.progress` carries (the contract's batch event owns them). */
type BatchTotals = Pick<BatchProgress, 'kind' | 'batchId' | 'files' | 'done' | 'failed' | 'cancelled'>;

/**
 * Folds batch progress into one status for the tray, keep-awake and the "finished" notification: every running
 * batch counts, and a batch leaves the sum once all its files are finished.
 */
export function followIngestion(update: (status: IngestionStatus) => void): (event: { kind: string }) => void {
  const running = new Map<string, { done: number; total: number }>();
  return (event) => {
    if (event.kind !== 'batch') return;
    const b = event as BatchTotals;
    const finished = b.done + b.failed + b.cancelled;
    if (finished >= b.files) running.delete(b.batchId);
    else running.set(b.batchId, { done: finished, total: b.files });
    if (running.size === 0) return update({ kind: 'idle' });
    let done = 0;
    let total = 0;
    for (const r of running.values()) {
      done += r.done;
      total += r.total;
    }
    update({ kind: 'indexing', done, total });
  };
}
