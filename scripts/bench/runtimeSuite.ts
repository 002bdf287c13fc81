import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { getLlama, LlamaChat, TokenBias } from 'node-llama-cpp';
import { pino } from 'pino';
import { RuntimeService } from '../../electron/core/runtime/RuntimeService';
import { Supervisor } from '../../electron/core/supervisor';
import { DEFAULT_WORDS } from '../../tests/fixtures/gguf/defaultVocab';
import { BENCH_MODEL_OPTIONS, ensureBenchModel } from '../../tests/fixtures/gguf/benchModel';
import { createTinyLlamaModel } from '../../tests/fixtures/gguf/tinyLlama';
import type { BenchRow } from './stats';
import { percentile, round } from './stats';

const root = fileURLToPath(new URL('../../', import.meta.url));
const THREADS = 2;
const CONTEXT = 2048;
const GEN_TOKENS = 64;
const RUNS = 3;
const EMBED_CONTEXTS = [1, 2, 4];

/** Deterministic filler text from the fixture vocabulary: the bench model's tokenizer knows these words. */
function words(count: number, offset: number): string {
  return Array.from({ length: count }, (_, i) => DEFAULT_WORDS[(i * 7 + offset) % DEFAULT_WORDS.length]).join(' ');
}

/**
 * Local inference through RuntimeService (worker process, IPC, supervisor) on a ~1.2B random-weight model with 2
 * threads: generation speed as a client sees it (fixed token count, EOS ignored), prefill speed, time to first token,
 * KV reuse on a second turn, and embedding throughput with 1 vs N parallel contexts. Baseline in the same run:
 * node-llama-cpp called in-process with the same settings. HEARTH_BENCH_TINY=1 uses the tiny test model (fast).
 */
