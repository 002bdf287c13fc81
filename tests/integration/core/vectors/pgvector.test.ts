import { createServer } from 'node:net';
import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPgPool } from '../../../../electron/core/vectors/createPgPool';
import { PgVectorStore } from '../../../../electron/core/vectors/PgVectorStore';
import { HearthError } from '../../../../electron/shared/errors';
import { startPasswordGate } from './passwordGate';
import { startPglite, type PgliteServer } from './pgliteServer';
import { randomVectors } from './randomVectors';
import { describeVectorStore } from './vectorStoreSuite';

let server: PgliteServer;
let pool: pg.Pool;

beforeAll(async () => {
  server = await startPglite();
  // One connection: PGlite runs one session, so a single client keeps statements strictly ordered.
  pool = createPgPool({ url: server.url, maxConnections: 1 });
}, 120_000);

afterAll(async () => {
  await pool?.end();
  await server?.stop();
});

describeVectorStore('pgvector (PGlite over the wire, pg client)', (key) => PgVectorStore.open({ key, pool }));

describe('PgVectorStore', () => {
  it('connects from a settings URL, sending the password from the keychain callback when the server asks', async () => {
    const gate = await startPasswordGate(Number(new URL(server.url).port), 'from-keychain');
    try {
      let asked = 0;
      const store = await PgVectorStore.open({
        url: gate.url,
        password: async () => {
          asked++;
          return 'from-keychain';
        },
        maxConnections: 1,
        key: { model: 'url-path', version: 1, dimensions: 3 },
      });
      await store.upsert([{ id: 'a', documentId: 'd', vector: [1, 2, 3], metadata: {} }]);
      expect(await store.count()).toBe(1);
      await store.drop();
      await store.dispose();
      expect(asked).toBeGreaterThan(0);
      expect(gate.seen).toContain('from-keychain');
    } finally {
      await gate.close();
    }
  });

  it('a wrong password is refused with words for a person and without the password in them', async () => {
    const gate = await startPasswordGate(Number(new URL(server.url).port), 'right-one');
    try {
      const error = await PgVectorStore.open({
        url: gate.url,
        password: async () => 'wrong-secret-pw',
        maxConnections: 1,
        key: { model: 'refused', version: 1, dimensions: 3 },
      }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(HearthError);
      expect(gate.seen).toEqual(['wrong-secret-pw']);
      expect((error as HearthError).message).toMatch(/password/i);
      expect((error as HearthError).message).not.toContain('wrong-secret-pw');
      if (process.env.HEARTH_TEST_PRINT) console.log((error as HearthError).code, (error as HearthError).message);
    } finally {
      await gate.close();
    }
  });

  it('creates a vector(d) table with an HNSW cosine index', async () => {
    const store = await PgVectorStore.open({ key: { model: 'shape', version: 3, dimensions: 5 }, pool });
    const columns = await pool.query(
      `SELECT format_type(atttypid, atttypmod) AS type FROM pg_attribute WHERE attrelid = $1::regclass AND attname = 'embedding'`,
      [store.name],
    );
    expect(columns.rows).toEqual([{ type: 'vector(5)' }]);
    const indexes = await pool.query<{ indexdef: string }>('SELECT indexdef FROM pg_indexes WHERE tablename = $1', [
      store.name,
    ]);
    expect(indexes.rows.map((r) => r.indexdef).join('\n')).toMatch(/USING hnsw \(embedding vector_cosine_ops\)/);
    await store.drop();
    await store.dispose();
  });

  it('passes filter keys and values as parameters, so SQL in them is just data', async () => {
    const store = await PgVectorStore.open({ key: { model: 'inject', version: 1, dimensions: 4 }, pool });
    const evilKey = `x' = '1' OR 1=1); DROP TABLE "${store.name}"; --`;
    const [v] = randomVectors(1, 4, 1);
    await store.upsert([
      { id: 'a', documentId: "d'); DROP TABLE x; --", vector: v!, metadata: { [evilKey]: 'yes' } },
      { id: 'b', documentId: 'plain', vector: v!, metadata: { [evilKey]: 'no' } },
    ]);
    const hits = await store.query(v!, { topK: 5, filter: { [evilKey]: 'yes' } });
    expect(hits.map((h) => [h.id, h.documentId])).toEqual([['a', "d'); DROP TABLE x; --"]]);
    expect(await store.query(v!, { topK: 5, filter: { documentId: "' OR ''='" } })).toEqual([]);
    expect(await store.count()).toBe(2);
    await store.drop();
    await store.dispose();
  });

  it('answers REMOTE_UNAVAILABLE when PostgreSQL cannot be reached', async () => {
    const port = await closedPort();
    const error = await PgVectorStore.open({
      url: `postgres://hearth@127.0.0.1:${port}/hearth`,
      password: async () => 'secret-pw',
      key: { model: 'm', version: 1, dimensions: 3 },
      connectTimeoutMs: 2_000,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HearthError);
    expect((error as HearthError).code).toBe('REMOTE_UNAVAILABLE');
    expect((error as HearthError).message).not.toContain('secret-pw');
  });

  it('refuses a URL with a password in it: settings are a plain file, the password belongs in the keychain', async () => {
    const error = await PgVectorStore.open({
      url: 'postgres://hearth:hunter2@127.0.0.1:5432/hearth',
      key: { model: 'm', version: 1, dimensions: 3 },
    }).catch((e: unknown) => e);
    expect((error as HearthError).code).toBe('INVALID_INPUT');
    expect((error as HearthError).message).not.toContain('hunter2');
  });
});

/** A port nothing listens on: bound, noted, released. */
function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}
