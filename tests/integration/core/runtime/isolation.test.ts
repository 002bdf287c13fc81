import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  createBadVersion,
  createHugeArray,
  createHugeCounts,
  createMissingKey,
  createNotGguf,
  createTruncated,
  createWrongShape,
} from '../../../fixtures/gguf/badModels';
import { createTinyLlamaModel } from '../../../fixtures/gguf/tinyLlama';
import { waitFor } from '../../../helpers/tempCore';
import { recorder, rejection, scratchDir, startRuntime, type TestRuntime } from './runtimeHarness';

/*
 * Crash isolation: llama.cpp aborts the whole process on some malformed models (GGML_ASSERT). That must cost the
 * worker, never the host: pending requests fail with a clear error, the supervisor restarts the worker, and the next
 * request is served.
 */

let dir: Awaited<ReturnType<typeof scratchDir>>;
const open: TestRuntime[] = [];

beforeAll(async () => {
  dir = await scratchDir('hearth-isolation-');
  await createTinyLlamaModel(join(dir.path, 'good.gguf'), { chatTemplate: 'chatml' });
  await createTinyLlamaModel(join(dir.path, 'other.gguf'), { chatTemplate: 'chatml', seed: 7, name: 'other-model' });
  await createMissingKey(join(dir.path, 'broken.gguf'));
  await createWrongShape(join(dir.path, 'wrong-shape.gguf'));
  await createBadVersion(join(dir.path, 'bad-version.gguf'));
  await createHugeCounts(join(dir.path, 'huge-counts.gguf'));
  await createHugeArray(join(dir.path, 'huge-array.gguf'));
  await createTruncated(join(dir.path, 'truncated.gguf'));
  await createNotGguf(join(dir.path, 'not-gguf.gguf'), { text: true });
});
afterEach(async () => {
  for (const runtime of open.splice(0)) await runtime.dispose();
});
afterAll(async () => dir?.remove());

async function runtime(workerEnv: Record<string, string> = { HEARTH_WORKER_FAULTS: '1' }): Promise<TestRuntime> {
  const started = await startRuntime(dir.path, { workerEnv, models: () => ({ chat: ['good'], embedding: [] }) });
  open.push(started);
  return started;
}

