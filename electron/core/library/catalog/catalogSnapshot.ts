import type { DatabaseSync } from 'node:sqlite';
import { HearthError } from '../../../shared/errors';
import { CATALOG_SCHEMA_VERSION } from './catalogMigrations';
import { SqliteDatabase } from './sql/SqliteDatabase';
import { sqlTransaction } from './sqlTransaction';

/**
 * Writes a consistent copy of the catalogue to `path` with `VACUUM INTO`: one read transaction, so documents,
 * chunks and conversations agree with each other even while ingestion writes. The catalogue's connection is
 * synchronous, so no transaction of its own is open while this runs.
 */
export function snapshotCatalog(db: DatabaseSync, path: string): void {
  db.prepare('VACUUM INTO ?').run(path);
}

/** What `replaceCatalog` dropped to leave only whole documents. */
export interface ReplaceResult {
  /** Documents that were still being ingested when the snapshot was taken (absent after restore). */
  droppedDocuments: number;
}

/**
 * Replaces every row of the live catalogue with the rows of a snapshot at the same schema version, in one
 * transaction. The keyword index is rebuilt by its triggers as chunks go in, so its shadow tables are not copied.
 * Then only whole documents stay: ingestion in flight at snapshot time (documents not yet indexed, their jobs,
 * chunks of a revision not yet current) is dropped, and a running re-embed is marked cancelled.
 */
export function replaceCatalog(db: DatabaseSync, snapshotPath: string): ReplaceResult {
  db.prepare('ATTACH DATABASE ? AS snap').run(snapshotPath);
  try {
    const version = (db.prepare('PRAGMA snap.user_version').get() as { user_version: number }).user_version;
    if (version !== CATALOG_SCHEMA_VERSION) {
      throw new HearthError(
        'INVALID_INPUT',
        `The backup's catalogue is at schema version ${version}; this Hearth expects ${CATALOG_SCHEMA_VERSION}.`,
      );
    }
    const tables = (
      db
        .prepare(
          "SELECT name FROM snap.sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' " +
            "AND name NOT LIKE 'chunks_fts%' ORDER BY rowid",
        )
        .all() as { name: string }[]
    ).map((row) => row.name);
    return sqlTransaction(new SqliteDatabase(db), () => {
      db.exec('PRAGMA defer_foreign_keys = ON');
      for (const table of [...tables].reverse()) db.exec(`DELETE FROM main.${quote(table)}`);
      for (const table of tables) {
        const columns = (db.prepare(`PRAGMA main.table_info(${quote(table)})`).all() as { name: string }[]).map((c) =>
          quote(c.name),
        );
        if (columns.length === 0) continue;
        const list = columns.join(', ');
        db.exec(`INSERT INTO main.${quote(table)} (${list}) SELECT ${list} FROM snap.${quote(table)}`);
      }
      const dropped = db.prepare("DELETE FROM documents WHERE status <> 'indexed'").run().changes;
      db.exec(`
        DELETE FROM ingestion_jobs;
        DELETE FROM chunks WHERE version <> (SELECT version FROM documents d WHERE d.id = chunks.document_id);
        DELETE FROM document_versions WHERE status IN ('pending', 'embedding');
        UPDATE reembed_runs SET status = 'cancelled' WHERE status = 'running';
      `);
      return { droppedDocuments: Number(dropped) };
    });
  } finally {
    db.exec('DETACH DATABASE snap');
  }
}

function quote(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}
