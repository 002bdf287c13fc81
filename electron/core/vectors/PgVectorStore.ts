import type pg from 'pg';
import { escapeIdentifier } from 'pg';
import pgvector from 'pgvector/pg';
import { HearthError } from '../../shared/errors';
import { createPgPool, type PgPoolOptions } from './createPgPool';
import { INDEX_NAME_PATTERN, indexName } from './indexName';
import { prepareChunks } from './prepareChunks';
import { prepareQuery } from './prepareQuery';
import type { IndexKey, MetadataValue, QueryOptions, VectorChunk, VectorMatch, VectorStore } from './VectorStore';

/** Options for a pgvector-backed index: either a connection (url + password) or a shared pool. */
export interface PgVectorStoreOptions extends Partial<Omit<PgPoolOptions, 'url'>> {
  /** The index to open; open() creates its table if missing. */
  key: IndexKey;
  /** Connection URL from settings (no password in it); ignored when `pool` is given. */
  url?: string;
  /** A pool shared with other indexes on the same database; dispose() leaves it open. */
  pool?: pg.Pool;
  /** Rows per INSERT statement. Default 500. */
  batchSize?: number;
  /** HNSW candidate list size at query time (pgvector's hnsw.ef_search). Default 100. */
  efSearch?: number;
}

/** pgvector's HNSW indexes `vector` columns of up to 2,000 dimensions; larger indexes are searched exactly. */
const HNSW_MAX_DIMENSIONS = 2_000;

/** Connections already set up (vector type parser, search settings); pooled clients are reused, so once each. */
const preparedClients = new WeakMap<pg.PoolClient, number>();

/**
 * A VectorStore in PostgreSQL with pgvector: a table per index with a `vector(d)` column and an HNSW index on cosine
 * distance. Every value reaches SQL as a parameter; the only identifiers spliced in are index names, which
 * indexName builds from [a-z0-9_] and which are quoted anyway.
 */
export class PgVectorStore implements VectorStore {
  readonly key: IndexKey;
  readonly name: string;
  readonly #pool: pg.Pool;
  readonly #ownsPool: boolean;
  readonly #table: string;
  readonly #batchSize: number;
  readonly #efSearch: number;
  #ready: Promise<void> | undefined;
  #disposed = false;

  private constructor(options: PgVectorStoreOptions) {
    this.key = { ...options.key };
    this.name = indexName(this.key);
    if (!INDEX_NAME_PATTERN.test(this.name)) throw new HearthError('INTERNAL', `Bad index name ${this.name}.`);
    this.#table = escapeIdentifier(this.name);
    this.#batchSize = Math.max(1, Math.floor(options.batchSize ?? 500));
    this.#efSearch = Math.max(10, Math.min(1_000, Math.floor(options.efSearch ?? 100)));
    if (options.pool) {
      this.#pool = options.pool;
      this.#ownsPool = false;
    } else {
      if (!options.url) throw new HearthError('INVALID_INPUT', 'No PostgreSQL address is set.');
      this.#pool = createPgPool({ ...options, url: options.url });
      this.#ownsPool = true;
    }
  }

  /** Connects and creates the index's table if needed; REMOTE_UNAVAILABLE if PostgreSQL cannot be reached. */
  static async open(options: PgVectorStoreOptions): Promise<PgVectorStore> {
    const store = new PgVectorStore(options);
    try {
      await store.#run(() => Promise.resolve());
    } catch (error) {
      await store.dispose();
      throw error;
    }
    return store;
  }

