import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { Catalog } from '../../../../../electron/core/library/catalog/Catalog';
import { toHearthError } from '../../../../../electron/core/library/catalog/catalogRows';
import {
  migratePostgresCatalog,
  POSTGRES_CATALOG_SCHEMA_VERSION,
} from '../../../../../electron/core/library/catalog/postgresCatalogSchema';
import { PostgresDatabase } from '../../../../../electron/core/library/catalog/sql/PostgresDatabase';
import { catalogDialect } from '../../../../helpers/catalogBackend';
import { freePort } from '../../../../helpers/postgresServer';
import { repoRoot, waitFor } from '../../../../helpers/tempCore';

const childScript = fileURLToPath(new URL('./catalogOpenChild.ts', import.meta.url));
const tsxLoader = pathToFileURL(join(repoRoot, 'node_modules/tsx/dist/loader.mjs')).href;

/** Everything opened by a test, closed after it. */
const opened: { dispose(): void }[] = [];
afterEach(() => {
  for (const item of opened.splice(0)) item.dispose();
});

const server = () => {
  const s = inject('catalogPostgres');
  if (!s) throw new Error('catalogPostgres is provided only in the catalogue-postgres project');
  return s;
};
const freshSchema = (): string => `t_pg_${randomBytes(8).toString('hex')}`;

function open(schema: string, options: { busyTimeoutMs?: number } = {}): Catalog {
  const catalog = Catalog.open({ dataDir: repoRoot, postgres: { connection: server(), schema }, ...options });
  opened.push(catalog);
  return catalog;
}

function raw(schema: string, statementTimeoutMs?: number): PostgresDatabase {
  const db = PostgresDatabase.open({
    connection: server(),
    schema,
    ...(statementTimeoutMs ? { statementTimeoutMs } : {}),
  });
  opened.push({ dispose: () => db.close() });
  return db;
}

function schemaVersions(schema: string): number[] {
  return raw(schema)
    .prepare('SELECT version FROM catalog_schema ORDER BY version')
    .all()
    .map((r) => Number(r['version']));
}

/** The error `fn` throws, failing the test if it throws none. */
function thrown(fn: () => unknown): Error & { code?: string; details?: Record<string, unknown> } {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a failure');
}

/** Children that each open the catalogue of `schema` when told to, all started and waiting (see catalogOpenChild). */
async function startOpeners(
  schema: string,
  n: number,
): Promise<{ go(): void; done: Promise<{ code: number | null; out: string }[]> }> {
  const children = Array.from({ length: n }, () => {
    const child = spawn(process.execPath, ['--no-warnings', '--import', tsxLoader, childScript, schema], {
      env: { ...process.env, HEARTH_TEST_PG: JSON.stringify(server()) },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let out = '';
    const ready = new Promise<void>((resolve) => {
      child.stdout.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('ready')) resolve();
      });
      child.on('exit', () => resolve());
    });
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const done = new Promise<{ code: number | null; out: string }>((resolve) =>
      child.on('exit', (code) => resolve({ code, out })),
    );
    return { child, ready, done };
  });
  await Promise.all(children.map((c) => c.ready));
  return {
    go: () => children.forEach((c) => c.child.stdin.end('go\n')),
    done: Promise.all(children.map((c) => c.done)),
  };
}

