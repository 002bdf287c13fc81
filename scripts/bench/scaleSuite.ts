import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { TestCore } from '../../tests/helpers/tempCore';
import { createLexicalEmbeddingModel } from '../../tests/fixtures/gguf/tinyLlama';
import { startTestCore } from '../../tests/helpers/tempCore';
import { ingestWindows } from './scale/ingestWindows';
import { ProcessPeaks } from './scale/processPeaks';
import { runIngestChild, wallNow } from './scale/runIngestChild';
import { generateScaleCorpus, scaleVocabulary } from './scale/scaleCorpus';
import {
  call,
  latencies,
  listedRows,
  p,
  questions,
  searchLatencies,
  timedStart,
  until,
  type ListAnswer,
  type RestartTiming,
} from './scale/scaleQueries';
import type { BenchRow } from './stats';
import { round } from './stats';

const SEED = 20_261_205;
const WINDOWS = 10;
const RESTARTS = 3;
const LIST_CALLS = 30;
const SEARCHES = 100;
const MB = 1024 * 1024;
/** What slices 1 and 6 hold besides ingesting (at the default 10 slices, the kill comes after slice 5). */
const SLICE_NOTES: Record<number, string> = {
  0: '; includes the inference worker start and model load',
  5: '; first after the kill: includes the model load again',
};
const s = (ms: number): number => round(ms / 1000, 1);

/** Every document indexed exactly once, and chunks = keyword rows = vectors = the passages the corpus promised. */
async function consistency(core: TestCore, documents: number, passages: number): Promise<Record<string, unknown>> {
  const catalog = core.services.libraryCatalog;
  const docs = catalog.listDocuments();
  const indexed = docs.filter((d) => d.status === 'indexed');
  let vectors = 0;
  for (const key of catalog.indexes.list()) vectors += await core.services.library.indexFor(key).count();
  const found = {
    documents: docs.length,
    indexed: indexed.length,
    uniqueNames: new Set(indexed.map((d) => d.name)).size,
    uniqueContent: new Set(indexed.map((d) => d.sha256)).size,
    chunks: catalog.chunkCount(),
    keywordRows: catalog.keywordRowCount(),
    vectors,
    resumableJobs: catalog.jobs.listResumable().length,
  };
  const expected = {
    documents,
    indexed: documents,
    uniqueNames: documents,
    uniqueContent: documents,
    chunks: passages,
    keywordRows: passages,
    vectors: passages,
    resumableJobs: 0,
  };
  if (JSON.stringify(found) !== JSON.stringify(expected))
    throw new Error(`the library is not consistent: ${JSON.stringify(found)}, expected ${JSON.stringify(expected)}`);
  return found;
}

/**
 * `npm run bench -- scale [--docs N]` (issue 23): a generated corpus of N documents (default 10,000; Markdown, HTML
 * and text, ~10 passages each) through the real pipeline with the generated lexical embedding model. The ingest runs
 * in a child core (real Chroma, S3 server and inference worker), SIGKILLed when half the documents are indexed and
 * started again to resume; its rate in 10 slices (does it slow as the library grows?) and each process's peak RSS.
 * Then, in this process: every document indexed once (chunks = keyword rows = vectors), the corpus added as a
 * watched folder, restarts timed to a usable core (list answers, a hybrid search uses vectors, the folder's rescan of
 * N unchanged files over), `library.list` and `library.search` p50/p99 through the dispatcher.
 */
