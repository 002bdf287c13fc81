import { HearthError } from '../../../shared/errors';
import type { JobRecord } from '../catalog/catalogTypes';
import type { PipelineCatalog } from './pipelineTypes';
import { isTerminal, recordFailure } from './pipelineHelpers';
import { CANCELLED, type Work } from './pipelineWork';

/**
 * Keeps the leases of the jobs a pipeline is running (`active`) alive, every third of the lease, so two renewals
 * can fail (a database hiccup) before another replica may take a job over. A job another replica took over
 * meanwhile (this one stalled past its lease) is stopped here, marked `leaseLost` so its job is left alone.
 */
export class LeaseRenewer {
  #timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly jobs: PipelineCatalog['jobs'],
    private readonly active: ReadonlyMap<string, Work>,
  ) {}

  /** Starts renewing, if not already. */
  start(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => {
      try {
        this.renew();
      } catch {
        // The next tick tries again; a lease that runs out meanwhile is another replica's to take.
      }
    }, this.jobs.leaseMs / 3);
    this.#timer.unref();
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** Extends the leases of running jobs now; stops those no longer held. */
  renew(): void {
    const ids = [...this.active.keys()];
    if (ids.length === 0) return;
    const held = this.jobs.renew(ids);
    for (const id of ids) {
      const work = this.active.get(id);
      // Not held: taken over, or ended elsewhere (finished by its taker, cancelled from another replica).
      if (!work || held.has(id)) continue;
      work.leaseLost = true;
      work.controller.abort();
    }
  }
}

/**
 * Ends a job that threw. Stopped by a shutdown (`stopping`) or taken over by another replica, the job stays where it
 * stood for whoever runs it next; otherwise it is failed or cancelled (recordFailure).
 */
export function settleFailure(catalog: PipelineCatalog, work: Work, error: unknown, stopping: boolean): void {
  const latest = catalog.jobs.get(work.job.id);
  const elsewhere = !!latest?.lease && latest.lease.holder !== catalog.jobs.replicaId;
  if (stopping || work.leaseLost || elsewhere) work.job = latest ?? work.job;
  else recordFailure(catalog, work, error);
}

/**
 * A job stopped before a worker started it: cancelled when a person asked, but left as it is (CANCELLED thrown, for
 * settleFailure) when the replica is stopping or another replica took the job over. Not stopped: the job as it is.
 */
export function stopWaiting(catalog: PipelineCatalog, work: Work, stopping: boolean): JobRecord {
  if (!work.controller.signal.aborted || isTerminal(work.job.stage)) return work.job;
  if (stopping || work.leaseLost) throw new HearthError('CANCELLED', CANCELLED.message);
  return catalog.jobs.cancel(work.job.id);
}
