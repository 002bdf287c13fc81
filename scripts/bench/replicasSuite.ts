import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLexicalEmbeddingModel } from '../../tests/fixtures/gguf/tinyLlama';
import { RETRIEVAL_VOCAB, writeRetrievalCorpus } from '../../tests/fixtures/retrieval/retrievalCorpus';
import {
  startReplica,
  startSharedBackends,
  stopAllReplicas,
  type ReplicaShell,
} from '../../tests/helpers/replicaShells';
import type { BenchRow } from './stats';
import { round } from './stats';

const DOCUMENTS = Number(process.env['HEARTH_BENCH_REPLICA_DOCS'] ?? 60);

/**
 * One batch through `replicas` headless shells on fresh shared backends (PostgreSQL catalogue, dev S3 server,
 * pgvector on PGlite): the files are split between the replicas as a load balancer would spread uploads, every
 * replica ingests its share at once, and the clock runs from the first ingest call until every job is indexed.
 */
async function run(
  work: string,
  replicas: number,
  files: { name: string; bytes: Buffer }[],
  modelPath: string,
): Promise<{ seconds: number; passages: number }> {
  const dir = join(work, `run-${replicas}`);
  const backends = await startSharedBackends(dir);
  try {
    const shells: ReplicaShell[] = [];
    for (let i = 0; i < replicas; i++) {
      shells.push(await startReplica(backends, dir, `r${i}`, { leaseSeconds: 30, modelPath }));
    }
    const shares = shells.map((shell, i) => ({ shell, files: files.filter((_, n) => n % replicas === i) }));
    const uploads = await Promise.all(
      shares.map(async ({ shell, files: mine }) => {
        const list = [];
        for (const f of mine) list.push({ handle: await shell.upload(f.name, f.bytes), name: f.name });
        return list;
      }),
    );
    const started = performance.now();
    const results = await Promise.all(
      shares.map(({ shell }, i) => shell.ws.api.library.ingest({ uploads: uploads[i]! }, () => undefined).done),
    );
    const seconds = (performance.now() - started) / 1000;
    for (const result of results) {
      if (!result.ok) throw new Error(`a replica's batch failed: ${result.error.message}`);
      const failed = result.value.files.filter((f) => f.stage !== 'indexed');
      if (failed.length) throw new Error(`files not indexed: ${JSON.stringify(failed.slice(0, 3))}`);
    }
    const counted = await backends.catalogue.query<{ n: string }>('SELECT count(*) AS n FROM hearth.chunks');
    return { seconds, passages: Number(counted.rows[0]?.n ?? 0) };
  } finally {
    await stopAllReplicas();
    await backends.stop();
  }
}

/**
 * `npm run bench -- replicas` (issue 19): ingest throughput of one batch with 1 and with 2 replicas on the same
 * shared backends, all on this machine. HEARTH_BENCH_REPLICA_DOCS (60) sets the batch size.
 */
export async function replicasSuite(): Promise<{ rows: BenchRow[]; meta: Record<string, unknown> }> {
  const work = await mkdtemp(join(tmpdir(), 'hearth-bench-replicas-'));
  try {
    const model = await createLexicalEmbeddingModel(join(work, 'lexical.gguf'), { vocab: RETRIEVAL_VOCAB });
    await writeRetrievalCorpus(join(work, 'corpus'), { documents: DOCUMENTS });
    const files = [];
    for (const name of (await readdir(join(work, 'corpus'))).sort()) {
      files.push({ name, bytes: await readFile(join(work, 'corpus', name)) });
    }
    const rows: BenchRow[] = [];
    for (const replicas of [1, 2]) {
      const { seconds, passages } = await run(work, replicas, files, model.path);
      const note = `${files.length} files, ${passages} passages, ${round(seconds, 2)} s`;
      rows.push(
        { metric: `${replicas} replica(s): files/s`, value: round(files.length / seconds, 2), unit: 'files/s', note },
        { metric: `${replicas} replica(s): passages/s`, value: round(passages / seconds, 2), unit: 'passages/s' },
      );
    }
    return { rows, meta: { documents: files.length, cpus: availableParallelism() } };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