  async upsert(chunks: readonly VectorChunk[]): Promise<void> {
    this.#assertOpen();
    const prepared = prepareChunks(this.key, chunks);
    const t = this.#table;
    const sql =
      `INSERT INTO ${t} (id, document_id, collection, text, metadata, embedding) ` +
      `SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::jsonb[], $6::vector[]) ` +
      `ON CONFLICT (id) DO UPDATE SET document_id = EXCLUDED.document_id, collection = EXCLUDED.collection, ` +
      `text = EXCLUDED.text, metadata = EXCLUDED.metadata, embedding = EXCLUDED.embedding`;
    for (let start = 0; start < prepared.length; start += this.#batchSize) {
      const batch = prepared.slice(start, start + this.#batchSize);
      const params = [
        batch.map((c) => c.id),
        batch.map((c) => c.documentId),
        batch.map((c) => c.collection ?? null),
        batch.map((c) => c.text ?? null),
        batch.map((c) => JSON.stringify(c.metadata)),
        batch.map((c) => pgvector.toSql(c.vector) as string),
      ];
      await this.#run((client) => client.query(sql, params));
    }
  }

  async deleteByDocument(documentId: string): Promise<void> {
    this.#assertOpen();
    if (typeof documentId !== 'string' || documentId === '') {
      throw new HearthError('INVALID_INPUT', 'deleteByDocument needs a document id.');
    }
    await this.#run((client) => client.query(`DELETE FROM ${this.#table} WHERE document_id = $1`, [documentId]));
  }

  async query(vector: Float32Array | number[], options: QueryOptions): Promise<VectorMatch[]> {
    this.#assertOpen();
    const query = prepareQuery(this.key, vector, options);
    if (query.matchesNothing) return [];
    const params: unknown[] = [pgvector.toSql(query.vector), query.topK];
    const conditions = query.clauses.map((clause) => {
      if (clause.field === 'documentId') {
        params.push(clause.values);
        return `document_id = ANY($${params.length}::text[])`;
      }
      if (clause.field === 'collection') {
        params.push(clause.values);
        return `collection = ANY($${params.length}::text[])`;
      }
      params.push(
        clause.key,
        clause.values.map((v) => JSON.stringify(v)),
      );
      return `metadata -> $${params.length - 1}::text = ANY($${params.length}::jsonb[])`;
    });
    const where = conditions.length ? `WHERE ${conditions.join(' AND ')}` : '';
    // pgvector's iterative scan may return rows slightly out of order; the outer ORDER BY restores it.
    const sql =
      `WITH ranked AS MATERIALIZED (SELECT id, document_id, text, metadata, embedding <=> $1::vector AS distance ` +
      `FROM ${this.#table} ${where} ORDER BY embedding <=> $1::vector LIMIT $2) ` +
      `SELECT * FROM ranked ORDER BY distance`;
    const result = await this.#run((client) =>
      client.query<{
        id: string;
        document_id: string;
        text: string | null;
        metadata: Record<string, MetadataValue>;
        distance: number;
      }>(sql, params),
    );
    return result.rows.map((row) => {
      const match: VectorMatch = {
        id: row.id,
        documentId: row.document_id,
        score: 1 - Number(row.distance),
        metadata: row.metadata,
      };
      if (row.text !== null) match.text = row.text;
      return match;
    });
  }

  async page(offset: number, limit: number): Promise<VectorChunk[]> {
    this.#assertOpen();
    const result = await this.#run((client) =>
      client.query<{
        id: string;
        document_id: string;
        collection: string | null;
        text: string | null;
        metadata: Record<string, MetadataValue>;
        embedding: string;
      }>(
        `SELECT id, document_id, collection, text, metadata, embedding::text AS embedding FROM ${this.#table} ` +
          `ORDER BY id OFFSET $1 LIMIT $2`,
        [offset, limit],
      ),
    );
    return result.rows.map((row) => {
      const metadata = { ...row.metadata };
      if (row.collection !== null && metadata['collection'] === undefined) metadata['collection'] = row.collection;
      const chunk: VectorChunk = {
        id: row.id,
        documentId: row.document_id,
        // pgvector prints a vector as a JSON array: `[0.1,0.2,…]`.
        vector: JSON.parse(row.embedding) as number[],
        metadata,
      };
      if (row.text !== null) chunk.text = row.text;
      return chunk;
    });
  }

  async count(): Promise<number> {
    this.#assertOpen();
    const result = await this.#run((client) =>
      client.query<{ n: string }>(`SELECT count(*)::bigint AS n FROM ${this.#table}`),
    );
    return Number(result.rows[0]?.n ?? 0);
  }

  async drop(): Promise<void> {
    this.#assertOpen();
    this.#ready = undefined;
    await this.#withClient((client) => client.query(`DROP TABLE IF EXISTS ${this.#table}`));
  }

  async dispose(): Promise<void> {
    if (this.#disposed) return;
    this.#disposed = true;
    if (this.#ownsPool) await this.#pool.end();
  }

  /**
   * Runs an operation once the table exists. An "undefined table" error means another store dropped it meanwhile:
   * create it again and retry once.
   */
  async #run<T>(operation: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.#ensureTable();
        return await this.#withClient(operation);
      } catch (error) {
        if (sqlState(error) === '42P01' && attempt === 1) {
          this.#ready = undefined;
          continue;
        }
        throw error;
      }
    }
  }

  #ensureTable(): Promise<void> {
    if (!this.#ready) {
      const t = this.#table;
      const statements = [
        `CREATE TABLE IF NOT EXISTS ${t} (id text PRIMARY KEY, document_id text NOT NULL, collection text, ` +
          `text text, metadata jsonb NOT NULL DEFAULT '{}', embedding vector(${this.key.dimensions}) NOT NULL)`,
        `CREATE INDEX IF NOT EXISTS ${escapeIdentifier(`${this.name}_doc`)} ON ${t} (document_id)`,
        `CREATE INDEX IF NOT EXISTS ${escapeIdentifier(`${this.name}_col`)} ON ${t} (collection)`,
      ];
      if (this.key.dimensions <= HNSW_MAX_DIMENSIONS) {
        statements.push(
          `CREATE INDEX IF NOT EXISTS ${escapeIdentifier(`${this.name}_hnsw`)} ON ${t} ` +
            `USING hnsw (embedding vector_cosine_ops)`,
        );
      }
      const pending = this.#withClient(async (client) => {
        for (const statement of statements) await ignoreCreateRace(client.query(statement));
      });
      pending.catch(() => {
        if (this.#ready === pending) this.#ready = undefined;
      });
      this.#ready = pending;
    }
    return this.#ready;
  }

  /** Checks out a connection, sets it up on first use, and maps every failure to a HearthError. */
  async #withClient<T>(operation: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.#pool.connect();
    } catch (error) {
      throw toHearthError(error, this.name);
    }
    let broken = false;
    // Between queries a dying socket is reported as an 'error' event, which would be uncaught without a listener.
    const onError = (): void => {
      broken = true;
    };
    client.on('error', onError);
    try {
      if (preparedClients.get(client) !== this.#efSearch) {
        await prepareClient(client, this.#efSearch);
        preparedClients.set(client, this.#efSearch);
      }
      return await operation(client);
    } catch (error) {
      broken = isConnectionError(error);
      throw toHearthError(error, this.name);
    } finally {
      client.off('error', onError);
      // A connection that failed at the socket level must not go back into the pool.
      client.release(broken || undefined);
    }
  }

  #assertOpen(): void {
    if (this.#disposed) throw new HearthError('INTERNAL', `Vector index ${this.name} was used after dispose().`);
  }
}

