import { HearthError, isHearthError, type ErrorCode } from '../../../shared/errors';
import type { SkippedSource } from './runtimeSchemas';

/** A source as the chain sees it. */
export interface SourceRef {
  source: 'local' | 'remote';
  modelId: string;
}

/**
 * Failures after which the next source may answer: this source cannot (missing, broken, too big for memory, engine
 * down, endpoint unreachable or busy). Everything else (bad input, a cancel) would fail the same way anywhere.
 */
const FALLBACK_CODES: ReadonlySet<ErrorCode> = new Set([
  'MODEL_UNAVAILABLE',
  'MODEL_INVALID',
  'OUT_OF_MEMORY',
  'SIDECAR_DOWN',
  'REMOTE_UNAVAILABLE',
  'RATE_LIMITED',
  'TIMEOUT',
]);

export function shouldFallBack(error: unknown): boolean {
  return isHearthError(error) && FALLBACK_CODES.has(error.code);
}

/** What an attempt gets besides its source. */
export interface ChainAttempt {
  /** Sources passed over so far, for the `model` event. */
  skipped: SkippedSource[];
  /** Call once the source has started answering: from then on its errors are the caller's, with no fallback. */
  commit: () => void;
}

/** The order: the requested model, then the configured local models, then the remote endpoint; each once. */
export function orderSources(options: {
  preferred?: string | undefined;
  local: readonly string[];
  remote?: string | null | undefined;
}): SourceRef[] {
  const ids = [...(options.preferred ? [options.preferred] : []), ...options.local];
  const refs: SourceRef[] = [...new Set(ids)].map((modelId) => ({ source: 'local', modelId }));
  if (options.remote) refs.push({ source: 'remote', modelId: options.remote });
  return refs;
}

/**
 * Tries sources in order until one answers. A source that fails before it commits (see ChainAttempt) with a
 * fallback-worthy error is skipped and remembered; once one commits, its outcome is final, since text already
 * streamed cannot be taken back.
 */
export class FallbackChain<S extends SourceRef> {
  readonly sources: readonly S[];

  constructor(sources: readonly S[]) {
    this.sources = sources;
  }

  async run<R>(
    attempt: (source: S, context: ChainAttempt) => Promise<R>,
    signal?: AbortSignal,
  ): Promise<{ value: R; source: S; skipped: SkippedSource[] }> {
    if (this.sources.length === 0) {
      throw new HearthError('MODEL_UNAVAILABLE', 'No model is configured. Add a model on the Models screen.');
    }
    const skipped: SkippedSource[] = [];
    const failures: HearthError[] = [];
    for (const source of this.sources) {
      let committed = false;
      try {
        const value = await attempt(source, { skipped: [...skipped], commit: () => (committed = true) });
        return { value, source, skipped };
      } catch (error) {
        if (committed || signal?.aborted || !shouldFallBack(error)) throw error;
        const failure = error as HearthError;
        failures.push(failure);
        skipped.push({ source: source.source, modelId: source.modelId, error: failure.toData() });
      }
    }
    throw combine(failures, skipped);
  }
}

/** One failure stays as it is; several become one error with the primary's code that names each. */
function combine(failures: HearthError[], skipped: SkippedSource[]): HearthError {
  const primary = failures[0]!;
  if (failures.length === 1) return primary;
  const each = skipped.map((s) => `${s.modelId}: ${s.error.message}`).join(' ');
  return new HearthError(primary.code, `No model could answer. ${each}`, { attempts: skipped });
}
