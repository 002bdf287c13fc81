import { totalmem } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLexicalEmbeddingModel, createTinyLlamaModel } from '../../../fixtures/gguf/tinyLlama';
import { waitFor } from '../../../helpers/tempCore';
import { recorder, rejection, scratchDir, startRuntime, type TestRuntime } from './runtimeHarness';

/*
 * Real llama.cpp (node-llama-cpp's prebuilt CPU binary) in the supervised worker, on generated models: a tiny ChatML
 * llama for chat and a lexical embedding model whose vectors carry word overlap.
 */

let dir: Awaited<ReturnType<typeof scratchDir>>;
let main: TestRuntime;

beforeAll(async () => {
  dir = await scratchDir('hearth-inference-');
  await createTinyLlamaModel(join(dir.path, 'tiny.gguf'), { chatTemplate: 'chatml' });
  await createLexicalEmbeddingModel(join(dir.path, 'lexical.gguf'));
  main = await startRuntime(dir.path, { models: () => ({ chat: ['tiny'], embedding: ['lexical'] }) });
  await main.runtime.start();
});

afterAll(async () => {
  await main?.dispose();
  await dir?.remove();
});

describe('inference runtime: models and chat', () => {
  it('starts the worker, reports the device, and loads a model', async () => {
    const loaded = await main.runtime.load('tiny');
    expect(loaded).toMatchObject({ slot: 'chat', modelId: 'tiny', name: 'hearth-tiny-llama', contextSize: 1024 });
    const status = await main.runtime.status();
    expect(status.worker.state).toBe('running');
    expect(status.device?.gpu).toBe('cpu');
    expect(status.device?.error).toBeNull();
    expect(status.chat?.modelId).toBe('tiny');
    expect(status.memory?.workerRssBytes).toBeGreaterThan(10_000_000);
  });

  it('streams a reply as text deltas, after a first event naming the model', async () => {
    const rec = recorder();
    const result = await main.runtime.chat(
      { sessionId: 'stream', message: 'hello there, what is the answer?', maxTokens: 24, temperature: 0 },
      { onEvent: rec.onEvent },
    );
    expect(rec.events[0]).toEqual({
      type: 'model',
      source: 'local',
      modelId: 'tiny',
      name: 'hearth-tiny-llama',
      skipped: [],
    });
    expect(rec.events.slice(1).every((e) => e.type === 'delta')).toBe(true);
    expect(rec.events.length).toBeGreaterThan(3);
    expect(rec.text()).toBe(result.text);
    expect(result.usage.completionTokens).toBeGreaterThan(0);
    expect(result.usage.completionTokens).toBeLessThanOrEqual(24);
    expect(result.usage.ttftMs).toBeGreaterThan(0);
    expect(main.runtime.history('stream')).toEqual([
      { role: 'user', content: 'hello there, what is the answer?' },
      { role: 'assistant', content: result.text },
    ]);
  });

  it('generates exactly maxTokens with ignoreEos', async () => {
    const result = await main.runtime.chat({ sessionId: 'fixed', message: 'go', maxTokens: 40, ignoreEos: true });
    expect(result.stopReason).toBe('maxTokens');
    expect(result.usage.completionTokens).toBe(40);
  });

  it('stops at a stop sequence, leaving it out of the reply', async () => {
    // Greedy decoding is deterministic: learn what the model says, then stop it in the middle of that.
    const ask = { message: 'name a river', maxTokens: 24, temperature: 0, ignoreEos: true };
    const full = await main.runtime.chat({ sessionId: 'stop-1', ...ask });
    const stop = full.text
      .slice(Math.floor(full.text.length / 2))
      .trim()
      .slice(0, 4);
    expect(stop.length).toBeGreaterThan(0);
    const cut = await main.runtime.chat({ sessionId: 'stop-2', ...ask, stop: [stop] });
    expect(cut.stopReason).toBe('stop');
    expect(cut.text).toBe(full.text.slice(0, full.text.indexOf(stop)));
  });

  it('reports status changes to listeners: loads, unloads, the device', async () => {
    await main.runtime.load('lexical', 'embedding');
    const seen: Array<string | null> = [];
    const subscription = main.runtime.onStatus((status) => seen.push(status.embedding?.modelId ?? null));
    try {
      await main.runtime.unload('embedding');
      await main.runtime.load('lexical', 'embedding');
    } finally {
      subscription.dispose();
    }
    expect(seen).toContain(null);
    expect(seen.at(-1)).toBe('lexical');
    expect(main.runtime.currentStatus().device?.gpu).toBe('cpu');
  });

  it('cancels mid-stream with CANCELLED, and the same conversation answers right after', async () => {
    const controller = new AbortController();
    let deltas = 0;
    const error = await rejection(
      main.runtime.chat(
        { sessionId: 'cancel', message: 'tell me a long story', maxTokens: 2000, ignoreEos: true },
        {
          signal: controller.signal,
          onEvent: (e) => {
            if (e.type === 'delta' && ++deltas === 3) controller.abort();
          },
        },
      ),
    );
    expect(error.code).toBe('CANCELLED');
    expect(deltas).toBeLessThan(50);
    // The cancelled turn is not history, and the conversation's sequence is free again at once.
    expect(main.runtime.history('cancel')).toEqual([]);
    const next = await main.runtime.chat({ sessionId: 'cancel', message: 'short one', maxTokens: 8 });
    expect(next.usage.completionTokens).toBeGreaterThan(0);
    expect(main.runtime.history('cancel')).toHaveLength(2);
  });

  it("reuses the conversation's cached prefix on the second turn (KV reuse)", async () => {
    const ask = (sessionId: string, message: string) =>
      main.runtime.chat({ sessionId, message, maxTokens: 16, temperature: 0, systemPrompt: 'You answer from files.' });
    const first = await ask('kv', 'what is in my documents about the river?');
    expect(first.usage.reusedTokens).toBe(0);
    expect(first.usage.evaluatedTokens).toBe(first.usage.promptTokens);

    const second = await ask('kv', 'and what about the mountain?');
    // Everything of the first turn's prompt stays in the cache; only the rest is evaluated.
    expect(second.usage.reusedTokens).toBeGreaterThanOrEqual(first.usage.promptTokens);
    expect(second.usage.evaluatedTokens).toBe(second.usage.promptTokens - second.usage.reusedTokens);
    // The new message plus, at most, the first reply (a random model's reply may tokenize differently when read back).
    expect(second.usage.evaluatedTokens).toBeLessThanOrEqual(second.usage.promptTokens - first.usage.promptTokens);
  });

  it('embeds texts as unit vectors, deterministically, the same in a batch as one by one', async () => {
    const texts = [
      'the river runs to the sea',
      'a dog and a cat in the house',
      'the sea and the river',
      'music for the morning',
      'hello world',
      'water is good for the plant',
    ];
    const batch = await main.runtime.embed(texts);
    expect(batch.model).toEqual({ source: 'local', modelId: 'lexical', name: 'hearth-lexical-embedding' });
    expect(batch.dimensions).toBe(256);
    expect(batch.vectors).toHaveLength(texts.length);
    for (const vector of batch.vectors) expect(Math.abs(Math.hypot(...vector) - 1)).toBeLessThan(1e-5);

    const again = await main.runtime.embed([texts[0]!]);
    expect(again.vectors[0]).toEqual(batch.vectors[0]);
    for (const [i, text] of texts.entries()) {
      const single = await main.runtime.embed([text]);
      expect(single.vectors[0]).toEqual(batch.vectors[i]);
    }

    // The lexical model carries word overlap: river/sea texts are closer to each other than to the cat.
    const dot = (a: number[], b: number[]) => a.reduce((sum, x, i) => sum + x * b[i]!, 0);
    const [river, pets, sea] = batch.vectors as [number[], number[], number[]];
    expect(dot(river, sea)).toBeGreaterThan(dot(river, pets) + 0.2);
  });

  it('embeds a large batch in input order across the parallel contexts', async () => {
    const texts = Array.from({ length: 64 }, (_, i) => `document ${i} about the ${i % 2 ? 'river' : 'mountain'}`);
    const result = await main.runtime.embed(texts);
    expect(result.vectors).toHaveLength(64);
    const spot = await main.runtime.embed([texts[37]!]);
    expect(result.vectors[37]).toEqual(spot.vectors[0]);
    expect(result.tokens).toBeGreaterThan(64);
  });

  it('rejects bad requests with INVALID_INPUT', async () => {
    expect((await rejection(main.runtime.chat({ sessionId: '', message: 'x' }))).code).toBe('INVALID_INPUT');
    expect((await rejection(main.runtime.embed([]))).code).toBe('INVALID_INPUT');
  });
});

