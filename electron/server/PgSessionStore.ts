import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Logger } from 'pino';
import { ensurePgSchema } from '../core/cluster/ensurePgSchema';
import { PgListener } from '../core/cluster/PgListener';
import type { SessionStore, StoredSession } from './SessionStore';

/** The NOTIFY channel on which a replica tells the others that it signed every browser out. */
export const SESSIONS_CHANNEL = 'hearth_sessions';

// Times are the replicas' clocks in ms (bigint), like the memory store's, so SessionAuth's `now` applies to both.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS hearth_sign_in_tokens (
  hash text PRIMARY KEY,
  expires_at bigint NOT NULL
);
CREATE TABLE IF NOT EXISTS hearth_sessions (
  hash text PRIMARY KEY,
  idle_until bigint NOT NULL,
  ends_at bigint NOT NULL
);`;

/** Options for sessions shared by replicas through PostgreSQL. */
export interface PgSessionStoreOptions {
  /** Queries go through it; the LISTEN connection for revocations is a client of its own with the same settings. */
  pool: pg.Pool;
  logger: Pick<Logger, 'warn' | 'info'>;
  /** This replica's id in revocation notices, so it ignores its own. Default: a random UUID. */
  replicaId?: string;
  /** Reconnect backoff of the LISTEN connection (PgListenerOptions). */
  minBackoffMs?: number;
  maxBackoffMs?: number;
}

/**
 * Sign-in tokens and sessions in PostgreSQL, hashed, so that any replica accepts a link another printed and a
 * sign-out on one ends the session everywhere. Revocation is also announced with NOTIFY, so every replica closes the
 * sockets it holds for those sessions.
 */
export class PgSessionStore implements SessionStore {
  readonly replicaId: string;
  readonly #revokedElsewhere = new Set<() => void>();
  #listener: PgListener | undefined;

  private constructor(private readonly options: PgSessionStoreOptions) {
    this.replicaId = options.replicaId ?? randomUUID();
  }

  /** Creates the tables if missing and starts listening for other replicas' revocations. */
  static async start(options: PgSessionStoreOptions): Promise<PgSessionStore> {
    await ensurePgSchema(options.pool, SCHEMA);
    const store = new PgSessionStore(options);
    store.#listener = await PgListener.start({
      pool: options.pool,
      channel: SESSIONS_CHANNEL,
      logger: options.logger,
      onNotification: (from) => {
        if (from === store.replicaId) return;
        for (const listener of store.#revokedElsewhere) listener();
      },
      ...(options.minBackoffMs === undefined ? {} : { minBackoffMs: options.minBackoffMs }),
      ...(options.maxBackoffMs === undefined ? {} : { maxBackoffMs: options.maxBackoffMs }),
    });
    return store;
  }

  async addToken(hash: string, expiresAt: number): Promise<void> {
    await this.#query('INSERT INTO hearth_sign_in_tokens (hash, expires_at) VALUES ($1, $2)', [hash, expiresAt]);
  }

  async takeToken(hash: string, now: number): Promise<boolean> {
    // DELETE … RETURNING: of two replicas exchanging the same token at once, only one gets the row. Links nobody
    // used would otherwise stay forever, so the expired go too.
    const { rows } = await this.#query<{ hash: string; expires_at: string }>(
      'DELETE FROM hearth_sign_in_tokens WHERE hash = $1 OR expires_at < $2 RETURNING hash, expires_at',
      [hash, now],
    );
    return rows.some((row) => row.hash === hash && Number(row.expires_at) >= now);
  }

  async addSession(hash: string, session: StoredSession, now: number): Promise<void> {
    // Sessions that ended unused would otherwise stay forever; each new one clears them.
    await this.#query(
      `WITH ended AS (DELETE FROM hearth_sessions WHERE idle_until < $4 OR ends_at < $4)
       INSERT INTO hearth_sessions (hash, idle_until, ends_at) VALUES ($1, $2, $3)`,
      [hash, session.idleUntil, session.endsAt, now],
    );
  }

  async touchSession(hash: string, now: number, idleMs: number): Promise<boolean> {
    const { rows } = await this.#query(
      `UPDATE hearth_sessions SET idle_until = LEAST($2::bigint + $3::bigint, ends_at)
       WHERE hash = $1 AND idle_until >= $2 AND ends_at >= $2 RETURNING 1`,
      [hash, now, idleMs],
    );
    if (rows.length) return true;
    await this.#query('DELETE FROM hearth_sessions WHERE hash = $1', [hash]);
    return false;
  }

  async revokeAll(): Promise<number> {
    // One statement, so the rows are gone when the other replicas hear of it.
    const { rows } = await this.#query<{ ended: number }>(
      `WITH ended AS (DELETE FROM hearth_sessions RETURNING 1), tokens AS (DELETE FROM hearth_sign_in_tokens)
       SELECT (SELECT count(*) FROM ended)::int AS ended, pg_notify($1, $2)`,
      [SESSIONS_CHANNEL, this.replicaId],
    );
    return rows[0]?.ended ?? 0;
  }

  onRevokedElsewhere(listener: () => void): () => void {
    this.#revokedElsewhere.add(listener);
    return () => this.#revokedElsewhere.delete(listener);
  }

  /** Stops listening; the pool belongs to whoever made it. */
  async dispose(): Promise<void> {
    this.#revokedElsewhere.clear();
    await this.#listener?.dispose();
  }

  #query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values: unknown[]) {
    return this.options.pool.query<R>(text, values);
  }
}