export async function scaleSuite(options: { docs?: number } = {}): Promise<{
  rows: BenchRow[];
  meta: Record<string, unknown>;
}> {
  const documents = options.docs ?? 10_000;
  if (!Number.isInteger(documents) || documents < 20) throw new Error('scale: --docs must be a whole number ≥ 20');
  const label = `${documents.toLocaleString('en')} docs`;
  const started = performance.now();
  const loadAtStart = loadavg().map((n) => round(n, 2));
  const work = await mkdtemp(join(tmpdir(), 'hearth-bench-scale-'));
  const rows: BenchRow[] = [];
  const say = (text: string): void => void process.stderr.write(`scale: ${text}\n`);
  try {
    const corpusDir = join(work, 'corpus');
    const dataDir = join(work, 'data');
    let t = performance.now();
    const vocabulary = scaleVocabulary();
    const corpus = await generateScaleCorpus(corpusDir, { documents, seed: SEED, vocabulary });
    const corpusMs = performance.now() - t;
    const passages = corpus.reduce((n, d) => n + d.passages, 0);
    const passagesOf = new Map(corpus.map((d) => [basename(d.name), d.passages]));
    const bytes = corpus.reduce((n, d) => n + d.bytes, 0);
    say(`${documents} documents, ${passages} passages, ${round(bytes / MB, 1)} MB written in ${s(corpusMs)} s`);

    const model = await createLexicalEmbeddingModel(join(work, 'lexical.gguf'), { vocab: vocabulary });
    const setup = await startTestCore(dataDir);
    await setup.services.modelCatalog.setDefault(
      'embedding',
      (await setup.services.modelCatalog.importFile(model.path, { move: true })).id,
    );
    await setup.dispose();

    // 1. Ingest in a child core, killed with SIGKILL at half, then resumed by a second start.
    const half = Math.ceil(documents / 2);
    const progress = (from: number) => (n: number) => {
      if ((from + n) % Math.max(1, Math.round(documents / 20)) === 0) say(`indexed ${from + n} / ${documents}`);
    };
    const first = await runIngestChild({
      dataDir,
      corpusDir,
      mode: 'ingest',
      killAfter: half,
      onIndexed: progress(0),
    });
    if (first.killedAt === null) throw new Error('the first ingest finished before it could be killed');
    say(`killed at ${first.indexed.length} indexed; resuming`);
    const second = await runIngestChild({
      dataDir,
      corpusDir,
      mode: 'resume',
      onIndexed: progress(first.indexed.length),
    });
    const failed = [...first.failed, ...second.failed];
    if (failed.length) throw new Error(`files failed: ${failed.slice(0, 5).join('; ')}`);
    const indexedEvents = [...first.indexed, ...second.indexed];
    const windows = ingestWindows(
      indexedEvents.map((e) => ({ at: e.at, passages: passagesOf.get(e.name) ?? 0 })),
      { startAt: first.readyAt, windows: WINDOWS, paused: [{ from: first.killedAt, to: second.readyAt }] },
    );
    const ingestSeconds = (first.killedAt - first.readyAt + (second.doneAt! - second.readyAt)) / 1000;
    const resumedFirst = second.indexed[0]?.at ?? second.doneAt!;

    // 2. The library as the user then has it: consistency, a watched folder, restarts, list and search.
    const sampler = new ProcessPeaks(process.pid, 'core (this process, queries)', 1000);
    const start = () => startTestCore(dataDir, { startSidecars: true });
    let core = await start();
    let checked: Record<string, unknown>;
    let firstScanMs: number;
    let warmRescanMs: number;
    const restarts: RestartTiming[] = [];
    try {
      await core.services.storage.ready;
      checked = await consistency(core, documents, passages);
      say('consistent; adding the corpus as a watched folder');
      t = performance.now();
      await core.services.living.watch.add(corpusDir, null);
      await core.services.living.watch.idle();
      await until('the first folder scan', () => core.services.living.watch.list()[0]?.state !== 'scanning', 3_600_000);
      firstScanMs = performance.now() - t;
      t = performance.now();
      core.services.living.watch.rescanAll();
      await core.services.living.watch.idle();
      warmRescanMs = performance.now() - t;
      await consistency(core, documents, passages);
      const [question] = questions(core, 1, 5);
      for (let i = 0; i < RESTARTS; i++) {
        await core.dispose();
        say(`restart ${i + 1} / ${RESTARTS}`);
        const next = await timedStart(start, question!, true);
        core = next.core;
        restarts.push(next.timing);
      }
    } catch (error) {
      await core.dispose();
      throw error;
    }
    try {
      say('library.list and library.search');
      let listAnswer: ListAnswer = {};
      const listTimes = await latencies(LIST_CALLS, async () => {
        listAnswer = await call<ListAnswer>(core, 'library.list', {});
      });
      const listBytes = JSON.stringify(listAnswer).length;
      const asked = questions(core, SEARCHES);
      await searchLatencies(core, 'hybrid', asked.slice(0, 5)); // warm: statements prepared, pages cached
      const keyword = await searchLatencies(core, 'keyword', asked);
      const hybrid = await searchLatencies(core, 'hybrid', asked);
      const storageTimes = await latencies(3, () => call(core, 'library.storage', {}));
      await consistency(core, documents, passages);
      const queryPeaks = await sampler.stop();

      const med = (pick: (r: RestartTiming) => number | null): number =>
        p(
          restarts.map((r) => pick(r) ?? Number.NaN),
          50,
        );
      const ingestPeaks: Record<string, number> = {};
      for (const run of [first, second])
        for (const [role, peak] of Object.entries(run.peaks))
          ingestPeaks[role] = Math.max(ingestPeaks[role] ?? 0, peak);
      const rate = (w: (typeof windows)[number]) => round(w.passagesPerSecond, 1);

      rows.push(
        {
          metric: `${label}: ingest, whole corpus`,
          value: round(ingestSeconds, 1),
          unit: 's',
          note: `${passages} passages, ${round(bytes / MB, 1)} MB; time the cores were up, kill-to-ready excluded`,
        },
        { metric: `${label}: ingest files/s`, value: round(documents / ingestSeconds, 2), unit: 'files/s' },
        { metric: `${label}: ingest passages/s`, value: round(passages / ingestSeconds, 1), unit: 'passages/s' },
      );
      for (const [i, w] of windows.entries()) {
        rows.push({
          metric: `${label}: ingest slice ${i + 1} (docs ${w.fromDoc + 1}–${w.toDoc})`,
          value: round(w.docsPerSecond, 2),
          unit: 'files/s',
          note: `${rate(w)} passages/s over ${round(w.seconds, 1)} s${SLICE_NOTES[i] ?? ''}`,
        });
      }
      // Slice 1 holds the inference worker's start and the model load, so the early rate is slices 2–3.
      const lastTwo = windows.slice(-2).reduce((n, w) => n + w.seconds, 0);
      const early = windows.slice(1, 3).reduce((n, w) => n + w.seconds, 0);
      rows.push({
        metric: `${label}: ingest slowdown, slices 9–10 vs 2–3`,
        value: round(lastTwo / early, 2),
        unit: '× time',
        note: 'above 1: the same number of files took longer in a bigger library',
      });
      for (const [role, peak] of Object.entries(ingestPeaks).sort()) {
        rows.push({ metric: `${label}: peak RSS while ingesting, ${role}`, value: round(peak / MB, 1), unit: 'MB' });
      }
      rows.push(
        {
          metric: `${label}: SIGKILL at 50 %, restart to ready`,
          value: s(second.readyAt - first.killedAt),
          unit: 's',
          note: `killed with ${first.indexed.length} documents reported indexed; sidecars stopped, core started`,
        },
        {
          metric: `${label}: SIGKILL at 50 %, kill to first document indexed`,
          value: s(resumedFirst - first.killedAt),
          unit: 's',
        },
        {
          metric: `${label}: SIGKILL at 50 %, kill to all indexed`,
          value: s(second.doneAt! - first.killedAt),
          unit: 's',
          note: `${second.indexed.length} documents indexed after the restart; then every document once: ${checked.indexed} indexed, chunks = keyword rows = vectors = ${checked.vectors}`,
        },
        {
          metric: `${label}: restart to library.list answering`,
          value: med((r) => r.listMs),
          unit: 'ms',
          note: `median of ${RESTARTS}; core start ${med((r) => r.startMs)} ms (sidecars start in the background)`,
        },
        {
          metric: `${label}: restart to storage ready`,
          value: med((r) => r.storageMs),
          unit: 'ms',
          note: 'Chroma and the S3 server up',
        },
        {
          metric: `${label}: restart to hybrid search answering`,
          value: med((r) => r.searchMs),
          unit: 'ms',
          note: 'with vectors: inference worker started and the model loaded',
        },
        {
          metric: `${label}: restart to watched-folder rescan done`,
          value: med((r) => r.rescanMs),
          unit: 'ms',
          note: `${documents} unchanged files; the living library starts in the background`,
        },
        {
          metric: `${label}: watched folder added, first scan`,
          value: s(firstScanMs),
          unit: 's',
          note: 'files already in the library (ingested as files, not from the folder)',
        },
        { metric: `${label}: watched folder rescan, warm`, value: round(warmRescanMs, 0), unit: 'ms' },
        {
          metric: `${label}: library.list p50`,
          value: p(listTimes, 50),
          unit: 'ms',
          note: `${LIST_CALLS} calls with {}: ${listedRows(listAnswer)} rows, ${round(listBytes / 1024, 1)} KB`,
        },
        { metric: `${label}: library.list p99`, value: p(listTimes, 99), unit: 'ms' },
      );
      for (const [mode, result] of [
        ['keyword', keyword],
        ['hybrid', hybrid],
      ] as const) {
        rows.push(
          {
            metric: `${label}: library.search ${mode} p50`,
            value: p(result.times, 50),
            unit: 'ms',
            note: `${SEARCHES} searches, topK 10, ${round(result.meanPassages, 1)} passages each on average`,
          },
          { metric: `${label}: library.search ${mode} p99`, value: p(result.times, 99), unit: 'ms' },
        );
      }
      rows.push({ metric: `${label}: library.storage p50`, value: p(storageTimes, 50), unit: 'ms', note: '3 calls' });
      for (const [role, peak] of Object.entries(queryPeaks).sort()) {
        rows.push({
          metric: `${label}: peak RSS, restarts and queries, ${role}`,
          value: round(peak / MB, 1),
          unit: 'MB',
        });
      }
      return {
        rows,
        meta: {
          documents,
          passages,
          corpusBytes: bytes,
          corpusMs: Math.round(corpusMs),
          kinds: Object.fromEntries(
            ['markdown', 'html', 'text'].map((k) => [k, corpus.filter((d) => d.kind === k).length]),
          ),
          vocabulary: vocabulary.length,
          embedding: `lexical fixture (256-d, ${vocabulary.length}-word vocabulary)`,
          consistency: checked,
          windows: windows.map((w) => ({ ...w, seconds: round(w.seconds, 2) })),
          restarts: restarts.map((r) =>
            Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Math.round(v ?? -1)])),
          ),
          listTotal: listAnswer.total ?? listedRows(listAnswer),
          peaksBytes: { ingest: ingestPeaks, queries: queryPeaks },
          totalMs: Math.round(performance.now() - started),
          node: process.version,
          cpus: cpus().length,
          cpu: cpus()[0]?.model,
          loadAverageAtStart: loadAtStart,
          loadAverageAtEnd: loadavg().map((n) => round(n, 2)),
          finishedAt: new Date(wallNow()).toISOString(),
        },
      };
    } finally {
      await core.dispose();
    }
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
