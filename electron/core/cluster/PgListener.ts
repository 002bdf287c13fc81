import pg from 'pg';
import type { Logger } from 'pino';
import { HearthError } from '../../shared/errors';

/** Options for a dedicated LISTEN connection. */
export interface PgListenerOptions {
  /** Its connection settings (address, password callback) are used for a client of its own, outside the pool. */
  pool: pg.Pool;
  /** The channel to LISTEN on: lowercase letters, digits and underscores. */
  channel: string;
  /** Told every notification's payload, in the order PostgreSQL sends them. */
  onNotification: (payload: string) => void;
  logger: Pick<Logger, 'warn' | 'info'>;
  /** First wait before reconnecting after the connection drops; doubles with every failed try. Default 250. */
  minBackoffMs?: number;
  /** Longest wait between tries. Default 30000. */
  maxBackoffMs?: number;
}

const CHANNEL = /^[a-z_][a-z0-9_]{0,62}$/;

/**
 * One connection that LISTENs on a channel and comes back after it drops (a server restart, a terminated backend),
 * with exponential backoff. Its own client rather than one of the pool's: it is held for the process's life and
 * must not take a slot that queries need. Notifications sent while it is down are lost, as NOTIFY's are.
 */
export class PgListener {
  #client: pg.Client | undefined;
  #timer: NodeJS.Timeout | undefined;
  #failures = 0;
  #disposed = false;

  private constructor(private readonly options: PgListenerOptions) {}

  /** Connects and LISTENs; a server that cannot be reached now fails the start (later drops are retried). */
  static async start(options: PgListenerOptions): Promise<PgListener> {
    if (!CHANNEL.test(options.channel)) {
      throw new HearthError('INVALID_INPUT', `"${options.channel}" is not a usable NOTIFY channel name.`);
    }
    const listener = new PgListener(options);
    await listener.#connect();
    return listener;
  }

  /** Whether the LISTEN connection is up now. */
  get connected(): boolean {
    return this.#client !== undefined;
  }

  async dispose(): Promise<void> {
    this.#disposed = true;
    clearTimeout(this.#timer);
    const client = this.#client;
    this.#client = undefined;
    await client?.end().catch(() => undefined);
  }

  async #connect(): Promise<void> {
    const client = new pg.Client(this.options.pool.options);
    // Drops before LISTEN has run are the caller's to handle (the connect below throws); later ones are retried here.
    let ready = false;
    let lost = false;
    const onLost = (error?: Error) => {
      if (lost) return;
      lost = true;
      if (!ready) return;
      if (this.#client === client) this.#client = undefined;
      client.end().catch(() => undefined);
      if (this.#disposed) return;
      this.options.logger.warn(
        { err: error, channel: this.options.channel },
        'lost the PostgreSQL LISTEN connection; reconnecting',
      );
      this.#schedule();
    };
    // Kept for the client's whole life: an 'error' with no listener would crash the process.
    client.on('error', onLost);
    client.on('end', () => onLost());
    client.on('notification', (message) => {
      if (message.channel === this.options.channel && message.payload !== undefined) {
        this.options.onNotification(message.payload);
      }
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${this.options.channel}`);
      if (lost) throw new Error('the connection ended as LISTEN ran');
    } catch (error) {
      lost = true;
      await client.end().catch(() => undefined);
      throw error;
    }
    ready = true;
    if (this.#disposed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.#client = client;
  }

  #schedule(): void {
    const min = this.options.minBackoffMs ?? 250;
    const delay = Math.min(min * 2 ** this.#failures, this.options.maxBackoffMs ?? 30_000);
    this.#timer = setTimeout(() => {
      this.#connect().then(
        () => {
          if (this.#disposed) return;
          this.options.logger.info(
            { channel: this.options.channel, tries: this.#failures + 1 },
            'the PostgreSQL LISTEN connection is back',
          );
          this.#failures = 0;
        },
        (error: unknown) => {
          if (this.#disposed) return;
          this.#failures++;
          this.options.logger.warn(
            { err: error, channel: this.options.channel, tries: this.#failures },
            'could not reconnect the PostgreSQL LISTEN connection; trying again',
          );
          this.#schedule();
        },
      );
    }, delay);
    this.#timer.unref();
  }
}
