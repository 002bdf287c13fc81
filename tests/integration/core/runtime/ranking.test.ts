import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RetrievedPassage } from '../../../../electron/core/agents/retrieval/HybridRetriever';
import { RERANK_FAILED_NOTE, RerankStage } from '../../../../electron/core/agents/retrieval/RerankStage';
import { createTinyLlamaModel } from '../../../fixtures/gguf/tinyLlama';
import { createTinyRerankerModel } from '../../../fixtures/gguf/tinyReranker';
import { rejection, scratchDir, startRuntime, type TestRuntime } from './runtimeHarness';

/*
 * The rerank stage on real llama.cpp: a generated cross-encoder (tests/fixtures/gguf/tinyReranker.ts) in the
 * inference worker's ranking slot. Its score is designed: high exactly when a pair contains the word "zebra".
 */

let dir: Awaited<ReturnType<typeof scratchDir>>;
let main: TestRuntime;
const logger = pino({ level: 'silent' });

beforeAll(async () => {
  dir = await scratchDir('hearth-ranking-');
  await createTinyRerankerModel(join(dir.path, 'reranker.gguf'));
  await createTinyLlamaModel(join(dir.path, 'tiny.gguf'));
  main = await startRuntime(dir.path, {
    models: () => ({ chat: ['tiny'], embedding: [], ranking: ['reranker'] }),
    workerEnv: { HEARTH_WORKER_FAULTS: '1' },
  });
  await main.runtime.start();
});

afterAll(async () => {
  await main?.dispose();
  await dir?.remove();
});

function passage(n: number, text: string): RetrievedPassage {
  return {
    chunkId: `c${n}`,
    documentId: 'd',
    documentName: 'Doc',
    documentType: 'text',
    text,
    provenance: {},
    score: 1 / n,
  };
}

const fused = [
  passage(1, 'the water is cold in the morning'),
  passage(2, 'a long line of people came to the school'),
  passage(3, 'the zebra stood near the house'),
  passage(4, 'my mother read the book'),
];

function stage(): RerankStage {
  return new RerankStage({
    logger,
    enabled: () => true,
    rank: async (query, texts, signal) => (await main.runtime.rank(query, texts, { signal })).scores,
  });
}

describe('reranking in the inference worker', () => {
  it('scores pairs with the installed reranker, in input order', async () => {
    const result = await main.runtime.rank('where is it', ['the water is cold', 'the zebra is here', 'zebra']);
    expect(result.modelId).toBe('reranker');
    expect(result.truncated).toBe(0);
    const [plain, zebra, bare] = result.scores as [number, number, number];
    expect(zebra).toBeGreaterThan(0.9);
    expect(bare).toBeGreaterThan(0.9);
    expect(plain).toBeLessThan(0.1);
  });

  it('moves the passage the reranker prefers to the top; the others keep fused order', async () => {
    const out = await stage().apply('where did the animal stand', fused, { topK: 3 });
    expect(out).toMatchObject({ reranked: true, note: null });
    expect(out.passages.map((p) => p.chunkId)).toEqual(['c3', 'c1', 'c2']);
  });

  it('cuts a passage longer than its context and still scores it', async () => {
    const long = `${'the water is cold '.repeat(400)} zebra`;
    const result = await main.runtime.rank('where', [`zebra ${'the water is cold '.repeat(400)}`, long]);
    expect(result.truncated).toBe(2);
    // The start survives the cut, the tail does not.
    expect(result.scores[0]).toBeGreaterThan(0.9);
    expect(result.scores[1]).toBeLessThan(0.1);
  });

  it('refuses a model that is not a reranker', async () => {
    const error = await rejection(main.runtime.rank('q', ['a'], { modelId: 'tiny' }));
    expect(error.code).toBe('MODEL_INVALID');
  });

  it('keeps fused order with a note when the worker dies loading the reranker', async () => {
    await main.runtime.unload('ranking');
    await main.runtime.injectFault('abort-on-load');
    const out = await stage().apply('where did the animal stand', fused, { topK: 3 });
    expect(out).toMatchObject({ reranked: false, note: RERANK_FAILED_NOTE });
    expect(out.passages.map((p) => p.chunkId)).toEqual(['c1', 'c2', 'c3']);
  });
});
