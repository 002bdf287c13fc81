import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { EventBus } from '../rpc/EventBus';
import { ensurePgSchema } from './ensurePgSchema';
import { PgListener } from './PgListener';

/** The NOTIFY channel that carries client events between replicas. */
export const EVENTS_CHANNEL = 'hearth_events';

/** NOTIFY payloads must stay under 8000 bytes; larger events travel through `cluster_events`. */
const INLINE_LIMIT = 7900;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS cluster_events (
  id bigserial PRIMARY KEY,
  replica text NOT NULL,
  event text NOT NULL,
  payload text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS cluster_events_created_at ON cluster_events (created_at);`;

/** Options for relaying client events between replicas that share a PostgreSQL database. */
export interface PgEventRelayOptions {
  /** Queries go through it; the LISTEN connection is a client of its own with the same settings. */
  pool: pg.Pool;
  bus: Pick<EventBus, 'onEmitted' | 'deliver'>;
  logger: Pick<Logger, 'warn' | 'info'>;
  /** This replica's id in notifications, so it ignores its own. Default: a random UUID. */
  replicaId?: string;
  /** How long a large event's row is kept for slow readers before it is pruned. Default 10 minutes. */
  keepLargeMs?: number;
  /** Events waiting to be published, beyond which new ones are dropped (a stuck database). Default 10000. */
  maxPending?: number;
  /** Reconnect backoff of the LISTEN connection (PgListenerOptions). */
  minBackoffMs?: number;
  maxBackoffMs?: number;
}

/** A notification: the event inline, or the id of its row in `cluster_events`. Any database user may NOTIFY. */
const WireSchema = z.union([
  z.object({ r: z.string(), e: z.string(), p: z.unknown() }),
  z.object({ r: z.string(), id: z.int() }),
]);
type Wire = z.infer<typeof WireSchema>;

/**
 * Every event emitted on this replica's EventBus goes out with `pg_notify`; events of other replicas come in and are
 * delivered to this bus's listeners (never sent out again). Both directions keep their order: sending and delivering
 * run one at a time.
 */
export class PgEventRelay {
  readonly replicaId: string;
  #listener: PgListener | undefined;
  #unsubscribe: () => void = () => undefined;
  #outgoing: Promise<void> = Promise.resolve();
  #incoming: Promise<void> = Promise.resolve();
  #pending = 0;
  #lastPrune = 0;

  private constructor(private readonly options: PgEventRelayOptions) {
    this.replicaId = options.replicaId ?? randomUUID();
  }

  /** Creates `cluster_events` if missing, starts listening and relaying. */
  static async start(options: PgEventRelayOptions): Promise<PgEventRelay> {
    await ensurePgSchema(options.pool, SCHEMA);
    const relay = new PgEventRelay(options);
    relay.#listener = await PgListener.start({
      pool: options.pool,
      channel: EVENTS_CHANNEL,
      logger: options.logger,
      onNotification: (payload) => relay.#receive(payload),
      ...(options.minBackoffMs === undefined ? {} : { minBackoffMs: options.minBackoffMs }),
      ...(options.maxBackoffMs === undefined ? {} : { maxBackoffMs: options.maxBackoffMs }),
    });
    relay.#unsubscribe = options.bus.onEmitted((event, payload) => relay.#publish(event, payload));
    return relay;
  }

  /** Stops relaying; events already queued are still sent. */
  async dispose(): Promise<void> {
    this.#unsubscribe();
    await this.#outgoing;
    await this.#listener?.dispose();
    await this.#incoming;
  }

  #publish(event: string, payload: unknown): void {
    if (this.#pending >= (this.options.maxPending ?? 10_000)) {
      this.options.logger.warn({ event }, 'dropped an event for other replicas: too many are waiting to be sent');
      return;
    }
    this.#pending++;
    this.#outgoing = this.#outgoing
      .then(() => this.#send(event, payload))
      .catch((error: unknown) =>
        this.options.logger.warn({ err: error, event }, 'could not send an event to other replicas'),
      )
      .finally(() => this.#pending--);
  }

  async #send(event: string, payload: unknown): Promise<void> {
    const wire = JSON.stringify({ r: this.replicaId, e: event, p: payload } satisfies Wire);
    const { pool } = this.options;
    if (Buffer.byteLength(wire) < INLINE_LIMIT) {
      await pool.query('SELECT pg_notify($1, $2)', [EVENTS_CHANNEL, wire]);
      return;
    }
    // One statement: the row is committed by the time the notification is delivered.
    await pool.query(
      `WITH stored AS (INSERT INTO cluster_events (replica, event, payload) VALUES ($1, $2, $3) RETURNING id)
       SELECT pg_notify($4, json_build_object('r', $1::text, 'id', id)::text) FROM stored`,
      [this.replicaId, event, JSON.stringify(payload), EVENTS_CHANNEL],
    );
    await this.#prune();
  }

  async #prune(): Promise<void> {
    const now = Date.now();
    if (now - this.#lastPrune < 60_000) return;
    this.#lastPrune = now;
    const keep = this.options.keepLargeMs ?? 10 * 60_000;
    await this.options.pool.query(
      `DELETE FROM cluster_events WHERE created_at < now() - $1 * interval '1 millisecond'`,
      [keep],
    );
  }

  #receive(text: string): void {
    let wire: Wire;
    try {
      wire = WireSchema.parse(JSON.parse(text));
    } catch {
      this.options.logger.warn("ignored a cluster event notification that is not one of Hearth's");
      return;
    }
    if (wire.r === this.replicaId) return;
    this.#incoming = this.#incoming
      .then(async () => {
        if ('id' in wire) {
          const { rows } = await this.options.pool.query<{ event: string; payload: string }>(
            'SELECT event, payload FROM cluster_events WHERE id = $1',
            [wire.id],
          );
          const row = rows[0];
          if (!row) throw new Error(`cluster event ${wire.id} is gone (pruned before it was read)`);
          this.options.bus.deliver(row.event, JSON.parse(row.payload));
        } else {
          this.options.bus.deliver(wire.e, wire.p);
        }
      })
      .catch((error: unknown) =>
        this.options.logger.warn({ err: error, from: wire.r }, 'could not deliver an event from another replica'),
      );
  }
}
