import { copyFile, link, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestCore } from '../../tests/helpers/tempCore';
import { parseFile } from '../../electron/core/library/parse/parseFile';
import { BENCH_MODEL_OPTIONS, ensureBenchModel } from '../../tests/fixtures/gguf/benchModel';
import { DEFAULT_WORDS } from '../../tests/fixtures/gguf/defaultVocab';
import { createLexicalEmbeddingModel } from '../../tests/fixtures/gguf/tinyLlama';
import { startTestCore } from '../../tests/helpers/tempCore';
import { generateCorpus, summarizeCorpus, type CorpusDoc } from './ingestCorpus';
import { LIBRARY_EMBEDDING_VERSION } from '../../electron/core/library/createLibraryPart';
import {
  childPeaks,
  descendantsOf,
  describeProcesses,
  RssSampler,
  StageClock,
  tallyEmbeds,
  tallyVectorWrites,
} from './ingestProbes';
import { ingestRows } from './ingestRows';
import type { IngestRun, Probe } from './ingestRun';
import type { BenchRow } from './stats';
import { round } from './stats';

const SEED = 20_250_101;
const DOCUMENTS = 200;
/** The issue's budget for the ~1B-shape model. */
const TOKEN_BUDGET = 20_000;
/**
 * If the probe says the budget would take longer than this to embed, the budget shrinks to fit (and the output says
 * so). The batch takes ~1.3× the projection: chunks hold more model tokens than the chunker's estimate, and the
 * pipeline adds its own work, so this keeps run 2 near two minutes.
 */
const BUDGET_SECONDS = 90;
const MIN_BUDGET = 2_000;

interface RunSpec {
  label: string;
  model: string;
  dataDir: string;
  modelPath: string;
  /** Chooses what to ingest once the model is warm, knowing how fast it embeds. */
  select(probe: Probe): Promise<{ dir: string; docs: CorpusDoc[]; budgetNote?: string }>;
}

/**
 * Deterministic probe texts in the models' vocabulary: four of 100 words, one call, like a short document's chunks
 * (smaller probes under-use the parallel embedding contexts and read slower than the batch runs).
 */
function probeTexts(): string[] {
  return Array.from({ length: 4 }, (_, t) =>
    Array.from({ length: 100 }, (_, i) => DEFAULT_WORDS[(i * 13 + t * 31) % DEFAULT_WORDS.length]).join(' '),
  );
}

/**
 * One end-to-end run on a fresh core (its own data dir, real sidecars: Chroma and the S3 server, and the inference
 * worker), so the content-hash check never skips a file indexed by an earlier run and each run's peaks are its own.
 */
async function runIngest(spec: RunSpec): Promise<IngestRun> {
  let t = performance.now();
  const core: TestCore = await startTestCore(spec.dataDir, { startSidecars: true });
  try {
    await core.services.storage.ready;
    const coreStartMs = performance.now() - t;
    t = performance.now();
    const info = await core.services.modelCatalog.importFile(spec.modelPath, { move: true });
    await core.services.modelCatalog.setDefault('embedding', info.id);
    const modelImportMs = performance.now() - t;

    // Warm-up outside the timed batch: the first embed loads the model into the inference worker.
    t = performance.now();
    await core.services.runtime.embed(['warm up']);
    const loadMs = performance.now() - t;
    t = performance.now();
    const probeResult = await core.services.runtime.embed(probeTexts());
    const probe = { loadMs, tokensPerSecond: probeResult.tokens / ((performance.now() - t) / 1000) };
    const selection = await spec.select(probe);

    // The index the batch will write to: the model the probe used, its dimensions, this embedding version.
    const index = core.services.library.indexFor({
      model: probeResult.model.modelId ?? probeResult.model.name,
      version: LIBRARY_EMBEDDING_VERSION,
      dimensions: probeResult.dimensions,
    });
    const writes = tallyVectorWrites(index);
    const clock = new StageClock();
    const hook = tallyEmbeds(core.services.runtime);
    const sampler = new RssSampler(100);
    t = performance.now();
    let result;
    try {
      result = await core.services.library.ingest({ paths: [selection.dir] }, { onProgress: clock.onProgress });
    } finally {
      sampler.stop();
      hook.restore();
      writes.restore();
    }
    const wallMs = performance.now() - t;
    const failed = result.files.filter((f) => f.stage !== 'indexed');
    if (failed.length || result.files.length !== selection.docs.length) {
      const reasons = failed.map((f) => `${f.name}: ${f.error?.code} ${f.error?.message}`).join('; ');
      throw new Error(`${spec.label}: ${failed.length} of ${result.files.length} files not indexed (${reasons})`);
    }

    if (writes.tally.upserts === 0)
      throw new Error(`${spec.label}: the batch wrote to another vector index than timed`);
    const documents = core.services.libraryCatalog.listDocuments({ status: 'indexed' });
    const chunkTokens = documents
      .flatMap((d) => core.services.libraryCatalog.listChunks(d.id))
      .reduce((n, c) => n + c.tokenCount, 0);
    let vectors = 0;
    for (const key of core.services.libraryCatalog.indexes.list())
      vectors += await core.services.library.indexFor(key).count();
    const stages = Object.fromEntries(clock.totals);
    stages.embed = hook.tally.ms;
    stages.vectors = (stages['embed+vectors'] ?? 0) - hook.tally.ms;
    return {
      label: spec.label,
      model: spec.model,
      docs: selection.docs,
      ...(selection.budgetNote ? { budgetNote: selection.budgetNote } : {}),
      coreStartMs,
      modelImportMs,
      probe,
      wallMs,
      chunks: core.services.libraryCatalog.chunkCount(),
      chunkTokens,
      vectors,
      keywordRows: core.services.libraryCatalog.keywordRowCount(),
      stages,
      embed: hook.tally,
      vectorWrites: writes.tally,
      rssStartBytes: sampler.start,
      rssPeakBytes: sampler.peak,
      children: await childPeaks(core.services.supervisor.list()),
    };
  } finally {
    await core.dispose();
  }
}

