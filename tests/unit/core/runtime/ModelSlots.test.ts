import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ModelSlots } from '../../../../electron/core/runtime/inference/ModelSlots';
import type { WorkerClient } from '../../../../electron/core/runtime/inference/WorkerClient';
import { isHearthError } from '../../../../electron/shared/errors';
import { tempDir } from '../../../helpers/tempCore';

let dir: Awaited<ReturnType<typeof tempDir>>;
let file: string;
/** What the fake worker was asked to do, in order. */
let ops: string[];

/** Slots over a worker that loads anything instantly, with the model "m" at `file` (or at `resolve`'s answer). */
function slots(resolve: (id: string) => string | null | Promise<string | null> = () => file): ModelSlots {
  let loads = 0;
  const worker = {
    request: (message: { op: string; params?: { slot: string; modelId: string } }) => {
      ops.push(message.op);
      if (message.op === 'unload') return Promise.resolve({ unloaded: true });
      loads += 1;
      const { slot, modelId } = message.params!;
      return Promise.resolve({
        slot,
        modelId,
        name: `${modelId} #${loads}`,
        sizeBytes: 1,
        contextSize: 512,
        gpuLayers: 0,
        loadedAt: loads,
        loadMs: 1,
      });
    },
  } as unknown as WorkerClient;
  return new ModelSlots({
    worker,
    logger: pino({ level: 'silent' }),
    resolveModelPath: (id) => (id === 'm' ? resolve(id) : null),
    contextSize: 512,
    embeddingContextSize: 512,
    threads: 1,
    chatSessions: 1,
    embeddingContexts: 1,
    idleUnloadMs: 0,
    onChange: () => undefined,
  });
}

const use = (s: ModelSlots): Promise<string> => s.use('embedding', 'm', (loaded) => Promise.resolve(loaded.name));

beforeEach(async () => {
  dir = await tempDir('hearth-model-slots-');
  file = join(dir.path, 'm.gguf');
  await writeFile(file, 'first');
  ops = [];
});
afterEach(() => dir.remove());

describe('ModelSlots: the model file check before each request', () => {
  it('serves the loaded model while its file is unchanged, and reloads it once the file is replaced', async () => {
    const s = slots();
    expect(await use(s)).toBe('m #1');
    expect(await use(s)).toBe('m #1');
    await writeFile(file, 'a longer, replaced model file');
    expect(await use(s)).toBe('m #2');
    expect(ops).toEqual(['load', 'unload', 'load']);
  });

  it('a deleted file, or an unknown model, is MODEL_UNAVAILABLE, not served from what is loaded', async () => {
    const s = slots();
    await use(s);
    await rm(file);
    const error: unknown = await use(s).catch((e: unknown) => e);
    expect(isHearthError(error) && error.code).toBe('MODEL_UNAVAILABLE');
    const unknown: unknown = await s.load('embedding', 'other').catch((e: unknown) => e);
    expect(isHearthError(unknown) && unknown.code).toBe('MODEL_UNAVAILABLE');
  });

  it('works the same with a resolver that answers asynchronously', async () => {
    const s = slots(() => Promise.resolve(file));
    expect(await use(s)).toBe('m #1');
    expect(await use(s)).toBe('m #1');
    await writeFile(file, 'replaced again, longer');
    expect(await use(s)).toBe('m #2');
  });
});
