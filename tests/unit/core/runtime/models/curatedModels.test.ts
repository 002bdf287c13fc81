import { describe, expect, it } from 'vitest';
import { CURATED_MODELS, fitsMachine } from '../../../../../electron/core/runtime/models/curatedModels';
import { resolveModelSource } from '../../../../../electron/core/runtime/models/resolveModelSource';
import { CuratedModelSchema, ModelSourceSchema } from '../../../../../electron/shared/runtimeSchemas';

const GB = 1024 ** 3;

describe('curated models', () => {
  it('are valid contract values with hf: sources the download accepts', () => {
    for (const model of CURATED_MODELS) {
      expect(CuratedModelSchema.parse(model)).toEqual(model);
      expect(ModelSourceSchema.safeParse(model.source).success).toBe(true);
      expect(resolveModelSource(model.source).url.href).toMatch(
        /^https:\/\/huggingface\.co\/.+\/resolve\/main\/.+\.gguf$/,
      );
    }
  });

  it('offer an 8 GB Mac only what fits, chat first and best first', () => {
    const keys = fitsMachine(8 * GB).map((m) => m.key);
    expect(keys).toEqual([
      'qwen2.5-1.5b-instruct-q4_k_m',
      'llama-3.2-1b-instruct-q4_k_m',
      'qwen2.5-0.5b-instruct-q4_k_m',
      'nomic-embed-text-v1.5-q8_0',
      'bge-small-en-v1.5-q8_0',
      'bge-reranker-v2-m3-q8_0',
    ]);
    expect(fitsMachine(32 * GB).map((m) => m.key)[0]).toBe('qwen2.5-3b-instruct-q4_k_m');
  });

  it('still offer the smallest of each role on a tiny machine', () => {
    expect(fitsMachine(2 * GB).map((m) => [m.role, m.key])).toEqual([
      ['chat', 'qwen2.5-0.5b-instruct-q4_k_m'],
      ['embedding', 'bge-small-en-v1.5-q8_0'],
      ['reranker', 'bge-reranker-v2-m3-q8_0'],
    ]);
  });
});

describe('resolveModelSource', () => {
  it('maps hf: URIs to Hugging Face resolve URLs, nested paths included', () => {
    expect(resolveModelSource('hf:Qwen/Qwen2.5-0.5B-Instruct-GGUF/qwen2.5-0.5b-instruct-q4_k_m.gguf')).toMatchObject({
      fileName: 'qwen2.5-0.5b-instruct-q4_k_m.gguf',
      url: new URL(
        'https://huggingface.co/Qwen/Qwen2.5-0.5B-Instruct-GGUF/resolve/main/qwen2.5-0.5b-instruct-q4_k_m.gguf',
      ),
    });
    expect(resolveModelSource('hf:a/b/sub dir/m.gguf', 'http://127.0.0.1:9/').url.href).toBe(
      'http://127.0.0.1:9/a/b/resolve/main/sub%20dir/m.gguf',
    );
  });

  it('refuses anything but https (or http to this machine)', () => {
    for (const bad of [
      'http://example.com/m.gguf',
      'file:///etc/passwd',
      'ftp://example.com/m.gguf',
      'https://user:pw@example.com/m.gguf',
      'hf:a/b/../../x.gguf',
      'not a url',
    ]) {
      expect(() => resolveModelSource(bad), bad).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    }
    expect(resolveModelSource('http://localhost:8080/m.gguf').fileName).toBe('m.gguf');
  });
});
