import { createHash } from 'node:crypto';
import { inject } from 'vitest';
import { join } from 'node:path';
import { Catalog, type CatalogOptions } from '../../electron/core/library/catalog/Catalog';
import { PostgresDatabase } from '../../electron/core/library/catalog/sql/PostgresDatabase';
import type { SqlDatabase } from '../../electron/core/library/catalog/sql/SqlDatabase';
import { SqliteDatabase } from '../../electron/core/library/catalog/sql/SqliteDatabase';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Set by the `catalogue-postgres` project's global setup: the PostgreSQL server its catalogue tests use. */
    catalogPostgres: { host: string; port: number; user: string; database: string; password: string } | null;
  }
}

/** The engine catalogue tests run against: SQLite, or PostgreSQL in the `catalogue-postgres` project. */
export function catalogDialect(): 'sqlite' | 'postgres' {
  return inject('catalogPostgres') ? 'postgres' : 'sqlite';
}

/**
 * Opens the catalogue of `options.dataDir` on the engine of this test project. On PostgreSQL each data dir gets its
 * own schema (named from its path), so a test that closes and reopens "the same library" finds its rows again and
 * tests never see each other's.
 */
export function openCatalog(options: CatalogOptions): Catalog {
  const server = inject('catalogPostgres');
  if (!server) return Catalog.open(options);
  return Catalog.open({ ...options, postgres: { connection: server, schema: catalogSchema(options.dataDir) } });
}

/**
 * A second, raw connection to the catalogue of `dataDir` (its SQLite file, or its PostgreSQL schema), with foreign
 * keys enforced on both: for tests that change rows behind the catalogue's back, as another process would.
 */
export function openRawCatalog(dataDir: string): SqlDatabase {
  const server = inject('catalogPostgres');
  if (server) return PostgresDatabase.open({ connection: server, schema: catalogSchema(dataDir) });
  const db = SqliteDatabase.open(join(dataDir, 'catalog.db'));
  db.exec('PRAGMA foreign_keys = ON');
  return db;
}

function catalogSchema(dataDir: string): string {
  return `t_${createHash('sha1').update(dataDir).digest('hex').slice(0, 20)}`;
}
