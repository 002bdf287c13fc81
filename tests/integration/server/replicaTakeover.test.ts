import { createHash } from 'node:crypto';
import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chunkDocument } from '../../../electron/core/library/parse/chunkDocument';
import { parseFile } from '../../../electron/core/library/parse/parseFile';
import type { IngestProgress } from '../../../electron/shared/librarySchemas';
import { createLexicalEmbeddingModel } from '../../fixtures/gguf/tinyLlama';
import { RETRIEVAL_VOCAB, writeRetrievalCorpus } from '../../fixtures/retrieval/retrievalCorpus';
import {
  startReplica,
  startSharedBackends,
  stopAllReplicas,
  type ReplicaShell,
  type SharedBackends,
} from '../../helpers/replicaShells';
import { tempDir, waitFor } from '../../helpers/tempCore';

/*
 * Issue 19's must-show: two headless shells (separate processes) on one PostgreSQL catalogue, one S3 server and one
 * pgvector store. A batch uploaded through A is searchable through B; A killed (SIGKILL) in the middle of a batch
 * leaves its jobs leased, B takes them over once the leases run out, and every file ends indexed exactly once with
 * the passages a single ingest makes; events of one replica reach the browser of the other.
 */

const LEASE_SECONDS = 2;
let dir: Awaited<ReturnType<typeof tempDir>>;
let backends: SharedBackends;
let a: ReplicaShell;
let b: ReplicaShell;
let modelPath: string;

beforeAll(async () => {
  dir = await tempDir('hearth-replicas-');
  backends = await startSharedBackends(dir.path);
  modelPath = (await createLexicalEmbeddingModel(join(dir.path, 'lexical.gguf'), { vocab: RETRIEVAL_VOCAB })).path;
  a = await startReplica(backends, dir.path, 'a', { leaseSeconds: LEASE_SECONDS, modelPath });
  b = await startReplica(backends, dir.path, 'b', { leaseSeconds: LEASE_SECONDS, modelPath });
}, 300_000);
afterAll(async () => {
  await stopAllReplicas();
  await backends?.stop();
  await dir?.remove();
}, 60_000);

/** The corpus's files as uploads: name, bytes and the passages one ingest makes of each (the pipeline's settings). */
async function corpus(name: string, documents: number, seed: number) {
  const folder = join(dir.path, name);
  await writeRetrievalCorpus(folder, { documents, seed });
  const files = [];
  for (const file of (await readdir(folder)).sort()) {
    const path = join(folder, file);
    const bytes = await readFile(path);
    const parsed = await parseFile(path, { maxBytes: 1 << 20 });
    const chunks = await chunkDocument(parsed, { chunkTokens: 384, overlapTokens: 48 });
    files.push({
      name: file,
      bytes,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      passages: chunks.length,
    });
  }
  return files;
}

async function rows<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  return (await backends.catalogue.query(sql, params)).rows as T[];
}