describe('inference runtime: small context, idle unload, memory', () => {
  let small: TestRuntime;

  beforeAll(async () => {
    small = await startRuntime(dir.path, {
      contextSize: 256,
      idleUnloadMs: 400,
      models: () => ({ chat: ['tiny'], embedding: [] }),
    });
  });
  afterAll(async () => small?.dispose());

  it('trims the oldest history when the conversation outgrows the context, and keeps answering', async () => {
    const filler = 'please remember this long sentence about the river and the mountain and the sea';
    let trimmed = 0;
    for (let turn = 0; turn < 8 && trimmed === 0; turn++) {
      const result = await small.runtime.chat({
        sessionId: 'long',
        message: `${turn}: ${filler}`,
        maxTokens: 16,
        systemPrompt: 'Keep this system prompt.',
      });
      expect(result.usage.promptTokens).toBeLessThanOrEqual(256 - 16);
      trimmed = result.usage.trimmedMessages;
    }
    expect(trimmed).toBeGreaterThan(0);
    // History itself is kept whole; only what the model sees is trimmed.
    expect(small.runtime.history('long').length).toBeGreaterThan(trimmed);
  });

  it('refuses a single message longer than the context with INVALID_INPUT', async () => {
    const error = await rejection(
      small.runtime.chat({ sessionId: 'huge', message: 'river '.repeat(400), maxTokens: 16 }),
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toMatch(/too long/);
  });

  it('unloads the model after the idle timeout', async () => {
    await small.runtime.chat({ sessionId: 'idle', message: 'hi', maxTokens: 4 });
    expect(small.runtime.currentStatus().chat?.modelId).toBe('tiny');
    await waitFor('idle unload', () => small.runtime.currentStatus().chat === null, 5_000);
    // And loads again on demand.
    const again = await small.runtime.chat({ sessionId: 'idle', message: 'again', maxTokens: 4 });
    expect(again.model.modelId).toBe('tiny');
  });

  it('maps a context llama.cpp cannot allocate to OUT_OF_MEMORY with advice', async () => {
    // 32 layers × 256 wide: 32 KiB of KV cache per token and sequence. A context needing 4× this machine's RAM is
    // refused by llama.cpp's estimate; its cost grows with the size, so the model is deep rather than the context huge.
    await createTinyLlamaModel(join(dir.path, 'deep.gguf'), { nEmbd: 256, nLayer: 32, nFf: 256 });
    const contextSize = Math.ceil((4 * totalmem()) / (2 * 32 * 1024));
    const huge = await startRuntime(dir.path, { contextSize });
    try {
      const error = await rejection(huge.runtime.load('deep'));
      expect(error.code).toBe('OUT_OF_MEMORY');
      expect(error.message).toMatch(/too large for the available RAM/);
      expect(error.details?.advice).toMatch(/smaller model|context size/);
      // Refused by llama.cpp's memory estimate, not a crash: the same worker is still running.
      expect(huge.runtime.currentStatus().worker).toMatchObject({ state: 'running', restarts: 0 });
    } finally {
      await huge.dispose();
    }
  });
});
