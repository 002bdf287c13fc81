import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Logger } from 'pino';
import { PgEventRelay } from '../core/cluster/PgEventRelay';
import type { EventBus } from '../core/rpc/EventBus';
import { PgSessionStore } from './PgSessionStore';

/** Options for a headless shell that is one of several replicas on one PostgreSQL database. */
export interface ClusterOptions {
  /** The shared database (createPgPool: address from settings, password from the keychain or a mounted file). The
   * caller ends it, after the server has closed. */
  pool: pg.Pool;
  /** This replica's id in notifications, so it ignores its own. Default: a random UUID. */
  replicaId?: string;
}

/** What a replica shares with the others: sessions and sign-in tokens, and client events. */
export interface Cluster {
  readonly replicaId: string;
  readonly sessions: PgSessionStore;
  readonly relay: PgEventRelay;
  dispose(): Promise<void>;
}

/**
 * Joins the replicas on `options.pool`: sign-in tokens and sessions live in PostgreSQL (SessionAuth's store), and
 * every event emitted on `events` reaches the clients of the other replicas, theirs reaching this one's.
 */
export async function startCluster(
  options: ClusterOptions & { events: Pick<EventBus, 'onEmitted' | 'deliver'>; logger: Pick<Logger, 'warn' | 'info'> },
): Promise<Cluster> {
  const replicaId = options.replicaId ?? randomUUID();
  const { pool, logger } = options;
  const sessions = await PgSessionStore.start({ pool, logger, replicaId });
  let relay: PgEventRelay;
  try {
    relay = await PgEventRelay.start({ pool, logger, replicaId, bus: options.events });
  } catch (error) {
    await sessions.dispose();
    throw error;
  }
  return {
    replicaId,
    sessions,
    relay,
    dispose: async () => {
      await relay.dispose();
      await sessions.dispose();
    },
  };
}
