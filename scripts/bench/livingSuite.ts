import { mkdtemp, readFile, rm, unlink, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestCore } from '../../tests/helpers/tempCore';
import { createLexicalEmbeddingModel } from '../../tests/fixtures/gguf/tinyLlama';
import { startTestCore } from '../../tests/helpers/tempCore';
import { generateCorpus } from './ingestCorpus';
import type { BenchRow } from './stats';
import { percentile, round } from './stats';

const SEED = 20_261_128;
const DOCUMENTS = 100;
const EDITS = 20;
const SEARCHES = 60;

/** Polls (every 10 ms) until `check` holds; returns the milliseconds it took. */
async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 120_000): Promise<number> {
  const started = performance.now();
  while (!(await check())) {
    if (performance.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
  return performance.now() - started;
}

const keywordHit = (core: TestCore, word: string): boolean =>
  core.services.libraryCatalog.keywordSearch(word, { topK: 5 }).length > 0;
const indexedCount = (core: TestCore): number =>
  core.services.libraryCatalog.listDocuments({ status: 'indexed' }).length;

/** Hybrid-search latencies (ms) for `count` queries, or for as long as `whileRunning` is pending. */
async function searchTimes(core: TestCore, count: number, whileRunning?: Promise<unknown>): Promise<number[]> {
  const queries = ['water sea farm', 'school music hall', 'tree house birds', 'city river road'];
  const times: number[] = [];
  let running = whileRunning !== undefined;
  // Settled either way; the caller awaits the work itself and sees its failure.
  const stop = (): void => {
    running = false;
  };
  whileRunning?.then(stop, stop);
  for (let i = 0; whileRunning ? running : i < count; i++) {
    const started = performance.now();
    await core.services.retriever.search(queries[i % queries.length]!, { topK: 6 });
    times.push(performance.now() - started);
  }
  return times;
}

/**
 * `npm run bench -- living` (issue 7), with the product's own timings (500 ms debounce after file events): how long
 * a watched folder takes to take in a corpus, how soon an edit, a new file and a deletion on disk reach search, and
 * a re-embed to another embedding model against the bare embedding of the same passages (baseline, same run), with
 * search latency while it runs against idle.
 */
export async function livingSuite(): Promise<{ rows: BenchRow[]; meta: Record<string, unknown> }> {
  const work = await mkdtemp(join(tmpdir(), 'hearth-bench-living-'));
  const core = await startTestCore(join(work, 'data'), { startSidecars: true });
  const rows: BenchRow[] = [];
  try {
    await core.services.storage.ready;
    const first = await createLexicalEmbeddingModel(join(work, 'lexical-256.gguf'));
    await core.services.modelCatalog.setDefault(
      'embedding',
      (await core.services.modelCatalog.importFile(first.path)).id,
    );
    const folder = join(work, 'folder');
    const docs = await generateCorpus(folder, { documents: DOCUMENTS, seed: SEED });

    // 1. A folder of documents added to the watch list.
    let started = performance.now();
    await core.services.living.watch.add(folder, null);
    await until('the folder to be indexed', () => indexedCount(core) === DOCUMENTS, 600_000);
    const scanMs = performance.now() - started;
    const chunks = core.services.libraryCatalog.chunkCount();
    rows.push(
      { metric: 'watched folder: initial scan', value: round(scanMs / 1000, 1), unit: 's', note: `${DOCUMENTS} docs` },
      { metric: 'watched folder: scan rate', value: round(DOCUMENTS / (scanMs / 1000), 2), unit: 'docs/s' },
    );

    // 2. Edits, new files and deletions on disk until search sees them (one at a time).
    const markdown = docs.filter((d) => d.kind === 'markdown').slice(0, EDITS);
    const editMs: number[] = [];
    for (const [i, doc] of markdown.entries()) {
      const word = `zedit${String(i)}q`;
      await writeFile(doc.path, `${await readFile(doc.path, 'utf8')}\n\nRevised: ${word}.\n`);
      editMs.push(await until(`edit ${String(i)}`, () => keywordHit(core, word)));
    }
    const addMs: number[] = [];
    const added: string[] = [];
    for (let i = 0; i < EDITS; i++) {
      const word = `znew${String(i)}q`;
      const path = join(folder, `new-${String(i)}.md`);
      added.push(path);
      await writeFile(path, `# New ${String(i)}\n\nWater runs to the sea past the farm: ${word}.\n`);
      addMs.push(await until(`new file ${String(i)}`, () => keywordHit(core, word)));
    }
    const deleteMs: number[] = [];
    for (const [i, path] of added.entries()) {
      await unlink(path);
      deleteMs.push(await until(`delete ${String(i)}`, () => !keywordHit(core, `znew${String(i)}q`)));
    }
    for (const [what, times] of [
      ['edit', editMs],
      ['new file', addMs],
      ['deletion', deleteMs],
    ] as const) {
      rows.push(
        {
          metric: `${what} → search: p50`,
          value: round(percentile(times, 50)),
          unit: 'ms',
          note: `${String(times.length)} one at a time; includes the 500 ms debounce`,
        },
        { metric: `${what} → search: p95`, value: round(percentile(times, 95)), unit: 'ms' },
      );
    }

    // 3. Re-embed everything with another embedding model; baseline: the same passages through the runtime alone.
    const second = await createLexicalEmbeddingModel(join(work, 'lexical-128.gguf'), { nEmbd: 128, seed: 7 });
    const secondId = (await core.services.modelCatalog.importFile(second.path)).id;
    const texts = core.services.libraryCatalog
      .listDocuments({ status: 'indexed' })
      .flatMap((d) => core.services.libraryCatalog.listChunks(d.id).map((c) => c.text));
    started = performance.now();
    for (let i = 0; i < texts.length; i += 32)
      await core.services.runtime.embed(texts.slice(i, i + 32), { modelId: secondId });
    const bareMs = performance.now() - started;
    const idle = await searchTimes(core, SEARCHES);
    await core.services.modelCatalog.setDefault('embedding', secondId);
    started = performance.now();
    const run = core.services.living.reembed.run();
    const during = await searchTimes(core, 0, run);
    const state = await run;
    const reembedMs = performance.now() - started;
    if (state.run?.status !== 'complete') throw new Error(`the re-embed ended ${state.run?.status ?? 'without a run'}`);
    rows.push(
      {
        metric: 're-embed: all documents',
        value: round(reembedMs / 1000, 2),
        unit: 's',
        note: `${String(DOCUMENTS)} docs, ${String(texts.length)} passages, 256-d → 128-d`,
      },
      { metric: 're-embed: passages/s', value: round(texts.length / (reembedMs / 1000), 1), unit: 'passages/s' },
      {
        metric: 'baseline: bare embedding, passages/s',
        value: round(texts.length / (bareMs / 1000), 1),
        unit: 'passages/s',
        note: 'same passages and model, runtime only, batches of 32',
      },
      { metric: 're-embed / bare embedding time', value: round(reembedMs / bareMs, 2), unit: '×' },
      {
        metric: 'search p50, idle',
        value: round(percentile(idle, 50)),
        unit: 'ms',
        note: `${String(SEARCHES)} hybrid`,
      },
      {
        metric: 'search p50, during re-embed',
        value: round(percentile(during, 50)),
        unit: 'ms',
        note: `${String(during.length)} hybrid, all from the old index`,
      },
      { metric: 'search p95, idle', value: round(percentile(idle, 95)), unit: 'ms' },
      { metric: 'search p95, during re-embed', value: round(percentile(during, 95)), unit: 'ms' },
    );
    return {
      rows,
      meta: {
        documents: DOCUMENTS,
        chunks,
        embedding: 'lexical fixture models (256-d, then 128-d), generated',
        vectorStore: 'Chroma (embedded server)',
        node: process.version,
        cpus: cpus().length,
        cpu: cpus()[0]?.model.split(' ').slice(0, 2).join(' '),
      },
    };
  } finally {
    await core.dispose();
    await rm(work, { recursive: true, force: true });
  }
}
