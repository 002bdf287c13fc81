import type { CuratedModel } from '../../../shared/runtimeSchemas';

const MiB = 1024 ** 2;

/**
 * Tokens of context each kind of model runs with under the default settings: a chat model's context (Settings →
 * Models & answers, 4,096) and the embedding and reranking contexts the runtime opens (512 tokens each).
 */
export const DEFAULT_CONTEXT_TOKENS: Record<CuratedModel['role'], number> = {
  chat: 4096,
  embedding: 512,
  reranker: 512,
};

/** Options for `estimateModelMemory`: the file and the shape of its attention. */
export interface ModelMemoryOptions {
  /** The GGUF file's size: its weights are mapped into memory whole. */
  fileBytes: number;
  /** Tokens of context the model runs with. */
  contextTokens: number;
  /** Transformer blocks (`<arch>.block_count`). */
  layers: number;
  /** Width of one layer's keys (= of its values): KV heads × head size. */
  kvWidth: number;
}

/**
 * Memory a model takes while it runs: its weights (the file), the key/value cache for its context (f16 keys and
 * values for every layer and token), and llama.cpp's working buffers (a fixed part plus a share of the weights).
 * A 37 MB embedding model needs about 110 MB, a 2 GB chat model at 4k tokens about 2.4 GB — not the computer's
 * total memory, which is a separate question (`minRamBytes`).
 */
export function estimateModelMemory(o: ModelMemoryOptions): number {
  for (const [name, value] of Object.entries(o)) {
    if (!Number.isFinite(value) || value < 0) throw new RangeError(`${name} must be a non-negative number.`);
  }
  const kvCache = 2 * o.layers * o.kvWidth * 2 * o.contextTokens;
  const buffers = 64 * MiB + 0.05 * o.fileBytes;
  return Math.round(o.fileBytes + kvCache + buffers);
}
