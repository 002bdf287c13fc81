import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { contractSuite } from './contractSuite';
import { ingestSuite } from './ingestSuite';
import { livingSuite } from './livingSuite';
import { ragSuite } from './ragSuite';
import { rerankSuite } from './rerankSuite';
import { retrievalSuite } from './retrievalSuite';
import { runtimeSuite } from './runtimeSuite';
import { storageObjectsSuite } from './storageObjectsSuite';
import { storageVectorsSuite } from './storageVectorsSuite';
import type { BenchRow } from './stats';
import { formatTable } from './stats';

/** `npm run bench [-- suite…]`: prints a table per suite and the JSON, and keeps the JSON in bench-results/. */
const SUITES: Record<string, () => Promise<{ rows: BenchRow[]; meta: Record<string, unknown> }>> = {
  contract: contractSuite,
  runtime: runtimeSuite,
  /** `storage` = both halves: vectors (Chroma, PGlite) and objects (the S3 sidecar). */
  storage: async () => {
    const vectors = await storageVectorsSuite();
    const objects = await storageObjectsSuite();
    return { rows: [...vectors.rows, ...objects.rows], meta: { vectors: vectors.meta, objects: objects.meta } };
  },
  'storage-vectors': () => storageVectorsSuite(),
  'storage-objects': storageObjectsSuite,
  /** End-to-end ingestion through the core (issue 5): a generated 200-document corpus, two embedding models. */
  ingest: ingestSuite,
  /** The answer path (issue 6): keyword and hybrid retrieval latency and time to first token by step, at 10k and 100k documents. */
  rag: ragSuite,
  /**
   * Retrieval quality on a real manual (issue 15): a Debian documentation package's pages and hand-written questions;
   * recall@1/5/10 per mode and a plain BM25 baseline. Env: HEARTH_BENCH_EMBED_MODEL (a real GGUF embedding model),
   * HEARTH_BENCH_RERANK_MODEL (a GGUF reranker), HEARTH_BENCH_RETRIEVAL_PAGES (page cap). See retrievalSuite.ts.
   */
  retrieval: retrievalSuite,
  /** The rerank stage (issue 15): cost of scoring the fused top 40 per question, and answer TTFT with and without. */
  rerank: rerankSuite,
  /** The living library (issue 7): watched-folder latency and re-embedding against bare embedding. */
  living: livingSuite,
};

const requested = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const unknown = requested.filter((s) => !(s in SUITES));
if (unknown.length) {
  console.error(`Unknown suite(s): ${unknown.join(', ')}. Available: ${Object.keys(SUITES).join(', ')}`);
  process.exit(2);
}
const results: Record<string, unknown> = { at: new Date().toISOString() };
for (const name of requested.length ? requested : Object.keys(SUITES)) {
  const { rows, meta } = await SUITES[name]!();
  console.log(formatTable(name, rows));
  results[name] = { meta, rows };
}
const json = JSON.stringify(results, null, 2);
console.log(`\n${json}`);
const dir = join(fileURLToPath(new URL('../../', import.meta.url)), 'bench-results');
await mkdir(dir, { recursive: true });
await writeFile(join(dir, `bench-${Date.now()}.json`), json);
