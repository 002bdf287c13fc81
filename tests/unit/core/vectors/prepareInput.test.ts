import { describe, expect, it } from 'vitest';
import { prepareChunks } from '../../../../electron/core/vectors/prepareChunks';
import { prepareQuery } from '../../../../electron/core/vectors/prepareQuery';
import type { VectorFilter } from '../../../../electron/core/vectors/VectorStore';
import { HearthError } from '../../../../electron/shared/errors';

const key = { model: 'm', version: 1, dimensions: 3 };

function code(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof HearthError ? error.code : 'not a HearthError';
  }
  return undefined;
}

describe('prepareChunks', () => {
  it('converts Float32Array to numbers, lifts the collection and strips NUL from text', () => {
    const [chunk] = prepareChunks(key, [
      { id: 'a', documentId: 'd', vector: Float32Array.of(1, 0.5, 0), text: 'a\u0000b', metadata: { collection: 'c' } },
    ]);
    expect(chunk).toEqual({
      id: 'a',
      documentId: 'd',
      vector: [1, 0.5, 0],
      text: 'ab',
      metadata: { collection: 'c' },
      collection: 'c',
    });
  });

  it('keeps the last of repeated ids, in the position of the last', () => {
    const chunks = prepareChunks(key, [
      { id: 'a', documentId: 'd1', vector: [1, 0, 0], metadata: {} },
      { id: 'b', documentId: 'd1', vector: [1, 0, 0], metadata: {} },
      { id: 'a', documentId: 'd2', vector: [1, 0, 0], metadata: {} },
    ]);
    expect(chunks.map((c) => [c.id, c.documentId])).toEqual([
      ['b', 'd1'],
      ['a', 'd2'],
    ]);
  });

  it.each([
    ['wrong length', { vector: [1, 0] }],
    ['Infinity', { vector: [1, Infinity, 0] }],
    ['zero norm', { vector: [0, 0, 0] }],
    ['string vector', { vector: '1,0,0' }],
    ['NUL in id', { id: 'a\u0000' }],
    ['metadata array', { metadata: [] }],
    ['$ key', { metadata: { $or: 1 } }],
    ['# key', { metadata: { '#document': 'x' } }],
    ['NaN value', { metadata: { n: Number.NaN } }],
    ['null value', { metadata: { n: null } }],
    ['text not a string', { text: 3 }],
  ])('refuses %s', (_what, patch) => {
    const chunk = { id: 'a', documentId: 'd', vector: [1, 0, 0], metadata: {}, ...patch };
    expect(code(() => prepareChunks(key, [chunk as never]))).toBe('INVALID_INPUT');
  });
});

describe('prepareQuery', () => {
  it('turns a filter into AND-ed clauses with de-duplicated values', () => {
    const filter: VectorFilter = { documentId: ['d1', 'd1', 'd2'], collection: 'c', page: [1, 2], draft: false };
    expect(prepareQuery(key, [1, 0, 0], { topK: 5, filter })).toEqual({
      vector: [1, 0, 0],
      topK: 5,
      clauses: [
        { field: 'documentId', values: ['d1', 'd2'] },
        { field: 'collection', values: ['c'] },
        { field: 'metadata', key: 'page', values: [1, 2] },
        { field: 'metadata', key: 'draft', values: [false] },
      ],
      matchesNothing: false,
    });
  });

  it('knows an empty list matches nothing and skips undefined entries', () => {
    const query = prepareQuery(key, [1, 0, 0], { topK: 1, filter: { collection: [], page: undefined } });
    expect(query.matchesNothing).toBe(true);
    expect(query.clauses).toEqual([{ field: 'collection', values: [] }]);
  });

  it.each([
    ['topK 0', { topK: 0 }],
    ['topK 1001', { topK: 1001 }],
    ['topK NaN', { topK: Number.NaN }],
    ['operator object', { topK: 1, filter: { page: { $gt: 1 } } }],
    ['number documentId', { topK: 1, filter: { documentId: 1 } }],
    ['mixed types', { topK: 1, filter: { page: [1, '1'] } }],
    ['reserved key', { topK: 1, filter: { $and: 'x' } }],
    ['filter array', { topK: 1, filter: ['x'] }],
  ])('refuses %s', (_what, options) => {
    expect(code(() => prepareQuery(key, [1, 0, 0], options as never))).toBe('INVALID_INPUT');
  });
});
