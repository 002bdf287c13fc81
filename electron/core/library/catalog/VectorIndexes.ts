import type { SqlDatabase } from './sql/SqlDatabase';
import { indexName } from '../../vectors/indexName';
import type { IndexKey } from '../../vectors/VectorStore';

/** A vector index the library has written to. */
export interface IndexRecord extends IndexKey {
  name: string;
  createdAt: number;
}

/**
 * Which vector indexes exist. Recorded before the first vector is written, so deleting a document after a restart
 * reaches every index that may hold its vectors. Reached through `Catalog.indexes`.
 */
export class VectorIndexes {
  constructor(
    private readonly db: SqlDatabase,
    private readonly now: () => number,
  ) {}

  /** Records an index (once); returns its backend name. */
  record(key: IndexKey): string {
    const name = indexName(key);
    this.db
      .prepare(
        `INSERT INTO vector_indexes (name, model, version, dimensions, created_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT DO NOTHING`,
      )
      .run(name, key.model, key.version, key.dimensions, this.now());
    return name;
  }

  /** Every recorded index, oldest first. */
  list(): IndexRecord[] {
    const rows = this.db.prepare('SELECT * FROM vector_indexes ORDER BY created_at, name').all() as Array<{
      name: string;
      model: string;
      version: number;
      dimensions: number;
      created_at: number;
    }>;
    return rows.map((r) => ({
      name: r.name,
      model: r.model,
      version: r.version,
      dimensions: r.dimensions,
      createdAt: r.created_at,
    }));
  }

  /**
   * The index search uses: set when a re-embed completes (or when the first index is written), so a half-built
   * index of a new model is never searched. Null when none was chosen yet.
   */
  active(): IndexRecord | null {
    const row = this.db.prepare(`SELECT value FROM library_state WHERE key = 'active_index'`).get() as
      { value: string } | undefined;
    return (row && this.list().find((r) => r.name === row.value)) ?? null;
  }

  /** Makes a recorded index the one search uses. */
  setActive(name: string): void {
    this.db
      .prepare(
        `INSERT INTO library_state (key, value) VALUES ('active_index', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
      )
      .run(name);
  }

  /** Forgets an index (after it was dropped from the backend). */
  remove(name: string): void {
    this.db.prepare('DELETE FROM vector_indexes WHERE name = ?').run(name);
  }
}
