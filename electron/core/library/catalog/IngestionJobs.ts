import { randomUUID } from 'node:crypto';
import type { SqlDatabase } from './sql/SqlDatabase';
import { HearthError } from '../../../shared/errors';
import type { JobRecord, JobStage, NewJob, StoredError } from './catalogTypes';
import { JobInputSchema } from './catalogTypes';
import { toHearthError, toJob } from './catalogRows';
import type { Row } from './catalogRows';
import { canTransition, TERMINAL_STAGES } from './jobTransitions';
import { sqlTransaction } from './sqlTransaction';

/** Options for `IngestionJobs.advance`. */
export interface AdvanceOptions {
  /** Fail with CONFLICT unless the job is still at this stage (another worker or a cancel got there first). */
  expectedFrom?: JobStage;
  /** Links the job to its document once the pipeline has created it. */
  documentId?: string;
}

const TERMINAL_SQL = TERMINAL_STAGES.map((s) => `'${s}'`).join(', ');

/** The desktop's one process, and how long a lease lasts unless renewed. */
const DEFAULT_REPLICA = 'local';
const DEFAULT_LEASE_MS = 60_000;

/**
 * The persisted ingestion state machine: a job per file, written before work starts, moved one legal stage at a
 * time, so a restart after a crash knows where every file stood. Reached through `Catalog.jobs`.
 */
export class IngestionJobs {
  /** The replica jobs created or claimed here are leased to. */
  readonly replicaId: string;
  /** How long a lease lasts from its last renewal, in ms. */
  readonly leaseMs: number;

  constructor(
    private readonly db: SqlDatabase,
    private readonly now: () => number,
    replica: { id: string; leaseMs?: number } = { id: DEFAULT_REPLICA },
  ) {
    if (replica.id.length === 0) throw new HearthError('INVALID_INPUT', 'A replica id cannot be empty.');
    const leaseMs = replica.leaseMs ?? DEFAULT_LEASE_MS;
    if (!Number.isFinite(leaseMs) || leaseMs < 100)
      throw new HearthError('INVALID_INPUT', 'A job lease lasts at least 100 ms.', { leaseMs });
    this.replicaId = replica.id;
    this.leaseMs = leaseMs;
  }

  create(job: NewJob): JobRecord {
    const input = JobInputSchema.safeParse(job.input);
    if (!input.success)
      throw new HearthError('INVALID_INPUT', 'An ingestion job needs a file path or a staging handle.');
    const id = job.id ?? randomUUID();
    const t = this.now();
    try {
      this.db
        .prepare(
          `INSERT INTO ingestion_jobs (id, document_id, batch_id, input, stage, attempts, created_at, updated_at,
             leased_by, lease_until)
           VALUES (?, ?, ?, ?, 'queued', 0, ?, ?, ?, ?)`,
        )
        // Leased to its creator at once: no other replica's takeover picks up a job its creator is about to run.
        .run(
          id,
          job.documentId ?? null,
          job.batchId,
          JSON.stringify(input.data),
          t,
          t,
          this.replicaId,
          t + this.leaseMs,
        );
    } catch (error) {
      throw toHearthError(error, 'create ingestion job');
    }
    return this.require(id);
  }

  get(id: string): JobRecord | undefined {
    const row = this.db.prepare('SELECT * FROM ingestion_jobs WHERE id = ?').get(id) as Row | undefined;
    return row ? toJob(row) : undefined;
  }

  /** Jobs of a batch (or all), oldest first. */
  list(filter: { batchId?: string; documentId?: string } = {}): JobRecord[] {
    const rows = this.db
      .prepare(
        `SELECT * FROM ingestion_jobs
         WHERE (CAST(?1 AS TEXT) IS NULL OR batch_id = ?1) AND (CAST(?2 AS TEXT) IS NULL OR document_id = ?2)
         ORDER BY created_at, rowid`,
      )
      .all(filter.batchId ?? null, filter.documentId ?? null) as Row[];
    return rows.map(toJob);
  }

