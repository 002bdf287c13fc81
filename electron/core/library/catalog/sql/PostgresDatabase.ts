import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { MessageChannel, type MessagePort, receiveMessageOnPort, Worker } from 'node:worker_threads';
import type { ClientConfig } from 'pg';
import { POSTGRES_WORKER_SOURCE } from './postgresWorkerSource';
import type { SqlDatabase, SqlRow, SqlRunResult, SqlStatement, SqlValue } from './SqlDatabase';
import { toPostgresSql } from './toPostgresSql';

/** Options for `PostgresDatabase.open`. */
export interface PostgresDatabaseOptions {
  /** pg connection settings (host, port, user, database, password, ssl…), as createPgPool derives them. */
  connection: ClientConfig;
  /** The schema the catalogue lives in (created if missing): one PostgreSQL database can hold several libraries. */
  schema?: string;
  /** Longest a statement may run before PostgreSQL cancels it and the catalogue reports TIMEOUT. Default 30000. */
  statementTimeoutMs?: number;
  /** Longest a connection attempt may take. Default 10000. */
  connectTimeoutMs?: number;
}

/** A failure PostgreSQL reported, with its SQLSTATE (see toHearthError). */
export class PostgresError extends Error {
  constructor(
    message: string,
    readonly sqlState: string | undefined,
    readonly detail?: string,
  ) {
    super(message);
    this.name = 'PostgresError';
  }
}

/** Lock key for creating a schema (any stable bigint; migrations take their own). */
const SCHEMA_LOCK = 0x486561727453;

interface Reply {
  id: number;
  ok: boolean;
  rows?: SqlRow[];
  changes?: number;
  error?: { message: string; code?: string; detail?: string };
}

/**
 * PostgreSQL behind the catalogue's synchronous SqlDatabase. A worker thread owns one pg connection; the calling
 * thread posts a request and blocks in Atomics.wait until the reply is there — the way node:sqlite blocks on its
 * file. That keeps every catalogue caller (and the "read, then write what depends on it" sequences inside one
 * process) unchanged; what replicas must agree on is decided in SQL (row locks, SKIP LOCKED, unique keys).
 * The cost is one loopback round trip per statement, measured by `npm run bench -- catalog`.
 */
export class PostgresDatabase implements SqlDatabase {
  readonly dialect = 'postgres' as const;
  readonly schema: string;
  #open = true;
  #transaction = false;
  #nextId = 1;
  readonly #worker: Worker;
  readonly #port: MessagePort;
  readonly #flag: Int32Array;
  readonly #waitMs: number;
  readonly #statements = new Map<string, { text: string; name: string }>();

  private constructor(options: PostgresDatabaseOptions) {
    this.schema = options.schema ?? 'hearth';
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(this.schema)) throw new Error(`Invalid catalogue schema name: ${this.schema}`);
    const statementTimeoutMs = Math.max(1, Math.floor(options.statementTimeoutMs ?? 30_000));
    this.#waitMs = statementTimeoutMs + 5_000;
    const { port1, port2 } = new MessageChannel();
    this.#port = port1;
    this.#flag = new Int32Array(new SharedArrayBuffer(4));
    const setup = [
      `SET statement_timeout = ${statementTimeoutMs}`,
      // A lock wait is a statement too, but say so separately: a stuck replica must not hold others forever.
      `SET lock_timeout = ${statementTimeoutMs}`,
      // One string is one implicit transaction, so the lock holds until the schema exists: two replicas creating
      // it at once would otherwise both try, and one fail on the catalog's unique name.
      `SELECT pg_advisory_xact_lock(${SCHEMA_LOCK}); CREATE SCHEMA IF NOT EXISTS ${this.schema}`,
      `SET search_path TO ${this.schema}`,
      // Catalogue statements are short; JIT compiling one that the planner guesses costly (a ranked keyword search
      // over CTEs) took 40 ms for a 10 ms query.
      'SET jit = off',
    ];
    const config: ClientConfig = {
      ...options.connection,
      connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
      application_name: 'hearth-catalogue',
    };
    this.#worker = new Worker(POSTGRES_WORKER_SOURCE, {
      eval: true,
      workerData: {
        pgPath: createRequire(import.meta.url).resolve('pg'),
        port: port2,
        flag: this.#flag,
        config,
        setup,
      },
      transferList: [port2],
    });
    // The catalogue's dispose() ends it; a forgotten one must not keep the process alive.
    this.#worker.unref();
  }

  /** Connects (synchronously) and returns the database; a refused or slow connection throws PostgresError. */
  static open(options: PostgresDatabaseOptions): PostgresDatabase {
    const db = new PostgresDatabase(options);
    try {
      db.#request({ type: 'connect' });
    } catch (error) {
      db.close();
      throw error;
    }
    return db;
  }

  get isOpen(): boolean {
    return this.#open;
  }

  get isTransaction(): boolean {
    return this.#transaction;
  }

  prepare(sql: string): SqlStatement {
    let statement = this.#statements.get(sql);
    if (!statement) {
      const text = toPostgresSql(sql);
      statement = { text, name: `h_${createHash('sha1').update(text).digest('hex').slice(0, 20)}` };
      this.#statements.set(sql, statement);
    }
    const { text, name } = statement;
    const query = (params: SqlValue[]) => this.#request({ type: 'query', sql: text, name, params });
    return {
      get: (...params: SqlValue[]): SqlRow | undefined => query(params).rows?.[0],
      all: (...params: SqlValue[]): SqlRow[] => query(params).rows ?? [],
      run: (...params: SqlValue[]): SqlRunResult => ({ changes: query(params).changes ?? 0 }),
    };
  }

  exec(sql: string): void {
    const verb = /^\s*(\w+)(\s+TO\b)?/i.exec(sql);
    const word = verb?.[1]?.toUpperCase();
    try {
      this.#request({ type: 'exec', sql });
      if (word === 'BEGIN' || word === 'START') this.#transaction = true;
      if ((word === 'COMMIT' || word === 'END' || word === 'ROLLBACK') && !verb?.[2]) this.#transaction = false;
    } catch (error) {
      // A failed COMMIT ends the transaction on the server too.
      if (word === 'COMMIT' || word === 'ROLLBACK') this.#transaction = false;
      throw error;
    }
  }

  close(): void {
    if (!this.#open) return;
    this.#open = false;
    try {
      this.#request({ type: 'end' }, 5_000);
    } catch {
      // Ending a broken connection fails; the worker goes anyway.
    }
    void this.#worker.terminate();
  }

  #request(request: Record<string, unknown>, waitMs = this.#waitMs): Reply {
    if (!this.#open && request['type'] !== 'end')
      throw new PostgresError('The catalogue connection is closed.', '08003');
    const id = this.#nextId++;
    Atomics.store(this.#flag, 0, 0);
    this.#port.postMessage({ ...request, id });
    const deadline = Date.now() + waitMs;
    for (;;) {
      const left = deadline - Date.now();
      if (left <= 0 || Atomics.wait(this.#flag, 0, 0, left) === 'timed-out') {
        throw new PostgresError('PostgreSQL did not answer in time.', '57014');
      }
      Atomics.store(this.#flag, 0, 0);
      // Replies to requests that timed out earlier are dropped: each request waits for its own id.
      for (let message = receiveMessageOnPort(this.#port); message; message = receiveMessageOnPort(this.#port)) {
        const reply = message.message as Reply;
        if (reply.id !== id) continue;
        if (!reply.ok)
          throw new PostgresError(reply.error?.message ?? 'PostgreSQL failed.', reply.error?.code, reply.error?.detail);
        return reply;
      }
    }
  }
}
