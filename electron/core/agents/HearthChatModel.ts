import { randomUUID } from 'node:crypto';
import type { CallbackManagerForLLMRun } from '@langchain/core/callbacks/manager';
import {
  BaseChatModel,
  type BaseChatModelCallOptions,
  type BaseChatModelParams,
} from '@langchain/core/language_models/chat_models';
import { AIMessage, type BaseMessage } from '@langchain/core/messages';
import type { ChatResult as LangChainResult } from '@langchain/core/outputs';
import type { FitPrompt } from '../runtime/inference/PromptMeter';
import type { ChatEvent, ChatRequest, ChatResult, ModelRef } from '../runtime/inference/runtimeSchemas';

/** The runtime calls the adapter makes; `RuntimeService` satisfies it. */
export interface ChatRuntime {
  chat(
    request: ChatRequest,
    options: { signal?: AbortSignal; onEvent?: (event: ChatEvent) => void; fit?: FitPrompt },
  ): Promise<ChatResult>;
  forgetSession(sessionId: string): boolean;
}

/** Per-call options: the model to try first and the sampling of this answer. */
export interface HearthChatModelCallOptions extends BaseChatModelCallOptions {
  modelId?: string;
  maxTokens?: number;
  temperature?: number;
  /** Told which model answered (the runtime may fall back to another). */
  onModel?: (model: ModelRef) => void;
  /**
   * Rebuilds the prompt for the model that answers, measured with its tokenizer and context: the messages passed to
   * `invoke` are then only what is sent if no source asks (none does today).
   */
  fit?: FitPrompt;
}

export interface HearthChatModelParams extends BaseChatModelParams {
  runtime: ChatRuntime;
}

const text = (m: BaseMessage): string =>
  typeof m.content === 'string'
    ? m.content
    : m.content.map((part) => ('text' in part && typeof part.text === 'string' ? part.text : '')).join('');

/**
 * A LangChain chat model backed by Hearth's runtime: the local llama.cpp worker by default, with the runtime's own
 * fallback chain. Each call is a fresh runtime session (the agent builds the whole prompt itself), forgotten after,
 * and text deltas go to LangChain's callbacks, so graph nodes stream tokens with `handleLLMNewToken`.
 */
export class HearthChatModel extends BaseChatModel<HearthChatModelCallOptions> {
  readonly #runtime: ChatRuntime;

  constructor(params: HearthChatModelParams) {
    super(params);
    this.#runtime = params.runtime;
  }

  _llmType(): string {
    return 'hearth-runtime';
  }

  async _generate(
    messages: BaseMessage[],
    options: this['ParsedCallOptions'],
    runManager?: CallbackManagerForLLMRun,
  ): Promise<LangChainResult> {
    const system = messages.filter((m) => m.getType() === 'system').map(text);
    const turns = messages.filter((m) => m.getType() !== 'system');
    const last = turns.at(-1);
    // Earlier turns become plain text in front of the last one: the session starts empty every time.
    const earlier = turns
      .slice(0, -1)
      .map((m) => `${m.getType() === 'ai' ? 'Assistant' : 'User'}: ${text(m)}`)
      .join('\n');
    const message = [earlier, last ? text(last) : ''].filter(Boolean).join('\n\n');
    const sessionId = `agent-${randomUUID()}`;
    try {
      const result = await this.#runtime.chat(
        {
          sessionId,
          message,
          ...(system.length ? { systemPrompt: system.join('\n\n') } : {}),
          ...(options.modelId ? { modelId: options.modelId } : {}),
          ...(options.maxTokens ? { maxTokens: options.maxTokens } : {}),
          ...(options.temperature !== undefined ? { temperature: options.temperature } : {}),
          ...(options.stop?.length ? { stop: options.stop } : {}),
        },
        {
          ...(options.signal ? { signal: options.signal } : {}),
          ...(options.fit ? { fit: options.fit } : {}),
          onEvent: (event) => {
            if (event.type === 'delta') void runManager?.handleLLMNewToken(event.text);
            else options.onModel?.({ source: event.source, modelId: event.modelId, name: event.name });
          },
        },
      );
      return {
        generations: [{ text: result.text, message: new AIMessage(result.text) }],
        llmOutput: { model: result.model, usage: result.usage, stopReason: result.stopReason },
      };
    } finally {
      this.#runtime.forgetSession(sessionId);
    }
  }
}
