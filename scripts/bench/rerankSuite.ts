import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { pino } from 'pino';
import { RuntimeService } from '../../electron/core/runtime/RuntimeService';
import { Supervisor } from '../../electron/core/supervisor';
import { DEFAULT_WORDS } from '../../tests/fixtures/gguf/defaultVocab';
import { createTinyLlamaModel } from '../../tests/fixtures/gguf/tinyLlama';
import { createTinyRerankerModel } from '../../tests/fixtures/gguf/tinyReranker';
import type { BenchRow } from './stats';
import { percentile, round } from './stats';

const root = fileURLToPath(new URL('../../', import.meta.url));
const THREADS = 2;
/** The rerank stage's default depth (RerankStage). */
const DEPTH = 40;
const QUESTIONS = 12;
/** Words per passage: about a chunk's worth of text (~100 tokens with the fixture tokenizer). */
const PASSAGE_WORDS = 90;

function words(count: number, offset: number): string {
  return Array.from({ length: count }, (_, i) => DEFAULT_WORDS[(i * 7 + offset) % DEFAULT_WORDS.length]).join(' ');
}

/**
 * The rerank stage's cost per question through RuntimeService (worker process, IPC): the generated reranker
 * (tests/fixtures/gguf/tinyReranker.ts, a 1-layer BERT) scoring the fused top 40 passages, and time to first token
 * of an answer on the tiny chat model without and with the reranker before it (the answer path runs them in turn).
 * HEARTH_BENCH_RERANK_MODEL=<path to a GGUF reranker> measures a real one instead of the generated model.
 */
export async function rerankSuite(): Promise<{ rows: BenchRow[]; meta: Record<string, unknown> }> {
  const work = await mkdtemp(join(tmpdir(), 'hearth-bench-rerank-'));
  const realReranker = process.env.HEARTH_BENCH_RERANK_MODEL;
  const reranker = realReranker ?? (await createTinyRerankerModel(join(work, 'reranker.gguf'))).path;
  const chat = await createTinyLlamaModel(join(work, 'chat.gguf'), { chatTemplate: 'chatml' });
  const logger = pino({ level: 'warn' });
  const supervisor = new Supervisor({
    runDir: join(work, 'run'),
    watchdogPath: join(root, 'electron/core/supervisor/watchdog.cjs'),
    node: { command: process.execPath },
    logger,
  });
  const paths: Record<string, string> = { chat: chat.path, reranker };
  const runtime = new RuntimeService({
    supervisor,
    logger,
    workerName: 'inference-rerank-bench',
    workerEntry: join(root, 'electron/core/runtime/inference/inferenceWorker.ts'),
    workerExecArgv: ['--import', pathToFileURL(join(root, 'node_modules/tsx/dist/loader.mjs')).href],
    nodeCommand: process.execPath,
    resolveModelPath: (id) => paths[id] ?? null,
    models: () => ({ chat: ['chat'], embedding: [], ranking: ['reranker'] }),
    threads: THREADS,
    contextSize: 2048,
    idleUnloadMs: 0,
    gpu: false,
  });
  const rows: BenchRow[] = [];
  try {
    await runtime.start();
    let t0 = performance.now();
    await runtime.load('reranker', 'ranking');
    rows.push({ metric: 'reranker load', value: Math.round(performance.now() - t0), unit: 'ms' });
    await runtime.load('chat', 'chat');
    const rankMs: number[] = [];
    const ttftPlain: number[] = [];
    const ttftReranked: number[] = [];
    for (let q = 0; q < QUESTIONS; q++) {
      const question = words(8, q * 13);
      const passages = Array.from({ length: DEPTH }, (_, i) => words(PASSAGE_WORDS, q * 101 + i * 17));
      const ask = (sessionId: string) =>
        runtime.chat({ sessionId, message: `${passages.slice(0, 6).join('\n')}\n\n${question}`, maxTokens: 1 });
      // Without: straight to the model. With: the stage scores the top 40 first, then the model answers.
      const plain = await ask(`plain-${q}`);
      ttftPlain.push(plain.usage.ttftMs);
      t0 = performance.now();
      await runtime.rank(question, passages);
      const ranked = performance.now() - t0;
      rankMs.push(ranked);
      const after = await ask(`reranked-${q}`);
      ttftReranked.push(ranked + after.usage.ttftMs);
    }
    const stat = (metric: string, values: number[], note?: string): BenchRow[] => [
      { metric: `${metric} p50`, value: round(percentile(values, 50), 1), unit: 'ms', ...(note ? { note } : {}) },
      { metric: `${metric} p95`, value: round(percentile(values, 95), 1), unit: 'ms' },
    ];
    rows.push(
      ...stat(`rerank ${DEPTH} passages per question`, rankMs, `${PASSAGE_WORDS} words each`),
      ...stat('answer TTFT without reranker', ttftPlain),
      ...stat('answer TTFT with reranker', ttftReranked, 'rerank, then the model'),
    );
  } finally {
    await runtime.dispose();
    await supervisor.dispose();
    await rm(work, { recursive: true, force: true });
  }
  return {
    rows,
    meta: {
      reranker: realReranker ?? 'generated tiny BERT cross-encoder (1 layer, 32 wide, F32)',
      chatModel: 'tiny test model (2 layers, 64 wide)',
      depth: DEPTH,
      questions: QUESTIONS,
      threads: THREADS,
      cpus: cpus().length,
      cpu: cpus()[0]?.model,
      loadAverageAtStart: loadavg().map((n) => round(n, 2)),
    },
  };
}
