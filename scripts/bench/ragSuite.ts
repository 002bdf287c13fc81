import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fitAnswerPrompt } from '../../electron/core/agents/prompt/fitAnswerPrompt';
import { LIBRARY_EMBEDDING_VERSION } from '../../electron/core/library/createLibraryPart';
import type { TestCore } from '../../tests/helpers/tempCore';
import { DEFAULT_WORDS } from '../../tests/fixtures/gguf/defaultVocab';
import { BENCH_MODEL_OPTIONS, ensureBenchModel } from '../../tests/fixtures/gguf/benchModel';
import { createLexicalEmbeddingModel, createTinyLlamaModel } from '../../tests/fixtures/gguf/tinyLlama';
import { startTestCore } from '../../tests/helpers/tempCore';
import type { BenchRow } from './stats';
import { percentile, round } from './stats';

/** Library sizes in passages; HEARTH_BENCH_RAG_SIZES=1000,10000 picks others (a 100k library takes minutes to build). */
const SIZES = (process.env.HEARTH_BENCH_RAG_SIZES ?? '10000,100000').split(',').map(Number);
const SEARCHES = 200;
/** Searches run before timing at each size (statements prepared, pages cached), as in a library in use. */
const WARM_SEARCHES = 5;
const ANSWERS = 5;
const TOP_K = 6;
const EMBED_BATCH = 64;

/** mulberry32: the same corpus and questions on every run. */
function rng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const random = rng(23);
const sentence = (n: number): string =>
  Array.from({ length: n }, () => DEFAULT_WORDS[Math.floor(random() * DEFAULT_WORDS.length)]).join(' ');

/**
 * Adds documents as the pipeline leaves them (catalogue rows, keyword index, vectors in Chroma), one passage each,
 * embedding through the runtime in batches. Ingestion itself is measured by the ingest suite; this builds the
 * 1k / 10k libraries the answer path is timed against.
 */
async function grow(core: TestCore, from: number, to: number): Promise<string[]> {
  const texts: string[] = [];
  for (let start = from; start < to; start += EMBED_BATCH) {
    const batch = Array.from({ length: Math.min(EMBED_BATCH, to - start) }, () => `${sentence(60)}.`);
    const { vectors, model } = await core.services.runtime.embed(batch);
    const store = core.services.library.indexFor({
      model: model.modelId,
      version: LIBRARY_EMBEDDING_VERSION,
      dimensions: vectors[0]!.length,
    });
    const chunks = batch.map((text, i) => {
      const doc = core.services.libraryCatalog.createDocument({
        name: `doc-${start + i}.txt`,
        type: 'text',
        status: 'indexed',
      });
      const [chunk] = core.services.libraryCatalog.replaceChunks(doc.id, 1, [
        { ordinal: 0, text, provenance: { lineStart: 1, lineEnd: 1 }, tokenCount: 60 },
      ]);
      core.services.libraryCatalog.updateDocument(doc.id, {
        embeddingVersion: LIBRARY_EMBEDDING_VERSION,
        size: text.length,
      });
      return { id: chunk!.id, documentId: doc.id, vector: vectors[i]!, text, metadata: { lineStart: 1, lineEnd: 1 } };
    });
    await store.upsert(chunks);
    texts.push(...batch);
  }
  return texts;
}

/** A question made of words of one passage, as a person would ask it. */
function questionFor(text: string): string {
  const words = text.replace('.', '').split(' ');
  const picked = Array.from({ length: 5 }, () => words[Math.floor(random() * words.length)]);
  return `what does it say about ${picked.join(' ')}`;
}

/**
 * The answer path at 10k and 100k documents: keyword and hybrid retrieval latency (p50/p99 of 200 searches each,
 * after 5 untimed ones), then time to first token split into query embedding, search (vector + keyword + fusion),
 * prompt building, and prefill + first token (the runtime's own time to first delta). The chat model is the ~1.2B random-weight bench model on 2 threads
 * (HEARTH_BENCH_TINY=1: the tiny test model); the embedding model is the lexical fixture.
 */
