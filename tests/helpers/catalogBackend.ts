import { createHash } from 'node:crypto';
import { inject } from 'vitest';
import { Catalog, type CatalogOptions } from '../../electron/core/library/catalog/Catalog';

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
  const schema = `t_${createHash('sha1').update(options.dataDir).digest('hex').slice(0, 20)}`;
  return Catalog.open({ ...options, postgres: { connection: server, schema } });
}
