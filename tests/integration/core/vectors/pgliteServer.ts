import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';

/**
 * PostgreSQL for tests: PGlite (Postgres compiled to WASM) with pgvector, served over the Postgres wire protocol on
 * 127.0.0.1 so the production `pg` client path runs unchanged. It is one single-threaded session behind a queue:
 * give clients one connection each and do not lean on transactions spanning connections.
 */
export interface PgliteServer {
  /** postgres://postgres@127.0.0.1:<port>/postgres — no password: PGlite trusts every connection. */
  url: string;
  db: PGlite;
  stop(): Promise<void>;
}

export async function startPglite(): Promise<PgliteServer> {
  const db = await PGlite.create({ extensions: { vector } });
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 16 });
  await server.start();
  return {
    url: `postgres://postgres@${server.getServerConn()}/postgres`,
    db,
    stop: async () => {
      await server.stop();
      await db.close();
    },
  };
}