describe('inference worker crash isolation', () => {
  it('a model that aborts llama.cpp (missing key) fails with MODEL_INVALID, and the host keeps serving', async () => {
    const { runtime: rt } = await runtime();
    await rt.start();
    const firstPid = rt.currentStatus().worker.pid;

    const error = await rejection(rt.load('broken'));
    expect(error.code).toBe('MODEL_INVALID');
    expect(error.message).toMatch(/crashed the inference engine while loading; it is probably damaged/);

    const status = rt.currentStatus();
    expect(status.badModels.map((b) => b.modelId)).toEqual(['broken']);

    // The next, good request is served by a restarted worker.
    const answer = await rt.chat({ sessionId: 'b', message: 'hello', maxTokens: 4 });
    expect(answer.model.modelId).toBe('good');
    const after = await rt.status();
    expect(after.worker.state).toBe('running');
    expect(after.worker.pid).not.toBe(firstPid);
    expect(after.worker.restarts).toBeGreaterThanOrEqual(1);
  });

  it('remembers the bad model: no automatic retry (no new crash) until the user retries it', async () => {
    const { runtime: rt } = await runtime();
    expect((await rejection(rt.load('broken'))).details?.crashed).toBe(true);
    await waitFor('worker back', () => rt.currentStatus().worker.state === 'running', 30_000);
    const restarts = rt.currentStatus().worker.restarts;

    const again = await rejection(rt.load('broken'));
    expect(again.code).toBe('MODEL_INVALID');
    expect(again.message).toMatch(/will not load it again/);
    expect(rt.currentStatus().worker.restarts).toBe(restarts);

    // In a chat the chain skips it and says so in the first event.
    const rec = recorder();
    const answer = await rt.chat(
      { sessionId: 'c', message: 'hello', modelId: 'broken', maxTokens: 4 },
      { onEvent: rec.onEvent },
    );
    expect(answer.model.modelId).toBe('good');
    expect(rec.events[0]).toMatchObject({
      type: 'model',
      modelId: 'good',
      skipped: [{ source: 'local', modelId: 'broken', error: { code: 'MODEL_INVALID' } }],
    });

    expect(rt.retryModel('broken')).toBe(true);
    expect(rt.currentStatus().badModels).toEqual([]);
  });

  it('fault injection: abort while loading → MODEL_INVALID for that model, then the next request is served', async () => {
    const { runtime: rt } = await runtime();
    await rt.load('good');
    await rt.injectFault('abort-on-load');
    const error = await rejection(rt.load('other'));
    expect(error.code).toBe('MODEL_INVALID');
    expect(error.message).toMatch(/^other crashed the inference engine while loading/);

    const answer = await rt.chat({ sessionId: 'd', message: 'hello', maxTokens: 4 });
    expect(answer.model.modelId).toBe('good');
    expect(rt.currentStatus().chat?.modelId).toBe('good');
  });

  it('fault injection: the worker dies mid-reply → SIDECAR_DOWN, restart, next request served', async () => {
    const { runtime: rt } = await runtime();
    const controller = new AbortController();
    let deltas = 0;
    const pending = rt.chat(
      { sessionId: 'e', message: 'a long story please', maxTokens: 4000, ignoreEos: true },
      {
        signal: controller.signal,
        onEvent: (event) => {
          if (event.type === 'delta' && ++deltas === 2) void rt.injectFault('abort-now').catch(() => undefined);
        },
      },
    );
    const error = await rejection(pending);
    expect(error.code).toBe('SIDECAR_DOWN');
    expect(error.message).toMatch(/stopped unexpectedly \(signal SIGABRT\)/);

    const answer = await rt.chat({ sessionId: 'e', message: 'are you back?', maxTokens: 4 });
    expect(answer.usage.completionTokens).toBeGreaterThan(0);
    // Only the completed turn is history.
    expect(rt.history('e')).toHaveLength(2);
    expect(rt.currentStatus().worker.restarts).toBe(1);
  });

  it('HEARTH_WORKER_FAULT=abort-on-load makes every load crash; each model is marked bad once', async () => {
    const { runtime: rt } = await runtime({ HEARTH_WORKER_FAULT: 'abort-on-load' });
    const error = await rejection(rt.chat({ sessionId: 'f', message: 'hi', maxTokens: 4 }));
    expect(error.code).toBe('MODEL_INVALID');
    expect(rt.currentStatus().badModels.map((b) => b.modelId)).toEqual(['good']);
  });

  it('refuses fault injection unless the worker was started for it', async () => {
    const { runtime: rt } = await runtime({});
    const error = await rejection(rt.injectFault('abort-now'));
    expect(error.code).toBe('INVALID_INPUT');
    expect((await rt.status()).worker).toMatchObject({ state: 'running', restarts: 0 });
  });

  it('every crafted-bad model, loaded even without the import check, fails with MODEL_INVALID; the next request is served', async () => {
    const { runtime: rt } = await runtime();
    for (const bad of ['wrong-shape', 'bad-version', 'huge-counts', 'huge-array', 'truncated', 'not-gguf']) {
      const error = await rejection(rt.load(bad));
      expect(error.code, bad).toBe('MODEL_INVALID');
      // A person's message, not a stack or an engine dump.
      expect(error.message, bad).toMatch(new RegExp(`^${bad} could not be loaded: the file is damaged`));
      expect(error.message, bad).not.toMatch(/\n\s+at |GGML_ASSERT|llama_model_load/);
      if (process.env.HEARTH_TEST_PRINT) console.log(bad, '→', error.message);
      const answer = await rt.chat({ sessionId: `after-${bad}`, message: 'hello', maxTokens: 4 });
      expect(answer.model.modelId, bad).toBe('good');
      expect(answer.usage.completionTokens, bad).toBeGreaterThan(0);
    }
    expect((await rt.status()).worker.state).toBe('running');
  });
});
