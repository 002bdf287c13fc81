import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { getLlama, LlamaChat, TokenBias, type Llama, type LlamaContext, type LlamaModel } from 'node-llama-cpp';
import { pino } from 'pino';
import { DEFAULT_SYSTEM_PROMPT } from '../../electron/core/runtime/inference/ChatEngine';
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
const EMBED_ROUNDS = 2;

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
  const makeRuntime = (embeddingContexts: number, workerName = 'inference') =>
    new RuntimeService({
      supervisor,
      logger,
      workerName,
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

    // Paired with the in-process baseline, run for run: this VM's speed drifts a lot with its neighbours' load.
    const direct = await DirectGeneration.open(model.path);
    const gen: number[] = [];
    const base: number[] = [];
    const e2e: number[] = [];
    const ttftShort: number[] = [];
    try {
      await direct.run(0);
      for (let run = 0; run < RUNS; run++) {
        const result = await runtime.chat({
          sessionId: `gen-${run}`,
          message: 'Write a story.',
          maxTokens: GEN_TOKENS,
          ignoreEos: true,
          seed: run,
        });
        if (result.usage.completionTokens !== GEN_TOKENS) throw new Error(`generated ${result.usage.completionTokens}`);
        gen.push(result.usage.tokensPerSecond);
        e2e.push((GEN_TOKENS * 1000) / result.usage.durationMs);
        ttftShort.push(result.usage.ttftMs);
        base.push(await direct.run(run + 1));
      }
    } finally {
      await direct.dispose();
    }
    const list = (values: number[]) => values.map((v) => round(v, 1)).join(', ');
    rows.push(
      {
        metric: 'generation tok/s (client, after 1st token)',
        value: round(percentile(gen, 50), 2),
        unit: 'tok/s',
        note: `${GEN_TOKENS} tokens, EOS ignored, median of ${RUNS} (${list(gen)})`,
      },
      { metric: 'generation tok/s (client, incl. prefill)', value: round(percentile(e2e, 50), 2), unit: 'tok/s' },
      { metric: 'TTFT, short prompt', value: Math.round(percentile(ttftShort, 50)), unit: 'ms', note: 'new session' },
      {
        metric: 'baseline: in-process node-llama-cpp tok/s',
        value: round(percentile(base, 50), 2),
        unit: 'tok/s',
        note: `same model/threads/context, no worker, run between the runtime's (${list(base)})`,
      },
      {
        metric: 'runtime / in-process generation (paired)',
        value: round(
          percentile(
            gen.map((g, i) => g / base[i]!),
            50,
          ),
          3,
        ),
        unit: '×',
        note: 'median of per-pair ratios',
      },
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

    // ---- embeddings: 1 vs N parallel contexts, all loaded at once and measured in alternating rounds ----------
    const texts = Array.from({ length: tiny ? 256 : 24 }, (_, i) => words(tiny ? 24 : 40, i * 3));
    const embedders = EMBED_CONTEXTS.map((contexts) => ({
      contexts,
      runtime: makeRuntime(contexts, `embed-${contexts}`),
    }));
    const seconds = new Map<number, number[]>(EMBED_CONTEXTS.map((c) => [c, []]));
    let tokens = 0;
    try {
      for (const { runtime: embedder, contexts } of embedders) await embedder.embed(texts.slice(0, contexts));
      for (let round = 0; round < EMBED_ROUNDS; round++) {
        for (const { runtime: embedder, contexts } of embedders) {
          const start = performance.now();
          tokens = (await embedder.embed(texts)).tokens;
          seconds.get(contexts)!.push((performance.now() - start) / 1000);
        }
      }
    } finally {
      for (const { runtime: embedder } of embedders) await embedder.dispose();
    }
    const textsPerSecond = new Map(EMBED_CONTEXTS.map((c) => [c, texts.length / percentile(seconds.get(c)!, 50)]));
    for (const contexts of EMBED_CONTEXTS) {
      const rate = textsPerSecond.get(contexts)!;
      const label = `${contexts} context${contexts > 1 ? 's' : ''}`;
      rows.push(
        {
          metric: `embedding texts/s (${label})`,
          value: round(rate, 2),
          unit: 'texts/s',
          note: `${texts.length} texts, ${tokens} tokens, ${Math.max(1, Math.floor(THREADS / contexts))} thread(s) each, median of ${EMBED_ROUNDS}`,
        },
        { metric: `embedding tokens/s (${label})`, value: Math.round((rate * tokens) / texts.length), unit: 'tok/s' },
      );
    }
    for (const contexts of EMBED_CONTEXTS.slice(1)) {
      rows.push({
        metric: `embedding ${contexts} contexts / 1 context`,
        value: round(textsPerSecond.get(contexts)! / textsPerSecond.get(1)!, 3),
        unit: '×',
      });
    }
    meta.bestEmbeddingContexts = [...textsPerSecond.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
    meta.loadAverageAtEnd = loadavg().map((n) => round(n, 2));
    return { rows, meta };
  } finally {
    await supervisor.dispose();
    await rm(work, { recursive: true, force: true });
  }
}

/** node-llama-cpp in this process with the runtime's settings: the worker and IPC cost is the difference. */
class DirectGeneration {
  private constructor(
    private readonly llama: Llama,
    private readonly model: LlamaModel,
    private readonly context: LlamaContext,
    private readonly chat: LlamaChat,
    private readonly bias: TokenBias,
  ) {}

  static async open(modelPath: string): Promise<DirectGeneration> {
    const llama = await getLlama({ gpu: 'auto', build: 'never' });
    const model = await llama.loadModel({ modelPath });
    const context = await model.createContext({ contextSize: CONTEXT, threads: THREADS });
    const bias = new TokenBias(model.tokenizer);
    for (const token of model.iterateAllTokens()) if (model.isEogToken(token)) bias.set(token, 'never');
    return new DirectGeneration(llama, model, context, new LlamaChat({ contextSequence: context.getSequence() }), bias);
  }

  /** Generates GEN_TOKENS tokens; tokens/s after the first, as the runtime's figure is measured. */
  async run(seed: number): Promise<number> {
    let first = 0;
    let count = 0;
    await this.chat.generateResponse(
      [
        { type: 'system', text: DEFAULT_SYSTEM_PROMPT },
        { type: 'user', text: `Write a story. ${seed}` },
        { type: 'model', response: [] },
      ],
      {
        maxTokens: GEN_TOKENS,
        tokenBias: this.bias,
        seed,
        temperature: 0.7,
        topP: 0.9,
        onToken: (tokens) => {
          if (count === 0) first = performance.now();
          count += tokens.length;
        },
      },
    );
    return ((count - 1) * 1000) / (performance.now() - first);
  }

  async dispose(): Promise<void> {
    await this.context.dispose();
    await this.model.dispose();
    await this.llama.dispose();
  }
}
