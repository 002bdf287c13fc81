import pg from 'pg';
import { parseIntoClientConfig } from 'pg-connection-string';
import pgpass from 'pgpass';
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

/** Query keys that make pg-connection-string read a file by path, or connect somewhere the address does not show. */
const UNSAFE_KEYS = ['sslcert', 'sslkey', 'sslrootcert', 'sslcrl', 'passfile', 'service', 'host', 'port'];

/**
 * The connection settings a PostgreSQL address names (host, port, user, database, TLS), checked: a URL, no password
 * in it (secrets come from the keychain or a mounted file), no query keys that would make the client read files.
 */
export function pgConnectionFromUrl(text: string): pg.PoolConfig {
  let url: URL;
  try {
    url = new URL(text);
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
  // Settings refuse these already; an address from anywhere else must not make the client read files either.
  const named = UNSAFE_KEYS.filter((key) => url.searchParams.has(key));
  if (named.length) {
    throw new HearthError('INVALID_INPUT', `The PostgreSQL address may not set ${named.join(', ')}.`);
  }
  return connectionFromUrl(url, text);
}

/**
 * A pg pool for pgvector stores; share one among all indexes on the same database. The URL must not carry a password:
 * settings are a plain file, and secrets belong in the keychain (ARCHITECTURE.md, Data).
 */
export function createPgPool(options: PgPoolOptions): pg.Pool {
  const connection = pgConnectionFromUrl(options.url);
  const keychain = options.password;
  const pool = new pg.Pool({
    ...connection,
    max: options.maxConnections ?? 4,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    idleTimeoutMillis: 30_000,
    // The keychain first; without a saved password, what libpq users expect: PGPASSWORD, then ~/.pgpass. pg itself
    // looks at neither once a password callback is given. Undefined means "no password" (pg's types want a string).
    password: async () =>
      (keychain ? await keychain() : null) ??
      process.env.PGPASSWORD ??
      (await pgpassLookup(connection)) ??
      (undefined as unknown as string),
  });
  pool.on('error', (error) => options.onIdleError?.(error));
  return pool;
}

/**
 * The connection settings of a URL, taken key by key. Not `connectionString`: pg merges a parsed connection string
 * over the other options, and a URL without a password parses to password '' — which silently replaced the keychain
 * callback. Not the whole parse either: other query keys would become pool options.
 */
function connectionFromUrl(url: URL, text: string): pg.PoolConfig {
  const ssl = url.searchParams.get('ssl');
  if (ssl !== null && !['true', 'false', '1', '0'].includes(ssl)) {
    throw new HearthError(
      'INVALID_INPUT',
      `The PostgreSQL address has ssl=${ssl}; use sslmode=require, sslmode=verify-full or sslmode=disable instead.`,
    );
  }
  let parsed: ReturnType<typeof parseIntoClientConfig>;
  try {
    parsed = parseIntoClientConfig(text);
  } catch (error) {
    // e.g. sslrootcert naming a file that cannot be read.
    throw new HearthError('INVALID_INPUT', `The PostgreSQL address cannot be used: ${(error as Error).message}`);
  }
  const connection: pg.PoolConfig = {};
  if (parsed.host) connection.host = parsed.host;
  if (parsed.port) connection.port = parsed.port;
  if (parsed.user) connection.user = parsed.user;
  if (parsed.database) connection.database = parsed.database;
  if (parsed.ssl !== undefined) connection.ssl = parsed.ssl;
  if (parsed.options) connection.options = parsed.options;
  if (parsed.application_name) connection.application_name = parsed.application_name;
  return connection;
}

/** The ~/.pgpass (or PGPASSFILE) entry for this connection, as libpq would find it. */
function pgpassLookup(connection: pg.PoolConfig): Promise<string | undefined> {
  return new Promise((resolve) => {
    pgpass(
      {
        host: connection.host ?? 'localhost',
        port: connection.port ?? 5432,
        database: connection.database ?? connection.user,
        user: connection.user ?? process.env.USER,
      },
      (found) => resolve(found ?? undefined),
    );
  });
}
