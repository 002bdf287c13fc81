import { DatabaseSync } from 'node:sqlite';
import type { SqlDatabase, SqlStatement } from './SqlDatabase';

/** node:sqlite behind the catalogue's SqlDatabase; `raw` is for SQLite-only work (functions, backup, FTS5). */
export class SqliteDatabase implements SqlDatabase {
  readonly dialect = 'sqlite' as const;

  constructor(readonly raw: DatabaseSync) {}

  static open(path: string): SqliteDatabase {
    return new SqliteDatabase(new DatabaseSync(path));
  }

  get isOpen(): boolean {
    return this.raw.isOpen;
  }

  get isTransaction(): boolean {
    return this.raw.isTransaction;
  }

  prepare(sql: string): SqlStatement {
    return this.raw.prepare(sql);
  }

  exec(sql: string): void {
    this.raw.exec(sql);
  }

  close(): void {
    if (this.raw.isOpen) this.raw.close();
  }
}
