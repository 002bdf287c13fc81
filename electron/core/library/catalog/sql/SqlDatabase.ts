/** A value a statement takes or returns: what node:sqlite and pg (with Hearth's type parsers) have in common. */
export type SqlValue = null | number | bigint | string | Uint8Array;

/** A row: column name → value. */
export type SqlRow = Record<string, unknown>;

/** What a write reports. */
export interface SqlRunResult {
  changes: number | bigint;
}

/** A prepared statement. Parameters are positional: `?` in order, or `?1`… by number (SQLite's syntax). */
export interface SqlStatement {
  get(...params: SqlValue[]): SqlRow | undefined;
  all(...params: SqlValue[]): SqlRow[];
  run(...params: SqlValue[]): SqlRunResult;
}

/** Which SQL the catalogue speaks to: the desktop's SQLite file or a team server's PostgreSQL. */
export type SqlDialect = 'sqlite' | 'postgres';

/**
 * The catalogue's connection, synchronous on both engines: catalogue code reads and writes without awaiting, so
 * nothing else runs between a read and the write that depends on it (see PostgresDatabase for how PostgreSQL does).
 */
export interface SqlDatabase {
  readonly dialect: SqlDialect;
  readonly isOpen: boolean;
  /** True inside BEGIN … COMMIT on this connection. */
  readonly isTransaction: boolean;
  prepare(sql: string): SqlStatement;
  /** Runs one or more statements without parameters. */
  exec(sql: string): void;
  close(): void;
}