/** Per file of the batch: its documents (by content), their status and passages, and the vectors stored for them. */
async function ledger(shas: string[]) {
  const docs = await rows<{ id: string; sha256: string; status: string; passages: string }>(
    `SELECT d.id, d.sha256, d.status, (SELECT count(*) FROM hearth.chunks c WHERE c.document_id = d.id) AS passages
     FROM hearth.documents d WHERE d.sha256 = ANY($1)`,
    [shas],
  );
  const tables = await backends.vectors.db.query<{ table_name: string }>(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'`,
  );
  let vectors = 0;
  for (const { table_name } of tables.rows) {
    const counted = await backends.vectors.db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM "${table_name}" WHERE document_id = ANY($1)`,
      [docs.map((d) => d.id)],
    );
    vectors += counted.rows[0]?.n ?? 0;
  }
  return { docs, vectors };
}

describe('two replicas on one PostgreSQL, S3 server and vector store', () => {
  it(
    'a batch uploaded through A is searchable through B, and B’s browser hears A’s progress',
    { timeout: 180_000 },
    async () => {
      const files = await corpus('first', 6, 3);
      const heardOnB: IngestProgress[] = [];
      const off = b.ws.api.on('library.progress', (event) => heardOnB.push(event));
      const uploads = [];
      for (const f of files) uploads.push({ handle: await a.upload(f.name, f.bytes), name: f.name });
      const batch = await a.ws.api.library.ingest({ uploads }, () => undefined).done;
      expect(batch.ok).toBe(true);
      if (!batch.ok) return;
      expect(batch.value.files.map((f) => f.error?.message ?? f.stage)).toEqual(files.map(() => 'indexed'));
      await waitFor('A’s last progress event on B', () =>
        heardOnB.some((e) => e.kind === 'batch' && e.batchId === batch.value.batchId && e.done === files.length),
      );
      off();

      const story = files[0]!.bytes.toString('utf8');
      const fact = /the (\w+) (\w+) the (\w+) near the (\w+)/.exec(story)!;
      const found = await b.ws.api.library.search({
        query: `${fact[1]} ${fact[2]} ${fact[3]} ${fact[4]}`,
        mode: 'vector',
      });
      expect(found.ok).toBe(true);
      if (!found.ok) return;
      expect(found.value.passages[0]).toMatchObject({ documentName: files[0]!.name });
      expect(found.value.passages[0]!.text).toContain(fact[0]);
    },
  );

  it('refuses a path on one replica’s disk: the library is shared, files come as uploads', async () => {
    const result = await b.ws.api.library.ingest({ paths: [modelPath] }, () => undefined).done;
    expect(result).toMatchObject({ ok: false, error: { code: 'PERMISSION_DENIED' } });
    expect(!result.ok && result.error.message).toMatch(/shared by several server replicas.*Upload/);
  });

  it(
    'B takes over the jobs of A killed mid-batch: every file indexed once, no passage lost or doubled',
    { timeout: 400_000 },
    async () => {
      const files = await corpus('second', 24, 7);
      const uploads = [];
      for (const f of files) uploads.push({ handle: await a.upload(f.name, f.bytes), name: f.name });
      let indexed = 0;
      let batchId = '';
      const done = a.ws.api.library.ingest({ uploads }, (event) => {
        batchId = event.batchId;
        if (event.kind === 'file' && event.stage === 'indexed') indexed++;
      }).done;
      await waitFor('A to index its first files', () => indexed >= 2, 120_000);
      a.kill();
      await done.catch(() => undefined);
      const shas = files.map((f) => f.sha256);
      const held = await rows<{ n: string }>(
        `SELECT count(*) AS n FROM hearth.ingestion_jobs WHERE leased_by = 'replica-a' AND stage NOT IN ('indexed', 'failed', 'cancelled')`,
      );
      // Killed mid-batch: A still held unfinished jobs, which nobody else may run until their leases run out.
      expect(Number(held[0]!.n)).toBeGreaterThan(0);

      await waitFor(
        'B to finish every job A left',
        async () => {
          const open = await rows<{ n: string }>(
            `SELECT count(*) AS n FROM hearth.ingestion_jobs WHERE stage NOT IN ('indexed', 'failed', 'cancelled')`,
          );
          return Number(open[0]!.n) === 0;
        },
        240_000,
      );
      const jobs = await rows<{ stage: string; leased_by: string | null }>(
        `SELECT stage, leased_by, attempts FROM hearth.ingestion_jobs WHERE batch_id = $1`,
        [batchId],
      );
      expect(jobs.map((j) => j.stage)).toEqual(files.map(() => 'indexed'));
      expect(jobs.every((j) => j.leased_by === null)).toBe(true);
      const { docs, vectors } = await ledger(shas);
      // Exactly one indexed document per file, with the passages a single ingest of that file makes.
      expect(docs.map((d) => d.sha256).sort()).toEqual([...shas].sort());
      expect(docs.every((d) => d.status === 'indexed')).toBe(true);
      const expected = new Map(files.map((f) => [f.sha256, f.passages]));
      for (const d of docs) expect(Number(d.passages), d.sha256).toBe(expected.get(d.sha256));
      const total = files.reduce((n, f) => n + f.passages, 0);
      expect(vectors).toBe(total);
    },
  );
  it(
    'SIGTERM stops a replica gracefully: it releases its unfinished jobs at once and another finishes them',
    { timeout: 400_000 },
    async () => {
      const files = await corpus('third', 24, 13);
      const uploads = [];
      for (const f of files) uploads.push({ handle: await b.upload(f.name, f.bytes), name: f.name });
      let indexed = 0;
      let batchId = '';
      const done = b.ws.api.library.ingest({ uploads }, (event) => {
        batchId = event.batchId;
        if (event.kind === 'file' && event.stage === 'indexed') indexed++;
      }).done;
      await waitFor('B to index its first files', () => indexed >= 2, 120_000);
      expect(await b.stop()).toBe(0);
      await done.catch(() => undefined);
      // Nobody else runs now (A was killed above): what B left unfinished, it gave up rather than holding it.
      const left = await rows<{ leased_by: string | null }>(
        `SELECT leased_by FROM hearth.ingestion_jobs WHERE batch_id = $1 AND stage != 'indexed'`,
        [batchId],
      );
      expect(left.length).toBeGreaterThan(0);
      expect(left.every((j) => j.leased_by === null)).toBe(true);
      // A replica that joins takes them at once: its own start resumes released jobs, no lease to wait for.
      const a2 = await startReplica(backends, dir.path, 'a2', { leaseSeconds: LEASE_SECONDS, modelPath });
      await waitFor(
        'a2 to finish the jobs B released',
        async () => {
          const open = await rows<{ n: string }>(
            `SELECT count(*) AS n FROM hearth.ingestion_jobs WHERE batch_id = $1 AND stage != 'indexed'`,
            [batchId],
          );
          return Number(open[0]!.n) === 0;
        },
        240_000,
      );
      const { docs, vectors } = await ledger(files.map((f) => f.sha256));
      expect(docs).toHaveLength(files.length);
      const expected = new Map(files.map((f) => [f.sha256, f.passages]));
      for (const d of docs) expect(Number(d.passages), d.sha256).toBe(expected.get(d.sha256));
      expect(vectors).toBe(files.reduce((n, f) => n + f.passages, 0));
      await a2.stop();
    },
  );
});
