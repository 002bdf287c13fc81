import { readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ChromaVectorStore } from '../../electron/core/vectors/ChromaVectorStore';
import { createPgPool } from '../../electron/core/vectors/createPgPool';
import { PgVectorStore } from '../../electron/core/vectors/PgVectorStore';
import type { VectorChunk, VectorStore } from '../../electron/core/vectors/VectorStore';
import { startChroma } from '../../tests/integration/core/vectors/chromaHarness';
import { startPglite } from '../../tests/integration/core/vectors/pgliteServer';
import { embeddingLikeVectors, ExactIndex, randomVectors } from '../../tests/integration/core/vectors/randomVectors';
import type { BenchRow } from './stats';
import { percentile, round } from './stats';

const root = fileURLToPath(new URL('../../', import.meta.url));
const DIMENSIONS = 384;
const TOP_K = 10;

/** Options for the vector storage bench. */
export interface StorageVectorsOptions {
  /** Index sizes for Chroma. Default 10k and 100k (2k with HEARTH_BENCH_QUICK=1). */
  sizes?: number[];
  /** Index sizes for pgvector on PGlite. Default 10k (1k quick): PGlite is single-threaded WASM. */
  pgliteSizes?: number[];
  /** Timed queries per size; recall is measured on the same queries. Default 200 (50 quick). */
  queries?: number;
}

/**
 * Vector storage: insert throughput, top-10 query latency and recall@10 against exact brute force, 384-d vectors, on
 * the embedded Chroma server (HTTP, as the app uses it) and on pgvector in PGlite over the Postgres wire protocol.
 *
 * Main data set: embedding-like vectors (low intrinsic dimension, clustered), the shape real text embeddings have.
 * Recall is also measured once on a hard set (uniformly random 384-d directions, where every neighbour is almost
 * equally far), which shows the floor of default HNSW settings rather than what users will see.
 */
export async function storageVectorsSuite(
  opts: StorageVectorsOptions = {},
): Promise<{ rows: BenchRow[]; meta: Record<string, unknown> }> {
  const quick = process.env.HEARTH_BENCH_QUICK === '1';
  const sizes = opts.sizes ?? (quick ? [2_000] : [10_000, 100_000]);
  const pgliteSizes = opts.pgliteSizes ?? (quick ? [1_000] : [10_000]);
  const queryCount = opts.queries ?? (quick ? 50 : 200);
  const largest = Math.max(...sizes, ...pgliteSizes);
  const data = embeddingLikeVectors(largest, DIMENSIONS, 42);
  const queries = embeddingLikeVectors(queryCount, DIMENSIONS, 4242);
  const hardSize = Math.min(...sizes);
  const hard = randomVectors(hardSize, DIMENSIONS, 43);
  const hardQueries = randomVectors(queryCount, DIMENSIONS, 4343);
  const rows: BenchRow[] = [];
  const meta: Record<string, unknown> = {
    dimensions: DIMENSIONS,
    topK: TOP_K,
    queries: queryCount,
    data: 'embedding-like: 256 clusters in a 32-d latent space, random linear map to 384-d, 5% noise',
    hardData: `${hardSize} uniformly random directions in 384-d, queried with more of the same`,
    quick,
    node: process.version,
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    loadAverageAtStart: loadavg().map((l) => round(l, 2)),
    chromaServer: packageVersion('node_modules/chromadb/node_modules/chromadb-js-bindings-linux-x64-gnu'),
    chromaClient: packageVersion('node_modules/chromadb'),
  };

  const chroma = await startChroma();
  try {
    const openChroma = (model: string): Promise<ChromaVectorStore> =>
      ChromaVectorStore.open({
        url: chroma.server.url,
        token: chroma.server.token,
        key: { model, version: 1, dimensions: DIMENSIONS },
      });
    for (const size of sizes) {
      const store = await openChroma(`bench-${size}`);
      rows.push(...(await measure('chroma', store, data.slice(0, size), queries)));
      await store.drop();
      await store.dispose();
    }
    const store = await openChroma('bench-hard');
    const measured = await measure('chroma', store, hard, hardQueries, 'hard set');
    rows.push(...measured.filter((row) => /recall|p50/.test(row.metric)));
    await store.drop();
    await store.dispose();
  } finally {
    await chroma.dispose();
  }

  const pglite = await startPglite();
  const pool = createPgPool({ url: pglite.url, maxConnections: 1 });
  try {
    for (const size of pgliteSizes) {
      const store = await PgVectorStore.open({
        key: { model: `bench-${size}`, version: 1, dimensions: DIMENSIONS },
        pool,
      });
      // The store creates the extension, so its version is known only now.
      const extension = await pool.query<{ extversion: string }>(
        "SELECT extversion FROM pg_extension WHERE extname = 'vector'",
      );
      meta.pgvector = extension.rows[0]?.extversion;
      const measured = await measure('pgvector/PGlite', store, data.slice(0, size), queries);
      measured[0]!.note = `${measured[0]!.note}; PGlite is single-threaded WASM: real PostgreSQL is much faster`;
      rows.push(...measured);
      await store.drop();
      await store.dispose();
    }
  } finally {
    await pool.end();
    await pglite.stop();
  }
  return { rows, meta };
}

/** Inserts `data` (batches of 500 inside the store), then times top-10 queries and checks them against exact search. */
async function measure(
  backend: string,
  store: VectorStore,
  data: Float32Array[],
  queries: Float32Array[],
  dataset?: string,
): Promise<BenchRow[]> {
  const size = data.length;
  const label = (size >= 1_000 ? `${size / 1_000}k` : String(size)) + (dataset ? ` ${dataset}` : '');
  const chunks: VectorChunk[] = data.map((vector, i) => ({
    id: String(i),
    documentId: `doc-${Math.floor(i / 50)}`,
    vector,
    metadata: { collection: i % 2 ? 'a' : 'b', page: i % 50 },
  }));
  const t0 = performance.now();
  await store.upsert(chunks);
  const insertSeconds = (performance.now() - t0) / 1_000;

  for (const q of queries.slice(0, 10)) await store.query(q, { topK: TOP_K });
  const latencies: number[] = [];
  const results: string[][] = [];
  for (const q of queries) {
    const started = performance.now();
    const matches = await store.query(q, { topK: TOP_K });
    latencies.push(performance.now() - started);
    results.push(matches.map((m) => m.id));
  }
  const exact = new ExactIndex(data);
  let found = 0;
  queries.forEach((q, i) => {
    const truth = new Set(exact.topK(q, TOP_K).map(String));
    found += results[i]!.filter((id) => truth.has(id)).length;
  });
  const recall = found / (queries.length * TOP_K);
  return [
    {
      metric: `${backend} insert ${label}×${DIMENSIONS}`,
      value: Math.round(size / insertSeconds),
      unit: 'vectors/s',
      note: `${round(insertSeconds, 1)} s for ${size}`,
    },
    {
      metric: `${backend} query p50 @${label}`,
      value: round(percentile(latencies, 50), 2),
      unit: 'ms',
      note: `top-${TOP_K}, ${queries.length} sequential`,
    },
    { metric: `${backend} query p99 @${label}`, value: round(percentile(latencies, 99), 2), unit: 'ms' },
    {
      metric: `${backend} recall@${TOP_K} @${label}`,
      value: round(recall, 4),
      unit: 'ratio',
      note: 'vs exact brute-force cosine',
    },
  ];
}

function packageVersion(dir: string): string | undefined {
  try {
    return (JSON.parse(readFileSync(join(root, dir, 'package.json'), 'utf8')) as { version?: string }).version;
  } catch {
    return undefined;
  }
}
