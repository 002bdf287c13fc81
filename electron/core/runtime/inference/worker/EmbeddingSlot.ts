import type { Llama, LlamaEmbeddingContext, LlamaModel, Token } from 'node-llama-cpp';
import { HearthError } from '../../../../shared/errors';
import { l2Normalize } from '../l2Normalize';
import type { LoadedModel } from '../runtimeSchemas';
import type { LoadParams, WorkerEmbedResult } from '../workerProtocol';
import { describeModel } from './ChatSlot';
import { toEngineError } from './llamaErrors';

/** Tokens reserved for the BOS/EOS that node-llama-cpp adds, plus the one position it must keep free. */
const SPECIAL_TOKEN_ROOM = 3;

/**
 * The loaded embedding model with a pool of embedding contexts. node-llama-cpp runs one embedding at a time per
 * context (a lock around its single sequence), so real overlap needs several contexts; texts are handed to whichever
 * context is free. The thread budget is split between the contexts so they do not oversubscribe the cores.
 */
export class EmbeddingSlot {
  readonly info: LoadedModel;
  readonly #model: LlamaModel;
  readonly #contexts: LlamaEmbeddingContext[];
  readonly #free: LlamaEmbeddingContext[];
  readonly #waiting: Array<(context: LlamaEmbeddingContext) => void> = [];

  private constructor(info: LoadedModel, model: LlamaModel, contexts: LlamaEmbeddingContext[]) {
    this.info = info;
    this.#model = model;
    this.#contexts = contexts;
    this.#free = [...contexts];
  }

  static async load(llama: Llama, params: LoadParams): Promise<EmbeddingSlot> {
    const started = performance.now();
    const subject = { modelId: params.modelId, contextSize: params.contextSize };
    let model: LlamaModel;
    try {
      model = await llama.loadModel({ modelPath: params.path });
    } catch (error) {
      throw toEngineError(error, 'load-model', subject);
    }
    const contexts: LlamaEmbeddingContext[] = [];
    const threads = Math.max(1, Math.floor(params.threads / params.parallel));
    try {
      for (let i = 0; i < params.parallel; i++) {
        contexts.push(
          await model.createEmbeddingContext({
            contextSize: params.contextSize,
            // Pooled embeddings need the whole text in one batch.
            batchSize: params.contextSize,
            threads,
          }),
        );
      }
    } catch (error) {
      await Promise.all(contexts.map((context) => context.dispose()));
      await model.dispose();
      throw toEngineError(error, 'create-context', subject);
    }
    return new EmbeddingSlot(describeModel(model, params, 'embedding', started), model, contexts);
  }

  /** L2-normalised embeddings in input order; texts longer than the context are cut to fit. */
  async embed(texts: readonly string[], signal: AbortSignal): Promise<WorkerEmbedResult> {
    const limit = this.info.contextSize - SPECIAL_TOKEN_ROOM;
    let truncated = 0;
    let tokenCount = 0;
    const inputs = texts.map((text, index) => {
      let tokens = this.#model.tokenize(text);
      if (tokens.length === 0) {
        throw new HearthError('INVALID_INPUT', `Text ${index + 1} has nothing to embed.`);
      }
      if (tokens.length > limit) {
        tokens = tokens.slice(0, limit);
        truncated += 1;
      }
      tokenCount += tokens.length;
      return tokens;
    });
    const vectors = new Array<number[]>(texts.length);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < inputs.length) {
        if (signal.aborted) throw new HearthError('CANCELLED', 'Embedding was stopped.');
        const index = next++;
        vectors[index] = await this.#withContext((context) => embedOne(context, inputs[index]!));
      }
    };
    try {
      await Promise.all(Array.from({ length: Math.min(this.#contexts.length, inputs.length) }, worker));
    } catch (error) {
      if (signal.aborted) throw new HearthError('CANCELLED', 'Embedding was stopped.');
      throw toEngineError(error, 'embed', { modelId: this.info.modelId });
    }
    return { vectors, tokens: tokenCount, truncated };
  }

  async dispose(): Promise<void> {
    await Promise.all(this.#contexts.map((context) => context.dispose()));
    await this.#model.dispose();
  }

  async #withContext<T>(run: (context: LlamaEmbeddingContext) => Promise<T>): Promise<T> {
    const context = this.#free.pop() ?? (await new Promise<LlamaEmbeddingContext>((r) => this.#waiting.push(r)));
    try {
      return await run(context);
    } finally {
      const waiter = this.#waiting.shift();
      if (waiter) waiter(context);
      else this.#free.push(context);
    }
  }
}

async function embedOne(context: LlamaEmbeddingContext, tokens: Token[]): Promise<number[]> {
  // node-llama-cpp prepends/appends special tokens to the array it is given: pass a copy.
  const embedding = await context.getEmbeddingFor([...tokens]);
  return l2Normalize(embedding.vector);
}