/** In-process parseFile over each document, one at a time: the reading-and-parsing floor of ingestion. */
async function parseOnly(docs: readonly CorpusDoc[]): Promise<Map<string, number>> {
  // Warm-up: the first PDF and DOCX load their parsers' modules.
  for (const doc of docs.slice(0, 4)) await parseFile(doc.path, { maxBytes: 1e9 });
  const ms = new Map<string, number>();
  for (const doc of docs) {
    const t = performance.now();
    const parsed = await parseFile(doc.path, { maxBytes: 1e9 });
    ms.set(doc.path, performance.now() - t);
    if (parsed.sections.length === 0) throw new Error(`${doc.name} parsed to nothing`);
  }
  return ms;
}

/** The corpus prefix of about `budget` tokens (whole documents, in corpus order, so the mix of kinds stays). */
function prefixOf(docs: readonly CorpusDoc[], budget: number): CorpusDoc[] {
  const chosen: CorpusDoc[] = [];
  let tokens = 0;
  for (const doc of docs) {
    if (tokens >= budget) break;
    chosen.push(doc);
    tokens += doc.approxTokens;
  }
  return chosen;
}

/** The issue's 20k-token budget, or less where the probe says embedding it would take more than BUDGET_SECONDS. */
function tokenBudget(probe: Probe): { budget: number; note?: string } {
  const forced = Number(process.env.HEARTH_BENCH_INGEST_TOKENS);
  if (Number.isFinite(forced) && forced > 0) return { budget: forced, note: 'set by HEARTH_BENCH_INGEST_TOKENS' };
  const projected = TOKEN_BUDGET / probe.tokensPerSecond;
  if (projected <= BUDGET_SECONDS) return { budget: TOKEN_BUDGET };
  const budget = Math.max(MIN_BUDGET, Math.floor((probe.tokensPerSecond * BUDGET_SECONDS) / 500) * 500);
  return {
    budget,
    note:
      `budget reduced from ${TOKEN_BUDGET} to ${budget} tokens: this machine embeds ${round(probe.tokensPerSecond, 1)} ` +
      `tok/s with this model, so ${TOKEN_BUDGET} tokens would take ~${Math.round(projected)} s`,
  };
}

/**
 * Ingestion end to end through the core (`core.services.library.ingest`: sniff, hash, store in the S3 server, parse, chunk,
 * keyword index, embed in the inference worker, upsert into Chroma) on a corpus generated in code: 200 documents
 * (PDFs of 3–8 pages, DOCX, Markdown, TypeScript and Python), seeded. Run 1: the whole corpus with the tiny lexical
 * embedding model, so the figures show the pipeline rather than the model. Run 2: ~20k tokens of it with the ~1.2B
 * bench model (random weights) as the embedding model. Baseline in the same run: parseFile alone over the same
 * files. HEARTH_BENCH_TINY=1 uses the lexical model for run 2 as well (fast); HEARTH_BENCH_INGEST_TOKENS fixes
 * run 2's budget.
 */