export async function runtimeSuite(): Promise<{ rows: BenchRow[]; meta: Record<string, unknown> }> {
  const tiny = process.env.HEARTH_BENCH_TINY === '1';
  const work = await mkdtemp(join(tmpdir(), 'hearth-bench-runtime-'));
  const model = tiny
    ? await createTinyLlamaModel(join(work, 'tiny.gguf'), { chatTemplate: 'chatml' })
    : await ensureBenchModel(process.env.HEARTH_BENCH_MODELS ?? join(tmpdir(), 'hearth-bench-models'));
  const logger = pino({ level: 'warn' });
  const supervisor = new Supervisor({
    runDir: join(work, 'run'),
    watchdogPath: join(root, 'electron/core/supervisor/watchdog.cjs'),
    node: { command: process.execPath },
    logger,
  });
  const makeRuntime = (embeddingContexts: number) =>
    new RuntimeService({
      supervisor,
      logger,
      workerEntry: join(root, 'electron/core/runtime/inference/inferenceWorker.ts'),
      workerExecArgv: ['--import', pathToFileURL(join(root, 'node_modules/tsx/dist/loader.mjs')).href],
      nodeCommand: process.execPath,
      resolveModelPath: (id) => (id === 'bench' ? model.path : null),
      models: () => ({ chat: ['bench'], embedding: ['bench'] }),
      threads: THREADS,
      contextSize: CONTEXT,
      embeddingContextSize: 512,
      embeddingContexts,
      idleUnloadMs: 0,
      gpu: 'auto',
    });
  const rows: BenchRow[] = [];
  const meta: Record<string, unknown> = {
    model: tiny ? 'tiny test model' : `${BENCH_MODEL_OPTIONS.name} (random weights, Q8_0)`,
    modelBytes: model.sizeBytes,
    threads: THREADS,
    contextSize: CONTEXT,
    node: process.version,
    cpus: cpus().length,
    cpu: cpus()[0]?.model,
    loadAverageAtStart: loadavg().map((n) => round(n, 2)),
  };

  try {
    // ---- chat through the runtime ----------------------------------------------------------------------------
    const runtime = makeRuntime(1);
    let t0 = performance.now();
    await runtime.start();
    rows.push({ metric: 'worker start (to ready)', value: Math.round(performance.now() - t0), unit: 'ms' });
    t0 = performance.now();
    const loaded = await runtime.load('bench');
    rows.push({
      metric: 'model load',
      value: Math.round(performance.now() - t0),
      unit: 'ms',
      note: `${round(model.sizeBytes / 1e9, 2)} GB`,
    });
    const status = await runtime.status();
    meta.device = status.device;
    meta.gpuLayers = loaded.gpuLayers;
    await runtime.chat({ sessionId: 'warm', message: 'hello', maxTokens: 4, ignoreEos: true });

    const gen: number[] = [];
    const e2e: number[] = [];
    const ttftShort: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      let deltas = 0;
      const result = await runtime.chat(
        { sessionId: `gen-${run}`, message: 'Write a story.', maxTokens: GEN_TOKENS, ignoreEos: true, seed: run },
        { onEvent: (e) => void (e.type === 'delta' && deltas++) },
      );
      if (result.usage.completionTokens !== GEN_TOKENS) throw new Error(`generated ${result.usage.completionTokens}`);
      gen.push(result.usage.tokensPerSecond);
      e2e.push((GEN_TOKENS * 1000) / result.usage.durationMs);
      ttftShort.push(result.usage.ttftMs);
    }
    const genMedian = percentile(gen, 50);
    rows.push(
      {
        metric: 'generation tok/s (client, after 1st token)',
        value: round(genMedian, 2),
        unit: 'tok/s',
        note: `${GEN_TOKENS} tokens, EOS ignored, median of ${RUNS} (${gen.map((g) => round(g, 1)).join(', ')})`,
      },
      { metric: 'generation tok/s (client, incl. prefill)', value: round(percentile(e2e, 50), 2), unit: 'tok/s' },
      { metric: 'TTFT, short prompt', value: Math.round(percentile(ttftShort, 50)), unit: 'ms', note: 'cold session' },
    );

    const prefill: number[] = [];
    const ttftLong: number[] = [];
    let promptTokens = 0;
    for (let run = 0; run < 2; run++) {
      const result = await runtime.chat({ sessionId: `prefill-${run}`, message: words(300, run), maxTokens: 1 });
      promptTokens = result.usage.evaluatedTokens;
      prefill.push((result.usage.evaluatedTokens * 1000) / result.usage.ttftMs);
      ttftLong.push(result.usage.ttftMs);
    }
    rows.push(
      {
        metric: 'prefill tok/s',
        value: round(percentile(prefill, 50), 1),
        unit: 'tok/s',
        note: `${promptTokens}-token prompt, evaluated / TTFT`,
      },
      { metric: 'TTFT, long prompt', value: Math.round(percentile(ttftLong, 50)), unit: 'ms' },
    );
    const second = await runtime.chat({ sessionId: 'prefill-0', message: 'And then?', maxTokens: 1 });
    rows.push({
      metric: 'TTFT, 2nd turn of the long conversation',
      value: Math.round(second.usage.ttftMs),
      unit: 'ms',
      note: `KV reuse: evaluated ${second.usage.evaluatedTokens} of ${second.usage.promptTokens} prompt tokens`,
    });
    await runtime.dispose();

    // ---- baseline: node-llama-cpp in-process, same model and settings ------------------------------------------
    const direct = await directGeneration(model.path);
    rows.push(
      {
        metric: 'baseline: in-process node-llama-cpp tok/s',
        value: round(direct, 2),
        unit: 'tok/s',
        note: `${GEN_TOKENS} tokens, same threads/context, no worker`,
      },
      { metric: 'runtime / in-process generation', value: round(genMedian / direct, 3), unit: '×' },
    );

    // ---- embeddings: 1 vs N parallel contexts -------------------------------------------------------------------
    const texts = Array.from({ length: tiny ? 256 : 24 }, (_, i) => words(tiny ? 24 : 40, i * 3));
    const perContexts = new Map<number, number>();
    for (const contexts of EMBED_CONTEXTS) {
      const embedRuntime = makeRuntime(contexts);
      await embedRuntime.embed(texts.slice(0, contexts));
      const start = performance.now();
      const result = await embedRuntime.embed(texts);
      const seconds = (performance.now() - start) / 1000;
      await embedRuntime.dispose();
      perContexts.set(contexts, texts.length / seconds);
      rows.push(
        {
          metric: `embedding texts/s (${contexts} context${contexts > 1 ? 's' : ''})`,
          value: round(texts.length / seconds, 2),
          unit: 'texts/s',
          note: `${texts.length} texts, ${result.tokens} tokens, ${Math.max(1, Math.floor(THREADS / contexts))} thread(s) each`,
        },
        {
          metric: `embedding tokens/s (${contexts} context${contexts > 1 ? 's' : ''})`,
          value: Math.round(result.tokens / seconds),
          unit: 'tok/s',
        },
      );
    }
    const base = perContexts.get(1)!;
    for (const contexts of EMBED_CONTEXTS.slice(1)) {
      rows.push({
        metric: `embedding ${contexts} contexts / 1 context`,
        value: round(perContexts.get(contexts)! / base, 3),
        unit: '×',
      });
    }
    meta.bestEmbeddingContexts = [...perContexts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
    meta.loadAverageAtEnd = loadavg().map((n) => round(n, 2));
    return { rows, meta };
  } finally {
    await supervisor.dispose();
    await rm(work, { recursive: true, force: true });
  }
}

/** Generation speed of node-llama-cpp in this process: the cost of the worker and IPC is the difference. */
async function directGeneration(modelPath: string): Promise<number> {
  const llama = await getLlama({ gpu: 'auto', build: 'never' });
  const model = await llama.loadModel({ modelPath });
  const context = await model.createContext({ contextSize: CONTEXT, threads: THREADS });
  try {
    const chat = new LlamaChat({ contextSequence: context.getSequence() });
    const bias = new TokenBias(model.tokenizer);
    for (const token of model.iterateAllTokens()) if (model.isEogToken(token)) bias.set(token, 'never');
    const speeds: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      let first = 0;
      let count = 0;
      await chat.generateResponse(
        [
          { type: 'system', text: 'You are a helpful assistant. Answer briefly and accurately.' },
          { type: 'user', text: `Write a story. ${run}` },
          { type: 'model', response: [] },
        ],
        {
          maxTokens: GEN_TOKENS,
          tokenBias: bias,
          seed: run,
          temperature: 0.7,
          onToken: (tokens) => {
            if (count === 0) first = performance.now();
            count += tokens.length;
          },
        },
      );
      speeds.push(((count - 1) * 1000) / (performance.now() - first));
    }
    return percentile(speeds, 50);
  } finally {
    await context.dispose();
    await model.dispose();
    await llama.dispose();
  }
}