/** Makes sure pgvector exists, teaches this connection the vector type, and sets its search parameters. */
async function prepareClient(client: pg.PoolClient, efSearch: number): Promise<void> {
  try {
    await ignoreCreateRace(client.query('CREATE EXTENSION IF NOT EXISTS vector'));
  } catch (error) {
    const state = sqlState(error);
    if (state === '42501' || state === '58P01' || state === '0A000') {
      throw new HearthError(
        'REMOTE_UNAVAILABLE',
        state === '42501'
          ? 'The pgvector extension is not enabled in this PostgreSQL database, and Hearth may not enable it. ' +
              'Ask its administrator to run CREATE EXTENSION vector.'
          : 'This PostgreSQL server does not have the pgvector extension installed.',
        { reason: 'pgvector-missing' },
        { cause: error },
      );
    }
    throw error;
  }
  await pgvector.registerTypes(client);
  // SET takes no bind parameters; efSearch is an integer the constructor clamped, never caller text.
  await client.query(`SET hnsw.ef_search = ${Number(efSearch)}`);
  try {
    // pgvector ≥ 0.8: keep scanning the graph until enough rows pass the filter, so filtered queries still fill topK.
    await client.query('SET hnsw.iterative_scan = relaxed_order');
  } catch {
    // Older pgvector: filtered queries may return fewer than topK rows; nothing else to do.
  }
}

/** Two stores creating the same table or extension at once: the loser's duplicate error means "already there". */
async function ignoreCreateRace(query: Promise<unknown>): Promise<void> {
  try {
    await query;
  } catch (error) {
    const state = sqlState(error);
    if (state !== '23505' && state !== '42P07' && state !== '42710') throw error;
  }
}

function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
]);

function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  const state = sqlState(error);
  return (
    (typeof code === 'string' && NETWORK_CODES.has(code)) ||
    (state !== undefined && (state.startsWith('08') || state === '57P01' || state === '57P02' || state === '57P03')) ||
    /timeout exceeded when trying to connect|Connection terminated|connection timeout/i.test(error.message)
  );
}

function toHearthError(error: unknown, index: string): HearthError {
  if (error instanceof HearthError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const state = sqlState(error);
  if (isConnectionError(error) || state === '53300') {
    return new HearthError(
      'REMOTE_UNAVAILABLE',
      `PostgreSQL is not reachable: ${message}`,
      { index },
      { cause: error },
    );
  }
  if (state === '28P01' || state === '28000') {
    return new HearthError(
      'REMOTE_UNAVAILABLE',
      'PostgreSQL refused the user name or password. Check the address in Settings and the saved password.',
      { index },
      { cause: error },
    );
  }
  if (state === '3D000') {
    return new HearthError(
      'REMOTE_UNAVAILABLE',
      `PostgreSQL has no such database: ${message}`,
      { index },
      { cause: error },
    );
  }
  if (state?.startsWith('22')) {
    return new HearthError('INVALID_INPUT', `PostgreSQL refused the data: ${message}`, { index }, { cause: error });
  }
  return new HearthError('INTERNAL', `PostgreSQL failed on ${index}: ${message}`, { index }, { cause: error });
}
