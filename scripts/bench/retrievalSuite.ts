import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { TestCore } from '../../tests/helpers/tempCore';
import { createLexicalEmbeddingModel } from '../../tests/fixtures/gguf/tinyLlama';
import { startTestCore } from '../../tests/helpers/tempCore';
import { corpusVocabulary } from './retrieval/corpusVocabulary';
import { copyPages, ensureDebianManual, manualPages } from './retrieval/debianManual';
import { KS, measureModes, type BenchQuestion, type ModeResult } from './retrieval/measureModes';
import { installReranker } from './retrieval/installReranker';
import type { BenchRow } from './stats';
import { round } from './stats';

/** Words in the generated lexical model's vocabulary (the manual's most frequent). */
const VOCAB_SIZE = 8_000;

interface QuestionFile {
  package: string;
  version: string;
  root: string;
  questions: BenchQuestion[];
}

interface EmbeddingChoice {
  label: string;
  path: string;
  /** A model the user pointed at stays where it is. */
  move: boolean;
}

/** What an ingest left: written next to a kept data dir, so a later run reports it without ingesting again. */
interface IngestOutcome {
  ingestS: number;
  indexed: number;
  failed: string[];
}

/** The ingest record of a kept data dir (see HEARTH_BENCH_RETRIEVAL_KEEP), or null when it was never completed. */
async function readIngested(dataDir: string): Promise<IngestOutcome | null> {
  try {
    return JSON.parse(await readFile(join(dataDir, 'bench-ingested.json'), 'utf8')) as IngestOutcome;
  } catch {
    return null;
  }
}

/**
 * A core on `dataDir` whose library holds the pages: reopened as it is when a kept run already ingested them (the
 * catalogue's migrations bring its keyword index up to date on open), else the embedding model imported and the
 * pages ingested through the real pipeline.
 */
async function ingestOnce(
  core: TestCore,
  o: { model: EmbeddingChoice; dataDir: string; corpusDir: string },
): Promise<IngestOutcome & { reused: boolean }> {
  const kept = await readIngested(o.dataDir);
  if (kept) return { ...kept, reused: true };
  const info = await core.services.modelCatalog.importFile(o.model.path, { move: o.model.move });
  await core.services.modelCatalog.setDefault('embedding', info.id);
  const started = performance.now();
  let shown = 0;
  const batch = await core.services.library.ingest(
    { paths: [o.corpusDir] },
    {
      // A long run says where it is (stderr: the table and JSON stay clean).
      onProgress: (e) => {
        if (e.kind !== 'batch' || e.done + e.failed < shown + 25) return;
        shown = e.done + e.failed;
        console.error(`retrieval bench (${o.model.label}): ${shown}/${e.files} pages ingested`);
      },
    },
  );
  const failed = batch.files
    .filter((f) => f.stage !== 'indexed')
    .map((f) => `${f.name}: ${f.error?.message ?? f.stage}`);
  const outcome = {
    ingestS: (performance.now() - started) / 1000,
    indexed: batch.files.length - failed.length,
    failed,
  };
  await writeFile(join(o.dataDir, 'bench-ingested.json'), JSON.stringify(outcome));
  return { ...outcome, reused: false };
}

/** One core: the pages ingested (or reopened, see ingestOnce), every question asked in every mode. */
async function runModel(o: {
  model: EmbeddingChoice;
  dataDir: string;
  corpusDir: string;
  questions: readonly BenchQuestion[];
}): Promise<
  IngestOutcome & { results: ModeResult[]; passages: number; rerank: string; reused: boolean; notes?: string[] }
> {
  const core: TestCore = await startTestCore(o.dataDir, { startSidecars: true });
  try {
    await core.services.storage.ready;
    const ingest = await ingestOnce(core, o);
    const rerank = await installReranker(core, o.dataDir);
    const { results, passages, notes } = await measureModes({
      core,
      corpusDir: o.corpusDir,
      questions: o.questions,
      rerankUnavailable: rerank.unavailable,
    });
    return { ...ingest, results, passages, rerank: rerank.label, ...(notes.length ? { notes } : {}) };
  } finally {
    await core.dispose();
  }
}

function rowsOf(label: string, results: readonly ModeResult[]): BenchRow[] {
  const rows: BenchRow[] = [];
  for (const r of results)
    for (const k of KS)
      rows.push({
        metric: `${label}: ${r.mode} recall@${k}`,
        value: round(r.recall[k]!, 3),
        unit: '',
        ...(r.unavailable ? { note: `n/a (${r.unavailable})` } : k === 1 ? { note: `p50 ${r.p50Ms} ms/question` } : {}),
      });
  return rows;
}

