import { DisposedError, InsufficientMemoryError } from 'node-llama-cpp';
import { HearthError, isHearthError } from '../../../../shared/errors';

/** Where in the engine an error came from: the same exception means different things in different phases. */
export type EnginePhase = 'load-model' | 'create-context' | 'generate' | 'embed' | 'rank';

/** What the error message can name. */
export interface ErrorSubject {
  modelId?: string;
  contextSize?: number;
}

export const LOAD_ADVICE = 'Import or download it again, or choose another model.';
export const MEMORY_ADVICE = 'Close other apps, choose a smaller model, or lower the context size in Settings.';

/**
 * Maps an engine failure to Hearth's error codes by class and phase, never by message text: node-llama-cpp's
 * InsufficientMemoryError (its own memory estimate refused) is OUT_OF_MEMORY in any phase; any other failure to
 * create a context is llama.cpp failing to allocate its buffers, also memory; any other failure to load is a model
 * llama.cpp cannot read.
 */
export function toEngineError(error: unknown, phase: EnginePhase, subject: ErrorSubject = {}): HearthError {
  if (isHearthError(error)) return error;
  const detail = error instanceof Error ? error.message : String(error);
  const model = subject.modelId ?? 'the model';
  if (error instanceof InsufficientMemoryError) {
    const what =
      phase === 'load-model'
        ? `to load ${model}`
        : subject.contextSize !== undefined
          ? `for a ${subject.contextSize}-token context with ${model}`
          : `to run ${model}`;
    return new HearthError('OUT_OF_MEMORY', `Not enough memory ${what}: ${detail}. ${MEMORY_ADVICE}`, {
      advice: MEMORY_ADVICE,
      phase,
    });
  }
  if (error instanceof DisposedError) {
    return new HearthError('MODEL_UNAVAILABLE', `${model} was unloaded while it was in use.`, { phase });
  }
  switch (phase) {
    case 'load-model':
      // The import check catches damaged files with precise words; this is a file changed since, or one the check
      // passed but llama.cpp cannot read. Say what it means and what to do; the engine's words go last.
      return new HearthError(
        'MODEL_INVALID',
        `${model} could not be loaded: the file is damaged, incomplete or of a kind this version of Hearth cannot ` +
          `run. ${LOAD_ADVICE} (llama.cpp: ${detail})`,
        { phase, advice: LOAD_ADVICE },
      );
    case 'create-context':
      return new HearthError(
        'OUT_OF_MEMORY',
        `llama.cpp could not create a ${subject.contextSize ?? ''}-token context for ${model} (${detail}); ` +
          `this is almost always a lack of memory. ${MEMORY_ADVICE}`,
        { advice: MEMORY_ADVICE, phase },
      );
    default:
      return new HearthError('INTERNAL', `The inference engine failed while answering: ${detail}`, { phase });
  }
}
