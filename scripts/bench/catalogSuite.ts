import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Catalog } from '../../electron/core/library/catalog/Catalog';
import type { KeywordSearchOptions, NewChunk } from '../../electron/core/library/catalog/catalogTypes';
import { budgetSearch } from '../../electron/core/library/catalog/postgresKeywordSql';
import { PostgresDatabase } from '../../electron/core/library/catalog/sql/PostgresDatabase';
import { startTestPostgres } from '../../tests/helpers/postgresServer';
import { prng, scaleVocabulary, Words } from './scale/scaleCorpus';
import type { BenchRow } from './stats';
import { percentile, round } from './stats';

/** Passages in each catalogue; HEARTH_BENCH_CATALOG_PASSAGES picks another size. */
const PASSAGES = Number(process.env['HEARTH_BENCH_CATALOG_PASSAGES'] ?? 10_000);
const PASSAGES_PER_DOCUMENT = 10;
const QUERIES = 200;
/** Searches run before timing (statements prepared, pages cached), as in a library in use. */
const WARM_QUERIES = 5;
const TOP_K = 10;
const SCHEMA = 'bench_catalog';

/** One document as the pipeline leaves it: a name, and passages with their headings. */
interface BenchDocument {
  name: string;
  chunks: NewChunk[];
}

/**
 * The corpus: documents of 10 passages of 200–330 estimated tokens (the library's chunk size) drawn from the scale
 * bench's Zipf vocabulary (~330 common English words and ~1,700 rarer made-up ones), each under a heading. Seeded.
 */
function corpus(passages: number): BenchDocument[] {
  const words = new Words(scaleVocabulary(), prng(0xca7a));
  const docs: BenchDocument[] = [];
  for (let start = 0; start < passages; start += PASSAGES_PER_DOCUMENT) {
    const count = Math.min(PASSAGES_PER_DOCUMENT, passages - start);
    const title = words.title();
    docs.push({
      name: `${title}.md`,
      chunks: Array.from({ length: count }, (_, ordinal) => {
        const text = words.body();
        return {
          ordinal,
          text,
          provenance: { headingPath: [title, words.title()] },
          tokenCount: Math.ceil(text.length / 4),
        };
      }),
    });
  }
  return docs;
}

/**
 * The queries: three in four are 2–5 words of a random passage (everyday words and rarer ones, as Zipf draws
 * them), one in four a question around two such words ("what does the manual say about …", stop words included).
 */
function queries(docs: readonly BenchDocument[], count: number): string[] {
  const random = prng(0x9e77);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  return Array.from({ length: count }, (_, i) => {
    const words = pick(pick(docs).chunks)
      .text.toLowerCase()
      .match(/[a-z]+/g) ?? ['the'];
    if (i % 4 === 3) return `what does the manual say about the ${pick(words)} of ${pick(words)}?`;
    return Array.from({ length: 2 + Math.floor(random() * 4) }, () => pick(words)).join(' ');
  });
}

/** Loads `docs` into `catalog`; the milliseconds spent in replaceChunks (the keyword index is written there). */
function load(catalog: Catalog, docs: readonly BenchDocument[]): number {
  let ms = 0;
  docs.forEach((doc, i) => {
    const { id } = catalog.createDocument({ id: `doc-${i}`, name: doc.name, sha256: `sha-${i}`, type: 'markdown' });
    const t0 = performance.now();
    catalog.replaceChunks(id, 1, doc.chunks);
    ms += performance.now() - t0;
    catalog.updateDocument(id, { status: 'indexed' });
  });
  return ms;
}

/** Milliseconds per search, and each search's chunk ids. */
function search(catalog: Catalog, list: readonly string[]): { times: number[]; hits: string[][] } {
  const options: KeywordSearchOptions = { topK: TOP_K };
  for (const q of list.slice(0, WARM_QUERIES)) catalog.keywordSearch(q, options);
  const times: number[] = [];
  const hits: string[][] = [];
  for (const q of list) {
    const t0 = performance.now();
    const found = catalog.keywordSearch(q, options);
    times.push(performance.now() - t0);
    hits.push(found.map((h) => h.chunkId));
  }
  return { times, hits };
}