/**
 * Retrieval quality on real text (issue 15): the HTML pages of a Debian documentation package (git-doc, ~240 pages;
 * downloaded with apt-get and unpacked under the OS temp dir when not installed; never committed) ingested through
 * the real pipeline, and hand-written questions (scripts/bench/retrieval/gitDocQuestions.json: lexical,
 * paraphrased, near-duplicate pages), each with its expected page. Prints page-level recall@1/5/10 for keyword,
 * vector, hybrid, hybrid+rerank (n/a without a reranker) and a plain Okapi BM25 baseline over the same passages.
 *
 * Embedding models: a generated lexical model over the manual's 8,000 most frequent words (no real weights here);
 * HEARTH_BENCH_EMBED_MODEL=/path/model.gguf adds a run with a real GGUF embedding model.
 * HEARTH_BENCH_RERANK_MODEL=/path/reranker.gguf enables hybrid+rerank (the core's rerank stage); `generated` uses the
 * test fixture's reranker, which only prefers the word "zebra" (plumbing and cost, not recall). HEARTH_BENCH_RETRIEVAL_PAGES=N caps the pages
 * (the questions' pages always kept). HEARTH_BENCH_CORPUS sets the package cache dir.
 * HEARTH_BENCH_RETRIEVAL_KEEP=<dir> keeps the pages and each model's data dir there: the first run ingests, later
 * runs reopen the library and only ask the questions (seconds instead of minutes when tuning search). The catalogue's
 * migrations run on open, so a changed keyword index is rebuilt then; a changed chunker or parser needs a fresh dir.
 */
export async function retrievalSuite(): Promise<{ rows: BenchRow[]; meta: Record<string, unknown> }> {
  const file = fileURLToPath(new URL('./retrieval/gitDocQuestions.json', import.meta.url));
  const spec = JSON.parse(await readFile(file, 'utf8')) as QuestionFile;
  const manual = await ensureDebianManual({
    pkg: spec.package,
    root: spec.root,
    cacheDir: process.env.HEARTH_BENCH_CORPUS ?? join(tmpdir(), 'hearth-bench-corpus'),
  });
  const versionNote =
    manual.version === spec.version
      ? null
      : `questions were written against ${spec.package} ${spec.version}; this run reads ${manual.version}`;
  if (versionNote) console.warn(`retrieval bench: ${versionNote}`);
  const maxPages = Number(process.env.HEARTH_BENCH_RETRIEVAL_PAGES) || undefined;
  const pages = await manualPages(manual.dir, { maxPages, keep: new Set(spec.questions.map((q) => q.page)) });
  const missing = spec.questions.filter((q) => !pages.includes(q.page)).map((q) => q.page);
  if (missing.length) throw new Error(`Pages the questions expect are not in ${spec.package}: ${missing.join(', ')}`);

  const keep = process.env.HEARTH_BENCH_RETRIEVAL_KEEP;
  const work = keep ? resolve(keep) : await mkdtemp(join(tmpdir(), 'hearth-bench-retrieval-'));
  if (keep) await mkdir(work, { recursive: true });
  try {
    const corpusDir = join(work, 'corpus');
    const lexicalPath = join(work, 'lexical.gguf');
    // A kept run that ingested already has its pages, and the lexical model inside its data dir.
    if (!(await readIngested(join(work, 'core-0')))) {
      await copyPages(manual.dir, pages, corpusDir);
      const vocab = await corpusVocabulary(corpusDir, pages, VOCAB_SIZE);
      await createLexicalEmbeddingModel(lexicalPath, { vocab });
    }
    const models: EmbeddingChoice[] = [{ label: 'lexical', path: lexicalPath, move: true }];
    const real = process.env.HEARTH_BENCH_EMBED_MODEL;
    if (real) models.push({ label: basename(real, '.gguf'), path: real, move: false });

    const rows: BenchRow[] = [];
    const runs: Record<string, unknown>[] = [];
    for (const model of models) {
      const run = await runModel({
        model,
        dataDir: join(work, `core-${runs.length}`),
        corpusDir,
        questions: spec.questions,
      });
      rows.push(...rowsOf(model.label, run.results), {
        metric: `${model.label}: ingest`,
        value: round(run.ingestS, 1),
        unit: 's',
        note: `${run.indexed} pages, ${run.passages} passages${run.failed.length ? `, ${run.failed.length} failed` : ''}`,
      });
      runs.push({ model: model.label, ...run, ingestS: round(run.ingestS, 1) });
    }
    return {
      rows,
      meta: {
        package: spec.package,
        version: manual.version,
        origin: manual.origin,
        ...(versionNote ? { versionNote } : {}),
        pages: pages.length,
        questions: spec.questions.length,
        kinds: Object.fromEntries(
          [...new Set(spec.questions.map((q) => q.kind))].map((k) => [
            k,
            spec.questions.filter((q) => q.kind === k).length,
          ]),
        ),
        recall:
          'page level: the expected page among the top k distinct pages of the retrieved passages (50 per question)',
        bm25: 'plain Okapi BM25, k1 1.2, b 0.75, over the passages the library holds',
        runs,
      },
    };
  } finally {
    if (!keep) await rm(work, { recursive: true, force: true });
  }
}
