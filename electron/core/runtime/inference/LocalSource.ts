import type {
  ChatSource,
  EmbedSource,
  SourceChatInput,
  SourceChatOutput,
  SourceEmbedOutput,
  SourceHooks,
} from './ChatSource';
import type { ModelSlots } from './ModelSlots';
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
      const result = await this.#worker.request(
        { op: 'chat', params: { modelId: this.modelId, ...input } },
        { signal: hooks.signal, onDelta: hooks.onDelta },
      );
      return result;
    });
  }

  embed(texts: string[], signal: AbortSignal): Promise<SourceEmbedOutput> {
    return this.#slots.use('embedding', this.modelId, async (loaded) => {
      const result = await this.#worker.request({ op: 'embed', modelId: this.modelId, texts }, { signal });
      return { ...result, name: loaded.name };
    });
  }
}