/** Mean share of SQLite's top results that PostgreSQL returns too (the engines rank alike, not identically). */
function overlap(a: readonly string[][], b: readonly string[][]): number {
  const shares = a.map((hits, i) => {
    if (hits.length === 0) return b[i]!.length === 0 ? 1 : 0;
    const other = new Set(b[i]);
    return hits.filter((id) => other.has(id)).length / hits.length;
  });
  return shares.reduce((s, x) => s + x, 0) / shares.length;
}

/**
 * Keyword search and chunk writes of the library catalogue on its two engines (issue 19): the same seeded passages
 * written into a SQLite catalogue (FTS5) and a PostgreSQL one (tsvector + GIN, on a throwaway local server started
 * here, reached through the catalogue's worker-thread connection), then the same queries on both: p50/p99 per engine
 * and their ratio, passages written per second by replaceChunks, how far the top 10s agree, and whether PostgreSQL
 * plans the search through its GIN index (EXPLAIN, after ANALYZE as autovacuum would run after a bulk load).
 */
export async function catalogSuite(): Promise<{ rows: BenchRow[]; meta: Record<string, unknown> }> {
  const docs = corpus(PASSAGES);
  const list = queries(docs, QUERIES);
  const dir = await mkdtemp(join(tmpdir(), 'hearth-bench-catalog-'));
  const server = await startTestPostgres();
  try {
    const url = new URL(server.url);
    const connection = {
      host: url.hostname,
      port: Number(url.port),
      user: decodeURIComponent(url.username),
      database: url.pathname.slice(1),
      password: server.password,
    };
    const sqlite = Catalog.open({ dataDir: join(dir, 'sqlite') });
    const postgres = Catalog.open({ dataDir: join(dir, 'postgres'), postgres: { connection, schema: SCHEMA } });
    try {
      const sqliteWriteMs = load(sqlite, docs);
      const postgresWriteMs = load(postgres, docs);
      const raw = PostgresDatabase.open({ connection, schema: SCHEMA });
      let plan: string;
      try {
        raw.exec('ANALYZE');
        const explained = raw
          .prepare(`EXPLAIN ${budgetSearch(2)}`)
          .all(
            JSON.stringify(["'bread'", "'oven'"]),
            2,
            TOP_K,
            null,
            null,
            "'bread' & 'oven'",
            JSON.stringify(['\\mbread\\M', '\\moven\\M']),
          );
        plan = explained.map((r) => String(r['QUERY PLAN'])).join('\n');
      } finally {
        raw.close();
      }
      const lite = search(sqlite, list);
      const pg = search(postgres, list);
      const p50 = (t: number[]): number => round(percentile(t, 50), 2);
      const p99 = (t: number[]): number => round(percentile(t, 99), 2);
      const rate = (ms: number): number => Math.round(PASSAGES / (ms / 1000));
      const rows: BenchRow[] = [
        { metric: 'sqlite keyword p50', value: p50(lite.times), unit: 'ms', note: `${QUERIES} queries, top ${TOP_K}` },
        { metric: 'sqlite keyword p99', value: p99(lite.times), unit: 'ms' },
        { metric: 'postgres keyword p50', value: p50(pg.times), unit: 'ms' },
        { metric: 'postgres keyword p99', value: p99(pg.times), unit: 'ms' },
        {
          metric: 'postgres/sqlite p50',
          value: round(percentile(pg.times, 50) / percentile(lite.times, 50), 2),
          unit: 'x',
        },
        {
          metric: 'postgres/sqlite p99',
          value: round(percentile(pg.times, 99) / percentile(lite.times, 99), 2),
          unit: 'x',
        },
        { metric: 'sqlite replaceChunks', value: rate(sqliteWriteMs), unit: 'passage/s', note: `${PASSAGES} passages` },
        { metric: 'postgres replaceChunks', value: rate(postgresWriteMs), unit: 'passage/s' },
        {
          metric: 'top-10 agreement',
          value: round(overlap(lite.hits, pg.hits), 2),
          unit: 'share',
          note: "of SQLite's hits PostgreSQL returns too",
        },
      ];
      return {
        rows,
        meta: {
          passages: PASSAGES,
          documents: docs.length,
          queries: QUERIES,
          sampleQueries: list.slice(0, 8),
          ginIndexUsed: /chunks_tsv/.test(plan),
          plan,
        },
      };
    } finally {
      sqlite.dispose();
      postgres.dispose();
    }
  } finally {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
