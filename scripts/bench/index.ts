import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { backupSuite } from './backupSuite';
import { catalogSuite } from './catalogSuite';
import { contractSuite } from './contractSuite';
import { formatsSuite } from './formatsSuite';
import { gatewaySuite } from './gatewaySuite';
import { ingestSuite } from './ingestSuite';
import { livingSuite } from './livingSuite';
import { lspSuite } from './lspSuite';
import { ocrSuite } from './ocrSuite';
import { ragSuite } from './ragSuite';
import { replicasSuite } from './replicasSuite';
import { rerankSuite } from './rerankSuite';
import { retrievalSuite } from './retrievalSuite';
import { runtimeSuite } from './runtimeSuite';
import { scaleSuite } from './scaleSuite';
import { storageObjectsSuite } from './storageObjectsSuite';
import { storageVectorsSuite } from './storageVectorsSuite';
import { telemetrySuite } from './telemetrySuite';
import type { BenchRow } from './stats';
import { formatTable } from './stats';

type Suite = (options: BenchOptions) => Promise<{ rows: BenchRow[]; meta: Record<string, unknown> }>;

/** `npm run bench [-- suite…] [--docs N]`: prints a table per suite and the JSON, and keeps the JSON in bench-results/. */
const SUITES: Record<string, Suite> = {
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
  /**
   * The library at 10k documents (issue 23): a generated corpus through the real pipeline, killed and resumed at half;
   * ingest rate over time, peak RSS per process, restart to usable, list and search p50/p99, watched-folder rescan.
   * `--docs N` sets the corpus size (default 10,000: about 40 minutes on 2 cores).
   */
  scale: (options) => scaleSuite(options),
  /**
   * The gateway (issue 16): concurrent streaming clients through the OpenAI-compatible /v1 and the WebSocket contract
   * on the tiny model, TTFT p50/p99 side by side; the same search through gRPC and MCP over Streamable HTTP;
   * WatchLibrary events/s. HEARTH_BENCH_GATEWAY_CLIENTS (50), _ROUNDS (2), _CALLS (400), _EVENTS (20,000).
   */
  gateway: gatewaySuite,
  /**
   * Document formats (issue 21): parse and chunk time per format (PPTX, XLSX, ODS, ODT, RTF, EPUB, EML, MBOX, ZIP,
   * an HTML table; DOCX as the baseline) on documents of a realistic size built in code. HEARTH_BENCH_FORMATS_RUNS (5).
   */
  formats: formatsSuite,
  /**
   * OCR (issue 21): tesseract.js on scanned A4 pages built in code (clean, and skewed + speckled), as an image-only PDF
   * through parseFile: pages/s, word accuracy, engine load time. HEARTH_BENCH_OCR_PAGES (4).
   */
  ocr: ocrSuite,
  /**
   * The language server (issue 17): files indexed/s on a generated 2,000-file repository (TypeScript, Python, Rust,
   * Go) and on Go's x/tools from Debian (apt-get download), workspace/symbol and definition p50/p99, the child's RSS.
   */
  lsp: lspSuite,
  /**
   * Backup and restore (issue 20): a 200-document library to an S3 server process and back into an empty data
   * folder — MiB/s for backup, verify and restore, bytes sent by a second backup after one document changed.
   */
  backup: backupSuite,
  /**
   * Telemetry (issue 18): µs per span without and with the core's telemetry, an answer's metric sample, and reading
   * what Diagnostics plots. HEARTH_BENCH_TELEMETRY_SPANS (50,000).
   */
  telemetry: telemetrySuite,
  /**
   * Team server replicas (issue 19): one batch of uploads ingested by 1 and by 2 headless shells on one PostgreSQL
   * catalogue, S3 server and pgvector store, files/s and passages/s. HEARTH_BENCH_REPLICA_DOCS (60).
   */
  replicas: replicasSuite,
  /**
   * Catalogue engines (issue 19): the same 10k passages and 200 keyword queries on SQLite (FTS5) and PostgreSQL
   * (tsvector, a throwaway local server): p50/p99 per engine and their ratio, replaceChunks passages/s, top-10
   * agreement, and whether PostgreSQL's plan uses the GIN index. HEARTH_BENCH_CATALOG_PASSAGES (10,000).
   */
  catalog: catalogSuite,
};

/** Options some suites take: `--docs N` (scale). */
interface BenchOptions {
  docs?: number;
}

/** Suite names, and `--name value` / `--name=value` options (values are not taken for suite names). */
function parseArgs(args: readonly string[]): { suites: string[]; options: BenchOptions } {
  const suites: string[] = [];
  const options: BenchOptions = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const match = /^--([a-z-]+)(?:=(.*))?$/.exec(arg);
    if (!match) {
      if (!arg.startsWith('-')) suites.push(arg);
      continue;
    }
    const value = match[2] ?? args[++i];
    if (match[1] === 'docs') {
      const docs = Number(value);
      if (!Number.isInteger(docs) || docs <= 0) {
        console.error(`--docs takes a whole number of documents, not ${JSON.stringify(value)}`);
        process.exit(2);
      }
      options.docs = docs;
    } else {
      console.error(`Unknown option --${match[1]}. Available: --docs N (scale)`);
      process.exit(2);
    }
  }
  return { suites, options };
}

const { suites: requested, options } = parseArgs(process.argv.slice(2));
const unknown = requested.filter((s) => !(s in SUITES));
if (unknown.length) {
  console.error(`Unknown suite(s): ${unknown.join(', ')}. Available: ${Object.keys(SUITES).join(', ')}`);
  process.exit(2);
}
const results: Record<string, unknown> = { at: new Date().toISOString() };
// Without names, every suite but `scale`, which takes most of an hour at its default size.
for (const name of requested.length ? requested : Object.keys(SUITES).filter((n) => n !== 'scale')) {
  const { rows, meta } = await SUITES[name]!(options);
  console.log(formatTable(name, rows));
  results[name] = { meta, rows };
}
const json = JSON.stringify(results, null, 2);
console.log(`\n${json}`);
const dir = join(fileURLToPath(new URL('../../', import.meta.url)), 'bench-results');
await mkdir(dir, { recursive: true });
await writeFile(join(dir, `bench-${Date.now()}.json`), json);
