import type { Logger } from 'pino';
import { isHearthError } from '../../../shared/errors';
import type { RetrievedPassage } from './HybridRetriever';

/** Scores each text against the query, 0 to 1, in input order. */
export type RankTexts = (query: string, texts: string[], signal: AbortSignal) => Promise<number[]>;

/** Options for the rerank stage. */
export interface RerankStageOptions {
  /** The cross-encoder (the runtime's reranker in the inference worker). */
  rank: RankTexts;
  /** Whether to rerank now: a reranker is installed and the setting is on. Read at every search. */
  enabled: () => boolean;
  /** How many fused passages the reranker reads (the fused top N); 40 by default. */
  depth?: number;
  /** Past this, fused order stands; 20 s by default (a cold reranker loads first). */
  timeoutMs?: number;
  logger: Logger;
}

/** What reranking did to one result. */
export interface RerankOutcome {
  /** Best first, at most topK. */
  passages: RetrievedPassage[];
  /** True when the reranker's order was used. */
  reranked: boolean;
  /** Why fused order was kept after a failure, for the user; null otherwise. */
  note: string | null;
  /** Time spent in the reranker. */
  rerankMs: number;
}

const DEFAULT_DEPTH = 40;
const DEFAULT_TIMEOUT_MS = 20_000;

export const RERANK_FAILED_NOTE = 'The reranker could not order the passages this time, so they are in search order.';

/**
 * The optional cross-encoder stage after fusion: the retriever fetches the fused top `depth`, the reranker scores
 * each (query, passage) pair, and the passages are reordered by score (ties keep fused order) and cut to topK. Any
 * failure — the worker erring or dying, a timeout, odd output — keeps fused order and says so in `note`; only the
 * caller's own cancellation is passed on.
 */
export class RerankStage {
  readonly #depth: number;
  readonly #timeoutMs: number;

  constructor(private readonly o: RerankStageOptions) {
    this.#depth = o.depth ?? DEFAULT_DEPTH;
    this.#timeoutMs = o.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  }

  /** Whether the stage runs now. */
  get active(): boolean {
    return this.o.enabled();
  }

  /** How many fused passages to fetch for a result of `topK`: the rerank depth while the stage is active. */
  fetchDepth(topK: number): number {
    return this.active ? Math.max(topK, this.#depth) : topK;
  }

  /** Reorders `fused` (best first) by the reranker's scores and keeps `topK`; fused order on any failure. */
  async apply(
    query: string,
    fused: readonly RetrievedPassage[],
    options: { topK: number; signal?: AbortSignal },
  ): Promise<RerankOutcome> {
    const keepFused = (note: string | null, rerankMs = 0): RerankOutcome => ({
      passages: fused.slice(0, options.topK),
      reranked: false,
      note,
      rerankMs,
    });
    if (!this.active || fused.length < 2) return keepFused(null);
    const candidates = fused.slice(0, this.#depth);
    const timeout = AbortSignal.timeout(this.#timeoutMs);
    const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
    const started = performance.now();
    let scores: number[];
    try {
      scores = await this.o.rank(
        query,
        candidates.map((p) => p.text),
        signal,
      );
    } catch (error) {
      if (options.signal?.aborted) throw error;
      const timedOut = timeout.aborted;
      this.o.logger.warn(
        { err: error, timedOut, code: isHearthError(error) ? error.code : undefined },
        'reranking failed; keeping fused order',
      );
      return keepFused(RERANK_FAILED_NOTE, performance.now() - started);
    }
    const rerankMs = performance.now() - started;
    if (scores.length !== candidates.length || scores.some((s) => !Number.isFinite(s))) {
      this.o.logger.warn({ expected: candidates.length, got: scores.length }, 'reranker answered oddly');
      return keepFused(RERANK_FAILED_NOTE, rerankMs);
    }
    const order = candidates.map((passage, index) => ({ passage, index, score: scores[index]! }));
    // Array.prototype.sort is stable: equal scores keep fused order.
    order.sort((a, b) => b.score - a.score);
    return {
      passages: order.slice(0, options.topK).map(({ passage }) => passage),
      reranked: true,
      note: null,
      rerankMs,
    };
  }
}