export async function ingestSuite(): Promise<{ rows: BenchRow[]; meta: Record<string, unknown> }> {
  const tiny = process.env.HEARTH_BENCH_TINY === '1';
  const started = performance.now();
  const work = await mkdtemp(join(tmpdir(), 'hearth-bench-ingest-'));
  const loadAverageAtStart = loadavg().map((n) => round(n, 2));
  try {
    let t = performance.now();
    const corpus = await generateCorpus(join(work, 'corpus'), { documents: DOCUMENTS, seed: SEED });
    const corpusMs = performance.now() - t;
    const parseMs = await parseOnly(corpus);

    const lexical = await createLexicalEmbeddingModel(join(work, 'lexical.gguf'));
    const run1 = await runIngest({
      label: 'lexical',
      model: 'tiny lexical embedding model (256 dims, 1 layer)',
      dataDir: join(work, 'core-lexical'),
      modelPath: lexical.path,
      select: async () => ({ dir: join(work, 'corpus'), docs: corpus }),
    });

    t = performance.now();
    const cached = tiny
      ? await createLexicalEmbeddingModel(join(work, 'lexical-2.gguf'))
      : await ensureBenchModel(process.env.HEARTH_BENCH_MODELS ?? join(tmpdir(), 'hearth-bench-models'));
    const benchModelMs = performance.now() - t;
    // A hard link (or copy) in the work dir, imported with move: the catalogue takes it without a 1.3 GB copy.
    const modelPath = join(work, 'embedding-model.gguf');
    await link(cached.path, modelPath).catch(() => copyFile(cached.path, modelPath));
    const run2 = await runIngest({
      label: tiny ? 'lexical (budget)' : '1.2B',
      model: tiny ? 'tiny lexical embedding model (HEARTH_BENCH_TINY=1)' : `${BENCH_MODEL_OPTIONS.name} (random, Q8_0)`,
      dataDir: join(work, 'core-budget'),
      modelPath,
      select: async (probe) => {
        const { budget, note } = tokenBudget(probe);
        const docs = prefixOf(corpus, budget);
        const dir = join(work, 'subset');
        await mkdir(dir);
        for (const doc of docs) await copyFile(doc.path, join(dir, doc.name));
        const budgetNote = `token budget ${budget}${note ? ` (${note})` : ''}`;
        return { dir, docs: docs.map((d) => ({ ...d, path: join(dir, d.name) })), budgetNote };
      },
    });
    // Paths in run 2 point at copies; the parse baseline is keyed by the corpus's own paths.
    const baselineMs = (docs: readonly CorpusDoc[]): number =>
      docs.reduce((n, d) => n + (parseMs.get(join(work, 'corpus', d.name)) ?? 0), 0);

    const rowsOf = (run: IngestRun, baseline: boolean): BenchRow[] =>
      ingestRows({
        run,
        parseOnlyMs: baselineMs(run.docs),
        parseOnlyPdfMs: baselineMs(run.docs.filter((d) => d.kind === 'pdf')),
        baseline,
      });
    const rows = [...rowsOf(run1, true), ...rowsOf(run2, false)];
    // tsx's esbuild service (it compiles this script's TypeScript) lives as long as this process: not a leftover.
    const leftover = (await describeProcesses(await descendantsOf(process.pid))).filter(
      (p) => !/esbuild --service/.test(p),
    );
    if (leftover.length)
      console.warn(`ingest bench: processes left after disposing the cores:\n${leftover.join('\n')}`);
    return {
      rows,
      meta: {
        seed: SEED,
        corpus: { ...summarizeCorpus(corpus), generatedMs: Math.round(corpusMs) },
        budgetCorpus: summarizeCorpus(run2.docs),
        budget: run2.budgetNote,
        runs: [run1, run2].map((run) => ({
          label: run.label,
          model: run.model,
          coreStartMs: Math.round(run.coreStartMs),
          modelImportMs: Math.round(run.modelImportMs),
          modelLoadMs: Math.round(run.probe.loadMs),
          probeTokensPerSecond: round(run.probe.tokensPerSecond, 1),
          wallMs: Math.round(run.wallMs),
          chunks: run.chunks,
          vectors: run.vectors,
          keywordRows: run.keywordRows,
          chunkTokens: run.chunkTokens,
          embed: { ...run.embed, ms: Math.round(run.embed.ms) },
          vectorWrites: {
            ...run.vectorWrites,
            deleteMs: Math.round(run.vectorWrites.deleteMs),
            upsertMs: Math.round(run.vectorWrites.upsertMs),
          },
          stagesMs: Object.fromEntries(Object.entries(run.stages).map(([k, v]) => [k, Math.round(v)])),
          rssStartBytes: run.rssStartBytes,
          rssPeakBytes: run.rssPeakBytes,
          children: run.children,
        })),
        benchModelPrepareMs: Math.round(benchModelMs),
        concurrency: 'library default (2 files at once)',
        leftoverProcesses: leftover,
        totalMs: Math.round(performance.now() - started),
        node: process.version,
        cpus: cpus().length,
        cpu: cpus()[0]?.model,
        loadAverageAtStart,
        loadAverageAtEnd: loadavg().map((n) => round(n, 2)),
      },
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