  /** Jobs that were not finished, failed or cancelled: what a restart must pick up again, oldest first. */
  listResumable(): JobRecord[] {
    const rows = this.db
      .prepare(`SELECT * FROM ingestion_jobs WHERE stage NOT IN (${TERMINAL_SQL}) ORDER BY created_at, rowid`)
      .all() as Row[];
    return rows.map(toJob);
  }

  /**
   * Leases up to `limit` unfinished jobs to this replica, oldest first: jobs nobody holds, this replica's own (a
   * restart under the same id) and those whose holder let the lease run out (a replica that died). On PostgreSQL
   * rows another replica is claiming right now are skipped rather than waited for (FOR UPDATE SKIP LOCKED), so two
   * replicas claiming at once never get the same job.
   */
  claim(limit = 64): JobRecord[] {
    const t = this.now();
    const lock = this.db.dialect === 'postgres' ? 'FOR UPDATE SKIP LOCKED' : '';
    const rows = this.db
      .prepare(
        `UPDATE ingestion_jobs SET leased_by = ?1, lease_until = ?2
         WHERE id IN (
           SELECT id FROM ingestion_jobs
           WHERE stage NOT IN (${TERMINAL_SQL}) AND (leased_by IS NULL OR leased_by = ?1 OR lease_until < ?3)
           ORDER BY created_at, rowid LIMIT ?4 ${lock})
         RETURNING *, rowid AS claim_order`,
      )
      .all(this.replicaId, t + this.leaseMs, t, Math.max(1, Math.floor(limit))) as Row[];
    // RETURNING gives no order: claimed jobs run oldest first.
    rows.sort(
      (a, b) =>
        Number(a['created_at']) - Number(b['created_at']) || Number(a['claim_order']) - Number(b['claim_order']),
    );
    return rows.map(toJob);
  }

  /** True when `claim()` would find work: unfinished jobs free, this replica's, or with an expired lease. */
  hasClaimable(): boolean {
    const row = this.db
      .prepare(
        `SELECT 1 AS found FROM ingestion_jobs
         WHERE stage NOT IN (${TERMINAL_SQL}) AND (leased_by IS NULL OR leased_by = ? OR lease_until < ?) LIMIT 1`,
      )
      .get(this.replicaId, this.now());
    return row !== undefined;
  }

  /**
   * Extends this replica's leases on `ids`; returns the ids it still holds. A job missing from the answer was taken
   * over (this replica stalled past its lease) or finished elsewhere: its work here must stop.
   */
  renew(ids: readonly string[]): Set<string> {
    if (ids.length === 0) return new Set();
    const marks = ids.map(() => '?').join(', ');
    const rows = this.db
      .prepare(
        `UPDATE ingestion_jobs SET lease_until = ? WHERE leased_by = ? AND stage NOT IN (${TERMINAL_SQL})
           AND id IN (${marks}) RETURNING id`,
      )
      .all(this.now() + this.leaseMs, this.replicaId, ...ids) as Row[];
    return new Set(rows.map((r) => String(r['id'])));
  }

  /**
   * Gives up this replica's leases (on `ids`, or all of them) so another replica can claim those jobs at once rather
   * than after the lease runs out: a graceful shutdown. Returns how many were released.
   */
  release(ids?: readonly string[]): number {
    const only = ids === undefined ? '' : ` AND id IN (${ids.map(() => '?').join(', ') || 'NULL'})`;
    const result = this.db
      .prepare(`UPDATE ingestion_jobs SET leased_by = NULL, lease_until = NULL WHERE leased_by = ?${only}`)
      .run(this.replicaId, ...(ids ?? []));
    return Number(result.changes);
  }

  /** Jobs the Library screen shows: running, failed or cancelled (indexed ones are documents), newest first. */
  listOpen(limit = 500): JobRecord[] {
    const rows = this.db
      .prepare(`SELECT * FROM ingestion_jobs WHERE stage != 'indexed' ORDER BY updated_at DESC, rowid DESC LIMIT ?`)
      .all(limit) as Row[];
    return rows.map(toJob);
  }

