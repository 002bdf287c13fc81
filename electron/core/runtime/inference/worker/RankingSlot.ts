import type { Llama, LlamaModel, LlamaRankingContext, Token } from 'node-llama-cpp';
import { HearthError } from '../../../../shared/errors';
import type { LoadedModel } from '../runtimeSchemas';
import type { LoadParams, WorkerRankResult } from '../workerProtocol';
import { describeModel } from './ChatSlot';
import { toEngineError } from './llamaErrors';

/**
 * The loaded reranker (a cross-encoder) with one ranking context: scores (query, passage) pairs between 0 and 1.
 * Pairs are scored one after another (node-llama-cpp evaluates one sequence at a time per ranking context), so a
 * cancelled request stops between passages.
 */
export class RankingSlot {
  readonly info: LoadedModel;
  readonly #model: LlamaModel;
  readonly #context: LlamaRankingContext;

  private constructor(info: LoadedModel, model: LlamaModel, context: LlamaRankingContext) {
    this.info = info;
    this.#model = model;
    this.#context = context;
  }

  static async load(llama: Llama, params: LoadParams): Promise<RankingSlot> {
    const started = performance.now();
    const subject = { modelId: params.modelId, contextSize: params.contextSize };
    let model: LlamaModel;
    try {
      model = await llama.loadModel({ modelPath: params.path });
    } catch (error) {
      throw toEngineError(error, 'load-model', subject);
    }
    if (!model.fileInsights.supportsRanking) {
      await model.dispose();
      throw new HearthError(
        'MODEL_INVALID',
        `${params.modelId} is not a reranker: it has no classifier head to score passages with.`,
        { modelId: params.modelId },
      );
    }
    let context: LlamaRankingContext;
    try {
      // A cross-encoder attends both ways, so the whole pair must fit in one batch.
      context = await model.createRankingContext({
        contextSize: params.contextSize,
        batchSize: params.contextSize,
        threads: params.threads,
      });
    } catch (error) {
      await model.dispose();
      throw toEngineError(error, 'create-context', subject);
    }
    return new RankingSlot(describeModel(model, params, 'ranking', started), model, context);
  }

  /** One score per document, in input order; a pair longer than the context is scored on the passage's start. */
  async rank(query: string, documents: readonly string[], signal: AbortSignal): Promise<WorkerRankResult> {
    const room = this.#context.contextSize - 1;
    // The question keeps at most half the context, so every passage gets the other half at least.
    const question = this.#model.tokenize(query).slice(0, Math.floor(room / 2));
    const scores: number[] = [];
    let truncated = 0;
    try {
      for (const document of documents) {
        if (signal.aborted) throw new HearthError('CANCELLED', 'Reranking was stopped.');
        let passage: Token[] = this.#model.tokenize(document);
        // Exact, template and special tokens included: cut the passage's tail by what overflows.
        const over = this.#context.calculateInputLength(question, passage) - room;
        if (over > 0) {
          passage = passage.slice(0, Math.max(0, passage.length - over));
          truncated += 1;
        }
        scores.push(await this.#context.rank(question, passage));
      }
    } catch (error) {
      if (signal.aborted) throw new HearthError('CANCELLED', 'Reranking was stopped.');
      throw toEngineError(error, 'rank', { modelId: this.info.modelId });
    }
    return { scores, truncated };
  }

  async dispose(): Promise<void> {
    await this.#context.dispose();
    await this.#model.dispose();
  }
}
