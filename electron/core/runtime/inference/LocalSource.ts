import type {
  ChatSource,
  EmbedSource,
  SourceChatInput,
  SourceChatOutput,
  SourceEmbedOutput,
  SourceHooks,
} from './ChatSource';
import type { ModelSlots } from './ModelSlots';
import type { MeasureRequest, PromptMeter } from './PromptMeter';
import type { WorkerClient } from './WorkerClient';

/** A local GGUF model, answering through the inference worker. */
export class LocalSource implements ChatSource, EmbedSource {
  readonly source = 'local' as const;
  readonly modelId: string;
  readonly #slots: ModelSlots;
  readonly #worker: WorkerClient;

  constructor(modelId: string, slots: ModelSlots, worker: WorkerClient) {
    this.modelId = modelId;
    this.#slots = slots;
    this.#worker = worker;
  }

  chat(input: SourceChatInput, hooks: SourceHooks): Promise<SourceChatOutput> {
    let announced = false;
    return this.#slots.use('chat', this.modelId, async (loaded) => {
      if (!announced) hooks.ready(loaded.name);
      announced = true;
      const { fit, ...plain } = input;
      // Measured while the model is held, so the prompt fits the very model that answers it.
      const prompt = fit ? await fit(await this.#meter(input.sampling.maxTokens, hooks.signal)) : plain;
      const result = await this.#worker.request(
        { op: 'chat', params: { modelId: this.modelId, ...plain, ...prompt } },
        { signal: hooks.signal, onDelta: hooks.onDelta },
      );
      return result;
    });
  }

  /** A meter counting with the loaded model; the first request also learns the budget. */
  async #meter(maxTokens: number | undefined, signal: AbortSignal): Promise<PromptMeter> {
    const measure = (request: MeasureRequest) =>
      this.#worker.request(
        {
          op: 'measure',
          params: {
            modelId: this.modelId,
            ...(maxTokens !== undefined ? { maxTokens } : {}),
            prompts: request.prompts ?? [],
            texts: request.texts ?? [],
            cuts: request.cuts ?? [],
          },
        },
        { signal },
      );
    const { budget } = await measure({});
    return { budget, exact: true, measure };
  }

  embed(texts: string[], signal: AbortSignal): Promise<SourceEmbedOutput> {
    return this.#slots.use('embedding', this.modelId, async (loaded) => {
      const result = await this.#worker.request({ op: 'embed', modelId: this.modelId, texts }, { signal });
      return { ...result, name: loaded.name };
    });
  }
}