  /** Forgets a failed or cancelled job; a job still to run is refused with CONFLICT. */
  remove(id: string): boolean {
    const job = this.get(id);
    if (!job) return false;
    if (!TERMINAL_STAGES.includes(job.stage)) {
      throw new HearthError('CONFLICT', 'This file is still being ingested; cancel it first.', { jobId: id });
    }
    this.db.prepare('DELETE FROM ingestion_jobs WHERE id = ?').run(id);
    return true;
  }

  /** Moves a job one legal step on. An illegal move is a pipeline bug: INTERNAL. */
  advance(id: string, to: JobStage, options: AdvanceOptions = {}): JobRecord {
    if (to === 'failed' || to === 'queued') {
      throw new HearthError('INTERNAL', `Use fail() or retry() to move a job to "${to}".`, { jobId: id });
    }
    return this.move(id, to, options, null);
  }

  /** Records a per-file failure; the rest of the batch goes on. */
  fail(id: string, error: StoredError, options: Pick<AdvanceOptions, 'expectedFrom'> = {}): JobRecord {
    return this.move(id, 'failed', options, error);
  }

  cancel(id: string): JobRecord {
    return this.move(id, 'cancelled', {}, null);
  }

  /** Puts a failed or cancelled job back in the queue, clearing its error. */
  retry(id: string): JobRecord {
    return this.move(id, 'queued', {}, null);
  }

  /** Counts one more start of work on the job (first run, resume after a crash, retry). */
  beginAttempt(id: string): JobRecord {
    const result = this.db
      .prepare('UPDATE ingestion_jobs SET attempts = attempts + 1, updated_at = ? WHERE id = ?')
      .run(this.now(), id);
    if (result.changes === 0) throw notFound(id);
    return this.require(id);
  }

  private move(id: string, to: JobStage, options: AdvanceOptions, error: StoredError | null): JobRecord {
    return sqlTransaction(this.db, () => {
      const job = this.get(id);
      if (!job) throw notFound(id);
      if (options.expectedFrom !== undefined && job.stage !== options.expectedFrom) {
        throw new HearthError('CONFLICT', `The ingestion job moved on meanwhile (it is "${job.stage}").`, {
          jobId: id,
          stage: job.stage,
          expected: options.expectedFrom,
        });
      }
      // A replica that stalled past its lease and woke up after another took the job over must not move it on.
      const lease = job.lease;
      if (to !== 'cancelled' && lease && lease.holder !== this.replicaId && lease.until >= this.now()) {
        throw new HearthError('CONFLICT', 'Another server replica is working on this file.', {
          jobId: id,
          holder: lease.holder,
        });
      }
      if (!canTransition(job.stage, to)) {
        throw new HearthError('INTERNAL', `An ingestion job cannot go from "${job.stage}" to "${to}".`, {
          jobId: id,
          from: job.stage,
          to,
        });
      }
      // A finished job holds no lease; one put back in the queue (retry) is this replica's to run.
      const t = this.now();
      const holder = TERMINAL_STAGES.includes(to) ? null : to === 'queued' ? this.replicaId : (lease?.holder ?? null);
      const until = holder === null ? null : to === 'queued' ? t + this.leaseMs : (lease?.until ?? null);
      try {
        this.db
          .prepare(
            `UPDATE ingestion_jobs SET stage = ?, error_code = ?, error_message = ?,
               document_id = COALESCE(?, document_id), updated_at = ?, leased_by = ?, lease_until = ?
             WHERE id = ?`,
          )
          .run(to, error?.code ?? null, error?.message ?? null, options.documentId ?? null, t, holder, until, id);
      } catch (e) {
        throw toHearthError(e, 'update ingestion job');
      }
      return this.require(id);
    });
  }

  private require(id: string): JobRecord {
    const job = this.get(id);
    if (!job) throw notFound(id);
    return job;
  }
}

function notFound(id: string): HearthError {
  return new HearthError('NOT_FOUND', 'That ingestion job does not exist.', { jobId: id });
}
