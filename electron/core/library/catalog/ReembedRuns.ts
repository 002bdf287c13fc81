import { randomUUID } from 'node:crypto';
import type { SqlDatabase } from './sql/SqlDatabase';
import type { Row } from './catalogRows';

export type ReembedStatus = 'running' | 'complete' | 'cancelled' | 'failed';

/** A re-embed of the whole library into the index of one model and embedding version. */
export interface ReembedRunRecord {
  id: string;
  model: string;
  version: number;
  status: ReembedStatus;
  error: string | null;
  /** Documents already written to the new index. */
  done: number;
  createdAt: number;
  updatedAt: number;
}

/**
 * Re-embed runs and which documents each has finished, committed per document, so a run killed midway resumes
 * with the documents it had not reached. Reached through `Catalog.reembeds`.
 */
export class ReembedRuns {
  constructor(
    private readonly db: SqlDatabase,
    private readonly now: () => number,
  ) {}

  start(model: string, version: number): ReembedRunRecord {
    const id = randomUUID();
    const t = this.now();
    // Per-document rows only matter while a run can resume; finished runs keep their count until the next start.
    this.db.exec(`DELETE FROM reembed_done WHERE run_id IN (SELECT id FROM reembed_runs WHERE status <> 'running')`);
    this.db
      .prepare(
        `INSERT INTO reembed_runs (id, model, version, status, created_at, updated_at) VALUES (?, ?, ?, 'running', ?, ?)`,
      )
      .run(id, model, version, t, t);
    return this.get(id) as ReembedRunRecord;
  }

  get(id: string): ReembedRunRecord | undefined {
    const row = this.db
      .prepare(
        `SELECT r.*, (SELECT count(*) FROM reembed_done d WHERE d.run_id = r.id) AS done
         FROM reembed_runs r WHERE r.id = ?`,
      )
      .get(id) as Row | undefined;
    return row ? toRun(row) : undefined;
  }

  /** The newest run, whatever its status. */
  latest(): ReembedRunRecord | undefined {
    const row = this.db.prepare('SELECT id FROM reembed_runs ORDER BY created_at DESC, rowid DESC LIMIT 1').get() as
      Row | undefined;
    return row ? this.get(String(row['id'])) : undefined;
  }

  /** The run a crash or quit left running, if any. */
  running(): ReembedRunRecord | undefined {
    const row = this.db.prepare(`SELECT id FROM reembed_runs WHERE status = 'running' LIMIT 1`).get() as
      Row | undefined;
    return row ? this.get(String(row['id'])) : undefined;
  }

  markDone(runId: string, documentId: string): void {
    this.db
      .prepare('INSERT INTO reembed_done (run_id, document_id) VALUES (?, ?) ON CONFLICT DO NOTHING')
      .run(runId, documentId);
    this.db.prepare('UPDATE reembed_runs SET updated_at = ? WHERE id = ?').run(this.now(), runId);
  }

  doneIds(runId: string): Set<string> {
    const rows = this.db.prepare('SELECT document_id FROM reembed_done WHERE run_id = ?').all(runId) as Row[];
    return new Set(rows.map((r) => String(r['document_id'])));
  }

  finish(runId: string, status: Exclude<ReembedStatus, 'running'>, error: string | null = null): void {
    this.db
      .prepare('UPDATE reembed_runs SET status = ?, error_message = ?, updated_at = ? WHERE id = ?')
      .run(status, error, this.now(), runId);
  }
}

function toRun(r: Row): ReembedRunRecord {
  return {
    id: String(r['id']),
    model: String(r['model']),
    version: Number(r['version']),
    status: String(r['status']) as ReembedStatus,
    error: r['error_message'] === null ? null : String(r['error_message']),
    done: Number(r['done']),
    createdAt: Number(r['created_at']),
    updatedAt: Number(r['updated_at']),
  };
}