describe.runIf(catalogDialect() === 'postgres')('the catalogue on PostgreSQL', () => {
  it('migrates a fresh schema to the current version once, and a second run changes nothing', () => {
    const schema = freshSchema();
    const db = raw(schema);
    expect(migratePostgresCatalog(db)).toEqual({ from: 0, to: POSTGRES_CATALOG_SCHEMA_VERSION });
    expect(migratePostgresCatalog(db)).toEqual({
      from: POSTGRES_CATALOG_SCHEMA_VERSION,
      to: POSTGRES_CATALOG_SCHEMA_VERSION,
    });
    expect(schemaVersions(schema)).toEqual(Array.from({ length: POSTGRES_CATALOG_SCHEMA_VERSION }, (_, i) => i + 1));
    const catalog = open(schema);
    expect(catalog.dialect).toBe('postgres');
    expect(catalog.path).toMatch(new RegExp(`^postgres://.*#${schema}$`));
    expect(catalog.createDocument({ name: 'a.md' }).version).toBe(1);
  });

  it('lets replicas open the same new schema at the same moment: each succeeds, each step runs once', async () => {
    const schema = freshSchema();
    // Another session is creating the schema and has not committed: every replica's CREATE SCHEMA IF NOT EXISTS
    // queues behind it. Without the lock they would all insert the name once it rolls back, and all but one fail.
    const creator = raw('public');
    const watcher = raw('public');
    creator.exec('BEGIN');
    creator.exec(`CREATE SCHEMA ${schema}`);
    const openers = await startOpeners(schema, 3);
    openers.go();
    const waiting = (): number =>
      Number(
        watcher
          .prepare(
            `SELECT count(*) AS n FROM pg_stat_activity
             WHERE application_name = 'hearth-catalogue' AND wait_event_type = 'Lock'`,
          )
          .get()?.['n'],
      );
    await waitFor('three openers waiting on the schema lock', () => waiting() === 3, 20_000);
    creator.exec('ROLLBACK');
    for (const result of await openers.done) {
      expect(result.out).toContain('opened 0');
      expect(result.code).toBe(0);
    }
    expect(schemaVersions(schema)).toEqual(Array.from({ length: POSTGRES_CATALOG_SCHEMA_VERSION }, (_, i) => i + 1));
  });

  it('refuses a schema written by a newer Hearth with INTERNAL, leaving it untouched', () => {
    const schema = freshSchema();
    open(schema).dispose();
    const newer = POSTGRES_CATALOG_SCHEMA_VERSION + 1;
    raw(schema).prepare('INSERT INTO catalog_schema (version) VALUES (?)').run(newer);
    const error = thrown(() => open(schema));
    expect(error).toMatchObject({ code: 'INTERNAL', details: { databaseVersion: newer } });
    expect(error.message).toMatch(/newer version of Hearth/);
    expect(schemaVersions(schema).at(-1)).toBe(newer);
  });

  it('reports a duplicate as CONFLICT', () => {
    const catalog = open(freshSchema());
    catalog.createDocument({ id: 'same', name: 'a.md' });
    expect(thrown(() => catalog.createDocument({ id: 'same', name: 'b.md' }))).toMatchObject({
      code: 'CONFLICT',
      details: { sqlState: '23505' },
    });
    // A second indexed document with the same content: the partial unique index refuses it too.
    catalog.updateDocument('same', { sha256: 'abc', status: 'indexed' });
    const other = catalog.createDocument({ name: 'c.md', sha256: 'abc' });
    expect(thrown(() => catalog.updateDocument(other.id, { status: 'indexed' }))).toMatchObject({ code: 'CONFLICT' });
    expect(catalog.getDocument('same')?.name).toBe('a.md');
  });

  it('reports a wrong password or a server that is not there as REMOTE_UNAVAILABLE, saying what to check', async () => {
    const schema = freshSchema();
    const wrong = thrown(() =>
      Catalog.open({ dataDir: repoRoot, postgres: { connection: { ...server(), password: 'not-it' }, schema } }),
    );
    expect(wrong).toMatchObject({ code: 'REMOTE_UNAVAILABLE', details: { sqlState: '28P01' } });
    expect(wrong.message).toMatch(/cannot be reached.*password/);
    // A port nothing listens on.
    const port = await freePort();
    const down = thrown(() =>
      Catalog.open({ dataDir: repoRoot, postgres: { connection: { ...server(), port }, schema } }),
    );
    expect(down).toMatchObject({ code: 'REMOTE_UNAVAILABLE' });
    expect(down.message).toMatch(/PostgreSQL server cannot be reached.*running/);
  });

  it('reports a statement cut off by its timeout, or a lock not granted in time, as TIMEOUT', () => {
    const schema = freshSchema();
    const holder = open(schema);
    const waiter = open(schema, { busyTimeoutMs: 300 });
    const doc = holder.createDocument({ name: 'a.md' });
    holder.transaction(() => {
      holder.updateDocument(doc.id, { name: 'held.md' });
      const error = thrown(() => waiter.updateDocument(doc.id, { name: 'blocked.md' }));
      expect(error).toMatchObject({ code: 'TIMEOUT' });
      expect(['55P03', '57014']).toContain(error.details?.['sqlState']);
    });
    expect(waiter.getDocument(doc.id)?.name).toBe('held.md');

    const slow = raw(schema, 200);
    const cancelled = toHearthError(
      thrown(() => slow.prepare('SELECT pg_sleep(5)').get()),
      'sleep',
    );
    expect(cancelled).toMatchObject({ code: 'TIMEOUT', details: { sqlState: '57014' } });
    // The connection survives a cancelled statement.
    expect(slow.prepare('SELECT 1 AS one').get()).toEqual({ one: 1 });
  });

  it("lets two catalogues on one schema see each other's writes", () => {
    const schema = freshSchema();
    const a = open(schema);
    const b = open(schema);
    const doc = a.createDocument({ name: 'shared.md', collection: 'Team' });
    expect(b.getDocument(doc.id)).toMatchObject({ name: 'shared.md', collection: 'Team' });
    b.updateDocument(doc.id, { name: 'renamed.md' });
    b.replaceChunks(doc.id, 1, [{ ordinal: 0, text: 'hello', provenance: {}, tokenCount: 1 }]);
    expect(a.getDocument(doc.id)?.name).toBe('renamed.md');
    expect(a.chunkCount()).toBe(1);
    const input = { kind: 'staging', handle: 'h1', name: 'scan.pdf', parentId: doc.id } as const;
    const job = b.jobs.create({ batchId: 'batch', input });
    expect(a.jobs.list({ batchId: 'batch' }).map((j) => j.id)).toEqual([job.id]);
    expect(a.attachments.jobs(doc.id).map((j) => j.id)).toEqual([job.id]);
    const talk = b.conversations.create({ title: 'Été plans', collection: 'Team' });
    b.conversations.append(talk.id, {
      role: 'user',
      content: 'What 100% of_us said',
      citations: [],
      status: 'complete',
      model: null,
      error: null,
      grounded: true,
    });
    // Case-insensitive search, non-ASCII included; % and _ are matched as themselves.
    expect(a.conversations.list('ÉTÉ').map((c) => c.id)).toEqual([talk.id]);
    expect(a.conversations.list('100% OF_US').map((c) => c.id)).toEqual([talk.id]);
    expect(a.conversations.list('100%_of')).toEqual([]);
    expect(a.conversations.list()).toHaveLength(1);
    a.collectionTable.rename('Team', 'Crew');
    expect(b.collections()).toEqual(['Crew']);
    expect(b.deleteDocument(doc.id)?.id).toBe(doc.id);
    expect(a.getDocument(doc.id)).toBeUndefined();
  });

  it('keeps none of a transaction whose connection was lost midway, and works again afterwards', () => {
    const schema = freshSchema();
    const catalog = open(schema);
    const admin = raw(schema);
    const before = catalog.createDocument({ name: 'before.md' });
    expect(() =>
      catalog.transaction(() => {
        catalog.updateDocument(before.id, { name: 'half.md' });
        // The server ends the catalogue's connection (a restart, a failover, an idle-killer).
        admin
          .prepare(
            "SELECT pg_terminate_backend(pid) AS done FROM pg_stat_activity WHERE application_name = 'hearth-catalogue' AND pid <> pg_backend_pid() AND state LIKE 'idle in transaction%'",
          )
          .get();
        catalog.createDocument({ name: 'after-the-loss.md' });
      }),
    ).toThrowError(expect.objectContaining({ code: 'REMOTE_UNAVAILABLE' }));
    // Neither half landed, and the next call reconnects.
    expect(catalog.getDocument(before.id)?.name).toBe('before.md');
    expect(catalog.listDocuments().map((d) => d.name)).toEqual(['before.md']);
  });
});
