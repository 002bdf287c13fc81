import { describe, expect, it } from 'vitest';
import { INDEX_NAME_PATTERN, indexName } from '../../../../electron/core/vectors/indexName';
import { HearthError } from '../../../../electron/shared/errors';

describe('indexName', () => {
  it('is stable, readable, and valid for both Chroma (3–512 chars) and PostgreSQL (≤ 63 bytes with suffixes)', () => {
    const name = indexName({ model: 'nomic-embed-text-v1.5.Q8_0', version: 2, dimensions: 768 });
    expect(name).toBe(indexName({ model: 'nomic-embed-text-v1.5.Q8_0', version: 2, dimensions: 768 }));
    expect(name).toMatch(/^hearth_nomic_embed_text_v1_v2_d768_[0-9a-f]{8}$/);
    expect(name).toMatch(INDEX_NAME_PATTERN);
    const longest = indexName({ model: 'x'.repeat(512), version: 2_147_483_647, dimensions: 16_000 });
    expect(longest.length + '_hnsw'.length).toBeLessThanOrEqual(63);
  });

  it('gives different names to every part of the key, even when model names slug alike', () => {
    const base = { model: 'bge-small', version: 1, dimensions: 384 };
    const names = new Set([
      indexName(base),
      indexName({ ...base, model: 'BGE small' }),
      indexName({ ...base, model: 'bge_small' }),
      indexName({ ...base, version: 2 }),
      indexName({ ...base, dimensions: 512 }),
    ]);
    expect(names.size).toBe(5);
  });

  it('turns models without letters or digits into a valid name', () => {
    expect(indexName({ model: '日本語モデル', version: 0, dimensions: 3 })).toMatch(/^hearth_model_v0_d3_[0-9a-f]{8}$/);
  });

  it.each([
    [{ model: '', version: 1, dimensions: 3 }],
    [{ model: 'm', version: -1, dimensions: 3 }],
    [{ model: 'm', version: 1.5, dimensions: 3 }],
    [{ model: 'm', version: 1, dimensions: 0 }],
    [{ model: 'm', version: 1, dimensions: 16_001 }],
    [{ model: 'm', version: 2 ** 31, dimensions: 3 }],
  ])('refuses %j with INVALID_INPUT', (key) => {
    expect(() => indexName(key)).toThrow(HearthError);
    try {
      indexName(key);
    } catch (error) {
      expect((error as HearthError).code).toBe('INVALID_INPUT');
    }
  });
});