export async function ragSuite(): Promise<{ rows: BenchRow[]; meta: Record<string, unknown> }> {
  const tiny = process.env.HEARTH_BENCH_TINY === '1';
  const work = await mkdtemp(join(tmpdir(), 'hearth-bench-rag-'));
  const core = await startTestCore(join(work, 'data'), { startSidecars: true });
  const rows: BenchRow[] = [];
  try {
    await core.services.storage.ready;
    const embed = await core.services.modelCatalog.importFile(
      (await createLexicalEmbeddingModel(join(work, 'lex.gguf'))).path,
    );
    await core.services.modelCatalog.setDefault('embedding', embed.id);
    const chatPath = tiny
      ? (await createTinyLlamaModel(join(work, 'chat.gguf'))).path
      : (await ensureBenchModel(process.env.HEARTH_BENCH_MODELS ?? join(tmpdir(), 'hearth-bench-models'))).path;
    const chat = await core.services.modelCatalog.importFile(chatPath, { move: false });
    await core.services.modelCatalog.setDefault('chat', chat.id);
    const contextSize = core.services.settings.get().inference.contextSize;

    let texts: string[] = [];
    for (const size of SIZES) {
      const started = performance.now();
      texts = texts.concat(await grow(core, texts.length, size));
      const loadS = (performance.now() - started) / 1000;
      const label = `${size / 1000}k docs`;

      for (const mode of ['keyword', 'hybrid'] as const) {
        const latencies: number[] = [];
        const steps = { embed: [] as number[], vector: [] as number[], keyword: [] as number[], fuse: [] as number[] };
        for (let i = -WARM_SEARCHES; i < SEARCHES; i++) {
          const q = questionFor(texts[Math.floor(random() * texts.length)]!);
          const t0 = performance.now();
          const { timings } = await core.services.retriever.search(q, { topK: TOP_K, mode });
          if (i < 0) continue;
          latencies.push(performance.now() - t0);
          steps.embed.push(timings.embedMs);
          steps.vector.push(timings.vectorMs);
          steps.keyword.push(timings.keywordMs);
          steps.fuse.push(timings.fuseMs);
        }
        const p = (v: number[], at: number) => round(percentile(v, at), 2);
        rows.push(
          { metric: `${label}: ${mode} search p50`, value: p(latencies, 50), unit: 'ms' },
          { metric: `${label}: ${mode} search p99`, value: p(latencies, 99), unit: 'ms' },
        );
        if (mode === 'hybrid') {
          rows.push({
            metric: `${label}: hybrid steps (median)`,
            value: p(latencies, 50),
            unit: 'ms',
            note: `embed ${p(steps.embed, 50)} (overlaps keyword ${p(steps.keyword, 50)}), vector ${p(steps.vector, 50)}, fuse + lookup ${p(steps.fuse, 50)}`,
          });
        }
      }
      rows.push({
        metric: `${label}: library built in`,
        value: round(loadS, 1),
        unit: 's',
        note: 'embed + index, setup',
      });

      const parts = { embed: [] as number[], search: [] as number[], prompt: [] as number[], first: [] as number[] };
      const promptTokens: number[] = [];
      for (let i = 0; i < ANSWERS; i++) {
        const question = questionFor(texts[Math.floor(random() * texts.length)]!);
        const result = await core.services.retriever.search(question, { topK: TOP_K });
        const t = result.timings;
        parts.embed.push(t.embedMs);
        parts.search.push(t.vectorMs + t.keywordMs + t.fuseMs);
        // The prompt is fitted inside the turn, with the model's tokenizer: its time is taken out of the TTFT.
        let promptMs = 0;
        const reply = await core.services.runtime.chat(
          { sessionId: `bench-${size}-${i}`, message: question, maxTokens: 2, temperature: 0 },
          {
            fit: async (meter) => {
              const t0 = performance.now();
              const prompt = await fitAnswerPrompt({
                question,
                passages: result.passages,
                history: [],
                onlyFromDocuments: true,
                meter,
              });
              promptMs = performance.now() - t0;
              return { systemPrompt: prompt.system, messages: [{ role: 'user', content: prompt.user }] };
            },
          },
        );
        parts.prompt.push(promptMs);
        core.services.runtime.forgetSession(`bench-${size}-${i}`);
        parts.first.push(reply.usage.ttftMs - promptMs);
        promptTokens.push(reply.usage.promptTokens);
      }
      const med = (v: number[]) => round(percentile(v, 50), 1);
      const total = med(parts.embed) + med(parts.search) + med(parts.prompt) + med(parts.first);
      rows.push(
        { metric: `${label}: TTFT query embedding`, value: med(parts.embed), unit: 'ms', note: 'median' },
        { metric: `${label}: TTFT search`, value: med(parts.search), unit: 'ms', note: 'vector + keyword + fusion' },
        { metric: `${label}: TTFT prompt building`, value: med(parts.prompt), unit: 'ms' },
        {
          metric: `${label}: TTFT prefill + first token`,
          value: med(parts.first),
          unit: 'ms',
          note: `${med(promptTokens)} prompt tokens`,
        },
        { metric: `${label}: TTFT total`, value: round(total, 1), unit: 'ms', note: 'sum of medians' },
      );
    }
    return {
      rows,
      meta: {
        chatModel: tiny ? 'tiny test model' : `${BENCH_MODEL_OPTIONS.name} (random weights, Q8_0)`,
        embeddingModel: 'lexical fixture (256-d)',
        threads: core.services.settings.get().inference.threads,
        contextSize,
        topK: TOP_K,
        searches: SEARCHES,
        answers: ANSWERS,
      },
    };
  } finally {
    await core.dispose();
    await rm(work, { recursive: true, force: true });
  }
}
