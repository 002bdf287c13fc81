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

/**
 * The persisted ingestion state machine: a job per file, written before work starts, moved one legal stage at a
 * time, so a restart after a crash knows where every file stood. Reached through `Catalog.jobs`.
 */
export class IngestionJobs {
  constructor(
    private readonly db: SqlDatabase,
    private readonly now: () => number,
  ) {}

  create(job: NewJob): JobRecord {
    const input = JobInputSchema.safeParse(job.input);
    if (!input.success)
      throw new HearthError('INVALID_INPUT', 'An ingestion job needs a file path or a staging handle.');
    const id = job.id ?? randomUUID();
    const t = this.now();
    try {
      this.db
        .prepare(
          `INSERT INTO ingestion_jobs (id, document_id, batch_id, input, stage, attempts, created_at, updated_at)
           VALUES (?, ?, ?, ?, 'queued', 0, ?, ?)`,
        )
        .run(id, job.documentId ?? null, job.batchId, JSON.stringify(input.data), t, t);
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
      if (!canTransition(job.stage, to)) {
        throw new HearthError('INTERNAL', `An ingestion job cannot go from "${job.stage}" to "${to}".`, {
          jobId: id,
          from: job.stage,
          to,
        });
      }
      try {
        this.db
          .prepare(
            `UPDATE ingestion_jobs SET stage = ?, error_code = ?, error_message = ?,
               document_id = COALESCE(?, document_id), updated_at = ?
             WHERE id = ?`,
          )
          .run(to, error?.code ?? null, error?.message ?? null, options.documentId ?? null, this.now(), id);
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
