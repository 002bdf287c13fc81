import { describe, expect, it } from 'vitest';
import { HearthError, type ErrorCode } from '../../../../electron/shared/errors';
import {
  FallbackChain,
  orderSources,
  shouldFallBack,
  type SourceRef,
} from '../../../../electron/core/runtime/inference/FallbackChain';

const local = (modelId: string): SourceRef => ({ source: 'local', modelId });
/** The error a chain run ends with. */
const errorOf = (run: Promise<unknown>): Promise<HearthError> =>
  run.then(
    () => {
      throw new Error('expected a rejection');
    },
    (error: HearthError) => error,
  );
const fail = (code: ErrorCode, message: string = code): Promise<never> =>
  Promise.reject(new HearthError(code, message));

describe('orderSources', () => {
  it('puts the requested model first, then the configured ones, then the endpoint; each once', () => {
    expect(orderSources({ preferred: 'b', local: ['a', 'b', 'c', 'a'], remote: 'gpt' })).toEqual([
      local('b'),
      local('a'),
      local('c'),
      { source: 'remote', modelId: 'gpt' },
    ]);
  });

  it('has no remote source unless an endpoint is configured', () => {
    expect(orderSources({ local: ['a'], remote: null })).toEqual([local('a')]);
    expect(orderSources({ local: [] })).toEqual([]);
  });
});

describe('FallbackChain', () => {
  it('falls back on missing, broken, out-of-memory, engine-down and unreachable; not on others', () => {
    for (const code of [
      'MODEL_UNAVAILABLE',
      'MODEL_INVALID',
      'OUT_OF_MEMORY',
      'SIDECAR_DOWN',
      'REMOTE_UNAVAILABLE',
    ] as const) {
      expect(shouldFallBack(new HearthError(code, 'x'))).toBe(true);
    }
    for (const code of ['CANCELLED', 'INVALID_INPUT', 'CONFLICT', 'INTERNAL'] as const) {
      expect(shouldFallBack(new HearthError(code, 'x'))).toBe(false);
    }
    expect(shouldFallBack(new Error('plain'))).toBe(false);
  });

  it('tries sources in order and reports the ones it skipped', async () => {
    const tried: string[] = [];
    const chain = new FallbackChain([local('a'), local('b'), local('c')]);
    const result = await chain.run(async (source, attempt) => {
      tried.push(source.modelId);
      if (source.modelId === 'a') return fail('MODEL_UNAVAILABLE', 'a is gone');
      if (source.modelId === 'b') return fail('OUT_OF_MEMORY', 'b is too big');
      expect(attempt.skipped.map((s) => [s.modelId, s.error.code])).toEqual([
        ['a', 'MODEL_UNAVAILABLE'],
        ['b', 'OUT_OF_MEMORY'],
      ]);
      return 'answer';
    });
    expect(tried).toEqual(['a', 'b', 'c']);
    expect(result.value).toBe('answer');
    expect(result.source.modelId).toBe('c');
    expect(result.skipped).toHaveLength(2);
  });

  it('stops at an error that would happen anywhere', async () => {
    const tried: string[] = [];
    const chain = new FallbackChain([local('a'), local('b')]);
    const error = await errorOf(
      chain.run((source) => {
        tried.push(source.modelId);
        return fail('INVALID_INPUT');
      }),
    );
    expect(error.code).toBe('INVALID_INPUT');
    expect(tried).toEqual(['a']);
  });

  it('never falls back once a source committed (text may have streamed)', async () => {
    const chain = new FallbackChain([local('a'), local('b')]);
    const error = await errorOf(
      chain.run((_source, attempt) => {
        attempt.commit();
        return fail('SIDECAR_DOWN');
      }),
    );
    expect(error.code).toBe('SIDECAR_DOWN');
  });

  it('never falls back after a cancel', async () => {
    const controller = new AbortController();
    const tried: string[] = [];
    const chain = new FallbackChain([local('a'), local('b')]);
    await errorOf(
      chain.run((source) => {
        tried.push(source.modelId);
        controller.abort();
        return fail('SIDECAR_DOWN');
      }, controller.signal),
    );
    expect(tried).toEqual(['a']);
  });

  it('when all fail, one error with the primary code names every source', async () => {
    const chain = new FallbackChain([local('a'), { source: 'remote', modelId: 'r' } as SourceRef]);
    const error = await errorOf(
      chain.run((source) =>
        fail(source.modelId === 'a' ? 'MODEL_INVALID' : 'REMOTE_UNAVAILABLE', `${source.modelId} failed`),
      ),
    );
    expect(error.code).toBe('MODEL_INVALID');
    expect(error.message).toBe('No model could answer. a: a failed r: r failed');
    expect((error.details?.attempts as unknown[]).length).toBe(2);
  });

  it('a single source keeps its own error; an empty chain says no model is configured', async () => {
    const one = await errorOf(new FallbackChain([local('a')]).run(() => fail('OUT_OF_MEMORY', 'too big')));
    expect(one.message).toBe('too big');
    const none = await errorOf(new FallbackChain([]).run(async () => 1));
    expect(none.code).toBe('MODEL_UNAVAILABLE');
  });
});
