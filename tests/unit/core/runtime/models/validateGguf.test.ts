import { truncate, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { validateGguf } from '../../../../../electron/core/runtime/models/validateGguf';
import { HearthError } from '../../../../../electron/shared/errors';
import {
  createBadVersion,
  createHugeArray,
  createHugeCounts,
  createMissingKey,
  createNotGguf,
  createTruncated,
  createWrongShape,
} from '../../../../fixtures/gguf/badModels';
import { createLexicalEmbeddingModel, createTinyLlamaModel } from '../../../../fixtures/gguf/tinyLlama';
import { createTinyRerankerModel } from '../../../../fixtures/gguf/tinyReranker';
import { writeGguf } from '../../../../fixtures/gguf/writeGguf';
import { tempDir } from '../../../../helpers/tempCore';

// None of these files is ever handed to llama.cpp: the validator is what keeps them away from it.
let dir: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  dir = await tempDir('hearth-validate-');
});
afterAll(async () => {
  await dir.remove();
});

async function rejection(path: string): Promise<HearthError> {
  const error = await validateGguf(path).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HearthError);
  return error as HearthError;
}

describe('validateGguf', () => {
  it('accepts a good tiny llama and reports what the Models screen shows', async () => {
    const model = await createTinyLlamaModel(join(dir.path, 'tiny.gguf'));
    const meta = await validateGguf(model.path);
    expect(meta).toEqual({
      architecture: 'llama',
      name: 'hearth-tiny-llama',
      parameters: 64 * model.vocabSize + 2 * (2 * 64 + 4 * 64 * 64 + 3 * 64 * 128) + 64,
      quantisation: 'Q8_0',
      contextLength: 2048,
      embeddingLength: 64,
      blockCount: 2,
      vocabSize: model.vocabSize,
      sizeBytes: model.sizeBytes,
      isEmbeddingModel: false,
      isReranker: false,
      hasChatTemplate: true,
    });
  });

  it('recognises a pooled model as an embedding model and reads grouped-query shapes', async () => {
    const lexical = await createLexicalEmbeddingModel(join(dir.path, 'lex.gguf'), { vocab: ['cat', 'dog'] });
    expect((await validateGguf(lexical.path)).isEmbeddingModel).toBe(true);
    const gqa = await createTinyLlamaModel(join(dir.path, 'gqa.gguf'), { nHead: 4, nHeadKv: 2, weightType: 'F16' });
    const meta = await validateGguf(gqa.path);
    expect(meta.quantisation).toBe('F16');
    expect(meta.embeddingLength).toBe(64);
  });

  it('recognises a cross-encoder (rank pooling, classifier head) as a reranker, not an embedding model', async () => {
    const reranker = await createTinyRerankerModel(join(dir.path, 'rerank.gguf'));
    const meta = await validateGguf(reranker.path);
    expect(meta).toMatchObject({ architecture: 'bert', isReranker: true, isEmbeddingModel: false });
  });

  it('refuses random bytes and a text file as not GGUF', async () => {
    const random = await rejection(await createNotGguf(join(dir.path, 'random.gguf')));
    expect(random.code).toBe('MODEL_INVALID');
    expect(random.message).toMatch(/not a GGUF model/);
    const text = await rejection(await createNotGguf(join(dir.path, 'notes.gguf'), { text: true }));
    expect(text.message).toMatch(/not a GGUF model/);
    const html = join(dir.path, 'error-page.gguf');
    await writeFile(html, '<!DOCTYPE html><title>404</title>');
    expect((await rejection(html)).message).toMatch(/web page/);
    const empty = join(dir.path, 'empty.gguf');
    await writeFile(empty, '');
    expect((await rejection(empty)).message).toMatch(/empty/);
  });

  it('says a truncated file is cut short, with the sizes', async () => {
    const error = await rejection(await createTruncated(join(dir.path, 'truncated.gguf')));
    expect(error.code).toBe('MODEL_INVALID');
    expect(error.message).toMatch(/^This file is cut short: it ends at [\d.]+ KB but its weights need [\d.]+ KB\./);
    expect(error.details?.neededBytes).toBeGreaterThan(error.details?.fileSize as number);
  });

  it('says a file cut inside its header is cut short', async () => {
    const model = await createTinyLlamaModel(join(dir.path, 'cut-header.gguf'));
    await truncate(model.path, 5_000);
    expect((await rejection(model.path)).message).toMatch(/cut short: it ends at 5 KB, inside its header/);
  });

  it('names the missing key that would abort llama.cpp', async () => {
    const error = await rejection(await createMissingKey(join(dir.path, 'missing.gguf')));
    expect(error.code).toBe('MODEL_INVALID');
    expect(error.message).toContain('missing “llama.feed_forward_length”');
    expect(error.details).toEqual({ key: 'llama.feed_forward_length' });
  });

  it('catches a tensor whose shape contradicts the metadata', async () => {
    const error = await rejection(await createWrongShape(join(dir.path, 'shape.gguf')));
    expect(error.message).toMatch(/contradicts itself: the tensor “blk\.0\.attn_q\.weight” is 64 × 96 .* 64 × 64/);
  });

  it('refuses an unknown format version', async () => {
    const error = await rejection(await createBadVersion(join(dir.path, 'v99.gguf')));
    expect(error.message).toMatch(/format version 99/);
  });

  it('refuses absurd counts without allocating for them', async () => {
    const before = process.memoryUsage().rss;
    const counts = await rejection(await createHugeCounts(join(dir.path, 'huge.gguf')));
    expect(counts.message).toMatch(/claims 1152921504606846976 tensors, more than a [\d.]+ KB file can hold/);
    const array = await rejection(await createHugeArray(join(dir.path, 'huge-array.gguf')));
    expect(array.message).toMatch(/claims 1152921504606846976 items in “tokenizer\.ggml\.tokens”/);
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
  });

  it('refuses mismatched tokenizer arrays that llama.cpp would read past', async () => {
    const path = join(dir.path, 'scores.gguf');
    await writeGguf(path, {
      kv: [
        { key: 'general.architecture', type: 'string', value: 'bert' },
        { key: 'bert.embedding_length', type: 'u32', value: 32 },
        { key: 'bert.block_count', type: 'u32', value: 1 },
        { key: 'bert.context_length', type: 'u32', value: 512 },
        { key: 'bert.attention.head_count', type: 'u32', value: 2 },
        { key: 'bert.feed_forward_length', type: 'u32', value: 64 },
        { key: 'tokenizer.ggml.model', type: 'string', value: 'bert' },
        { key: 'tokenizer.ggml.tokens', type: 'string[]', value: ['a', 'b', 'c'] },
        { key: 'tokenizer.ggml.scores', type: 'f32[]', value: [0, 0] },
      ],
      tensors: [{ name: 'token_embd.weight', dims: [32, 3], type: 'F32', data: new Float32Array(96) }],
    });
    expect((await rejection(path)).message).toMatch(/lists 3 tokens but “tokenizer\.ggml\.scores” does not match/);
  });

  it('reports a missing file as NOT_FOUND', async () => {
    expect((await rejection(join(dir.path, 'nope.gguf'))).code).toBe('NOT_FOUND');
  });
});
