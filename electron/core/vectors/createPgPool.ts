import pg from 'pg';
import { parseIntoClientConfig } from 'pg-connection-string';
import { HearthError } from '../../shared/errors';

/** Options for a connection pool to the user's PostgreSQL. */
export interface PgPoolOptions {
  /** Connection URL from settings, e.g. postgres://hearth@db.lan:5432/hearth?sslmode=require, without a password. */
  url: string;
  /** Returns the password, read from the keychain when a connection needs one; null: none (libpq's ~/.pgpass applies). */
  password?: () => Promise<string | null>;
  /** Most connections open at once. Default 4. */
  maxConnections?: number;
  /** How long opening a connection may take. Default 10000. */
  connectTimeoutMs?: number;
  /** Told about errors on idle connections (a server restart, say), which pg would otherwise throw as uncaught. */
  onIdleError?: (error: Error) => void;
}

/**
 * A pg pool for pgvector stores; share one among all indexes on the same database. The URL must not carry a password:
 * settings are a plain file, and secrets belong in the keychain (ARCHITECTURE.md, Data).
 */
export function createPgPool(options: PgPoolOptions): pg.Pool {
  let url: URL;
  try {
    url = new URL(options.url);
  } catch {
    throw new HearthError('INVALID_INPUT', 'The PostgreSQL address is not a valid URL (postgres://user@host:5432/db).');
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    throw new HearthError('INVALID_INPUT', 'The PostgreSQL address must start with postgres:// or postgresql://.');
  }
  if (url.password !== '' || url.searchParams.has('password')) {
    throw new HearthError(
      'INVALID_INPUT',
      'Remove the password from the PostgreSQL address and save it in Settings as a secret; it is kept in the keychain.',
    );
  }
  const password = options.password;
  // Parsed here rather than passed as `connectionString`: pg merges a parsed connection string over the other
  // options, and a URL without a password parses to password '' — which silently replaced the keychain callback.
  const { password: _none, ...connection } = parseIntoClientConfig(options.url);
  const pool = new pg.Pool({
    ...connection,
    max: options.maxConnections ?? 4,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    idleTimeoutMillis: 30_000,
    // pg reads an undefined password as "none" (then tries ~/.pgpass); its types only admit strings.
    ...(password ? { password: async () => (await password()) ?? (undefined as unknown as string) } : {}),
  });
  pool.on('error', (error) => options.onIdleError?.(error));
  return pool;
}
