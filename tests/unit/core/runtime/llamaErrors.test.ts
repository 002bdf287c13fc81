import { DisposedError, InsufficientMemoryError } from 'node-llama-cpp';
import { describe, expect, it } from 'vitest';
import { HearthError } from '../../../../electron/shared/errors';
import { MEMORY_ADVICE, toEngineError } from '../../../../electron/core/runtime/inference/worker/llamaErrors';

// The real OUT_OF_MEMORY path (llama.cpp refusing a context) runs in the integration tests; this covers each branch.
describe('engine error mapping', () => {
  it("maps node-llama-cpp's InsufficientMemoryError to OUT_OF_MEMORY with advice, in any phase", () => {
    for (const phase of ['load-model', 'create-context', 'generate', 'embed'] as const) {
      const error = toEngineError(new InsufficientMemoryError('too large for the available RAM'), phase, {
        modelId: 'big',
        contextSize: 8192,
      });
      expect(error.code).toBe('OUT_OF_MEMORY');
      expect(error.message).toContain('too large for the available RAM');
      expect(error.details?.advice).toBe(MEMORY_ADVICE);
    }
    expect(
      toEngineError(new InsufficientMemoryError('x'), 'create-context', { modelId: 'm', contextSize: 8192 }).message,
    ).toMatch(/^Not enough memory for a 8192-token context with m/);
  });

  it('a failed context allocation is memory; a failed model load is an invalid model', () => {
    expect(toEngineError(new Error('Failed to create context'), 'create-context').code).toBe('OUT_OF_MEMORY');
    const load = toEngineError(new Error('failed to load model'), 'load-model', { modelId: 'm' });
    expect(load.code).toBe('MODEL_INVALID');
    expect(load.message).toBe(
      'm could not be loaded: the file is damaged, incomplete or of a kind this version of Hearth cannot run. ' +
        'Import or download it again, or choose another model. (llama.cpp: failed to load model)',
    );
  });

  it('a disposed model is unavailable; other failures are internal; HearthErrors pass through', () => {
    expect(toEngineError(new DisposedError(), 'generate').code).toBe('MODEL_UNAVAILABLE');
    expect(toEngineError(new Error('boom'), 'generate').code).toBe('INTERNAL');
    const own = new HearthError('CANCELLED', 'stopped');
    expect(toEngineError(own, 'generate')).toBe(own);
  });
});
