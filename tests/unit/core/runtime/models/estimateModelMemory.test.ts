import { describe, expect, it } from 'vitest';
import { CURATED_MODELS } from '../../../../../electron/core/runtime/models/curatedModels';
import { estimateModelMemory } from '../../../../../electron/core/runtime/models/estimateModelMemory';

const MB = 1000 ** 2;
const MiB = 1024 ** 2;
const GB = 1024 ** 3;
const curated = (key: string) => CURATED_MODELS.find((m) => m.key === key)!;

describe('estimateModelMemory', () => {
  it('is the file, the context cache and working buffers', () => {
    // 100 MB file; 2 layers × 64 wide × 2 (K and V) × 2 bytes × 1,000 tokens = 512,000 bytes of cache.
    expect(estimateModelMemory({ fileBytes: 100 * MB, contextTokens: 1000, layers: 2, kvWidth: 64 })).toBe(
      100 * MB + 512_000 + 64 * MiB + 5 * MB,
    );
  });

  it('grows with the context the model runs with', () => {
    const at = (contextTokens: number) =>
      estimateModelMemory({ fileBytes: 2_000 * MB, contextTokens, layers: 28, kvWidth: 1024 });
    expect(at(8192) - at(4096)).toBe(2 * 28 * 1024 * 2 * 4096);
  });

  it('refuses a negative or missing figure', () => {
    expect(() => estimateModelMemory({ fileBytes: -1, contextTokens: 512, layers: 1, kvWidth: 1 })).toThrow(
      /fileBytes/,
    );
    expect(() => estimateModelMemory({ fileBytes: 1, contextTokens: Number.NaN, layers: 1, kvWidth: 1 })).toThrow(
      /contextTokens/,
    );
  });
});

describe('what a curated model is said to need', () => {
  it('is about 110 MB for a 37 MB embedding model, not the 4 GB of a whole computer', () => {
    const bge = curated('bge-small-en-v1.5-q8_0');
    expect(bge.memoryBytes).toBeGreaterThan(bge.sizeBytes);
    expect(bge.memoryBytes).toBeLessThan(150 * MB);
    expect(curated('nomic-embed-text-v1.5-q8_0').memoryBytes).toBeLessThan(300 * MB);
  });

  it('is a little over the file for chat models: weights plus a 4k-token cache', () => {
    const qwen3b = curated('qwen2.5-3b-instruct-q4_k_m');
    expect(qwen3b.memoryBytes).toBeGreaterThan(2.2 * GB);
    expect(qwen3b.memoryBytes).toBeLessThan(2.6 * GB);
    // Llama 3.2 3B keeps 4× the keys per token of Qwen2.5 3B, so its cache is bigger though its file is smaller.
    expect(curated('llama-3.2-3b-instruct-q4_k_m').memoryBytes).toBeGreaterThan(qwen3b.memoryBytes);
    for (const model of CURATED_MODELS) expect(model.memoryBytes).toBeLessThan(model.minRamBytes);
  });
});
