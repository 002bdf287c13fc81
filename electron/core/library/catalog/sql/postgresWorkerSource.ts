/**
 * The worker thread behind PostgresDatabase, as source text: it runs from a string (`eval`), so the app and the
 * headless bundle need no extra worker file. It owns one pg client; each request's reply is posted on the port and
 * the shared flag is raised, which wakes the core thread waiting in Atomics.wait.
 */
export const POSTGRES_WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const pg = require(workerData.pgPath);
const { port, flag, config, setup } = workerData;

// int8 and numeric as numbers (counts, sizes and epoch milliseconds fit), as node:sqlite returns them.
const toNumber = (v) => { const n = Number(v); return Number.isSafeInteger(n) || !/^-?[0-9]+$/.test(v) ? n : BigInt(v); };
pg.types.setTypeParser(20, toNumber);
pg.types.setTypeParser(1700, (v) => Number(v));

let client;
// The client a transaction was begun on: if the connection is replaced meanwhile, the server rolled the transaction
// back, and nothing may run on the new connection as if it were still open (that would keep half of it).
let tx;
const verbOf = (sql) => { const m = /^\\s*(\\w+)(\\s+TO\\b)?/i.exec(sql); return m && !m[2] ? m[1].toUpperCase() : undefined; };

async function connected() {
  if (client) return client;
  const next = new pg.Client(config);
  next.on('error', () => { if (client === next) client = undefined; });
  await next.connect();
  for (const sql of setup) await next.query(sql);
  client = next;
  return client;
}

const value = (v) => (ArrayBuffer.isView(v) ? Buffer.from(v.buffer, v.byteOffset, v.byteLength) : typeof v === 'bigint' ? v.toString() : v);

async function handle(request) {
  if (request.type === 'end') {
    const c = client;
    client = undefined;
    if (c) await c.end().catch(() => undefined);
    return { ok: true };
  }
  const verb = request.type === 'exec' ? verbOf(request.sql) : undefined;
  if (tx && tx !== client) {
    if (verb === 'ROLLBACK') {
      tx = undefined;
      return { ok: true };
    }
    throw Object.assign(new Error('The connection to PostgreSQL was lost inside a transaction; none of it was kept.'), { code: '08006' });
  }
  const c = await connected();
  if (request.type === 'connect') return { ok: true };
  if (request.type === 'exec') {
    try {
      await c.query(request.sql);
    } finally {
      // A failed COMMIT ends the transaction too.
      if (verb === 'COMMIT' || verb === 'ROLLBACK' || verb === 'END') tx = undefined;
    }
    if (verb === 'BEGIN' || verb === 'START') tx = c;
    return { ok: true };
  }
  const query = { text: request.sql, values: request.params.map(value) };
  // Named statements are parsed once per connection: the catalogue repeats a few hundred distinct statements.
  if (request.name) query.name = request.name;
  const result = await c.query(query);
  return { ok: true, rows: result.rows, changes: result.rowCount ?? 0 };
}

function reply(id, message) {
  port.postMessage({ id, ...message });
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
}

port.on('message', (request) => {
  handle(request).then(
    (message) => reply(request.id, message),
    (error) => {
      if (client && !client._connected) client = undefined;
      reply(request.id, {
        ok: false,
        error: { message: String(error && error.message || error), code: error && error.code, detail: error && error.detail },
      });
    },
  );
});
`;
