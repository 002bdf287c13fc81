import type { Span } from '@opentelemetry/api';
import { HearthError } from '../../../shared/errors';
import { recordGeneration, withSpan } from '../../telemetry/hearthTelemetry';
import type { ChatSource } from './ChatSource';
import type { FallbackChain } from './FallbackChain';
import type { FitPrompt, PromptMeter } from './PromptMeter';
import {
  ChatRequestSchema,
  type ChatEvent,
  type ChatMessage,
  type ChatRequest,
  type ChatResult,
  type Sampling,
} from './runtimeSchemas';

/** Short on purpose: node-llama-cpp's default system prompt is long, and every token of it is prefill time. */
export const DEFAULT_SYSTEM_PROMPT = 'You are a helpful assistant. Answer briefly and accurately.';

type ChatOptions = { signal?: AbortSignal; onEvent?: (event: ChatEvent) => void; fit?: FitPrompt };

export interface ChatEngineOptions {
  /** The sources to try for a request, in order. */
  chain: (request: ChatRequest) => FallbackChain<ChatSource>;
  /** Used when a session has none of its own. */
  defaultSystemPrompt?: string;
  /** Conversations kept in memory; the least recently used beyond it are forgotten. 200 by default. */
  maxSessions?: number;
  /** Called when a conversation is forgotten, so its engine state can be freed. */
  onForget?: (sessionId: string) => void;
}

interface Session {
  systemPrompt: string | undefined;
  messages: ChatMessage[];
  busy: boolean;
}

/**
 * Conversations: history and system prompt per session, one reply at a time per session, replies from the first
 * source of the chain that can answer. A turn joins the history only when it completes, so a cancelled or failed
 * turn leaves the conversation as it was and the next one goes ahead at once.
 */
export class ChatEngine {
  readonly #options: ChatEngineOptions;
  /** Insertion order is recency order: a used session is moved to the end. */
  readonly #sessions = new Map<string, Session>();

  constructor(options: ChatEngineOptions) {
    this.#options = options;
  }

  /**
   * One turn. With `options.fit`, each source tried rebuilds the turn with its own meter: `fit` returns the system
   * prompt and the new user message (one message), counted after the session's history, which the meter includes.
   */
  chat(input: ChatRequest, options: ChatOptions = {}): Promise<ChatResult> {
    return withSpan('generate', {}, (span) => this.#chat(input, options, span));
  }

  async #chat(input: ChatRequest, options: ChatOptions, span: Span): Promise<ChatResult> {
    const parsed = ChatRequestSchema.safeParse(input);
    if (!parsed.success) {
      throw new HearthError('INVALID_INPUT', `Invalid chat request: ${parsed.error.issues[0]?.message ?? ''}`);
    }
    const request = parsed.data;
    const signal = options.signal ?? new AbortController().signal;
    const emit = options.onEvent ?? (() => undefined);
    const session = this.#session(request.sessionId);
    if (session.busy) throw new HearthError('CONFLICT', 'A reply is still being generated in this conversation.');
    session.busy = true;
    try {
      if (request.systemPrompt !== undefined) session.systemPrompt = request.systemPrompt;
      let userMessage: ChatMessage = { role: 'user', content: request.message };
      const history = request.history ?? [...session.messages];
      const { fit } = options;
      const input = {
        sessionKey: request.sessionId,
        systemPrompt: session.systemPrompt ?? this.#options.defaultSystemPrompt ?? DEFAULT_SYSTEM_PROMPT,
        messages: [...history, userMessage],
        sampling: samplingOf(request),
        ...(fit
          ? {
              fit: async (meter: PromptMeter) => {
                const draft = await fit(withHistory(meter, history));
                // The last call is the answering source's: its message is the one the history keeps.
                userMessage = { role: 'user', content: draft.messages.at(-1)?.content ?? request.message };
                return { systemPrompt: draft.systemPrompt, messages: [...history, userMessage] };
              },
            }
          : {}),
      };
      const started = performance.now();
      let firstDeltaAt: number | undefined;
      // Set by `ready`, which a source calls before it answers.
      let modelName = '';
      const { value, source } = await this.#options.chain(request).run(
        (candidate, attempt) =>
          candidate.chat(input, {
            signal,
            ready: (name) => {
              attempt.commit();
              emit({
                type: 'model',
                source: candidate.source,
                modelId: candidate.modelId,
                name,
                skipped: attempt.skipped,
              });
              modelName = name;
            },
            onDelta: (text) => {
              firstDeltaAt ??= performance.now();
              emit({ type: 'delta', text });
            },
          }),
        signal,
      );
      const ended = performance.now();
      const ttftMs = (firstDeltaAt ?? ended) - started;
      const afterFirst = ended - (firstDeltaAt ?? ended);
      const tokensPerSecond = afterFirst > 0 ? ((value.completionTokens - 1) * 1000) / afterFirst : 0;
      session.messages.push(userMessage, { role: 'assistant', content: value.text });
      recordGeneration({
        at: Date.now(),
        ttftMs,
        tokensPerSecond,
        tokens: value.completionTokens,
        source: source.source,
      });
      span.setAttributes({
        'hearth.model.source': source.source,
        'gen_ai.usage.input_tokens': value.promptTokens,
        'gen_ai.usage.output_tokens': value.completionTokens,
        'hearth.ttft_ms': Math.round(ttftMs),
        'hearth.tokens_per_second': Math.round(tokensPerSecond * 10) / 10,
      });
      return {
        text: value.text,
        stopReason: value.stopReason,
        model: { source: source.source, modelId: source.modelId, name: modelName },
        usage: {
          promptTokens: value.promptTokens,
          evaluatedTokens: value.evaluatedTokens,
          reusedTokens: value.reusedTokens,
          completionTokens: value.completionTokens,
          trimmedMessages: value.trimmedMessages,
          ttftMs,
          durationMs: ended - started,
          tokensPerSecond,
        },
      };
    } finally {
      session.busy = false;
    }
  }

  /** A copy of a conversation's history (empty for an unknown one). */
  history(sessionId: string): ChatMessage[] {
    return [...(this.#sessions.get(sessionId)?.messages ?? [])];
  }

  /** Forgets a conversation and frees its engine state. */
  forget(sessionId: string): boolean {
    const session = this.#sessions.get(sessionId);
    if (!session || session.busy) return false;
    this.#sessions.delete(sessionId);
    this.#options.onForget?.(sessionId);
    return true;
  }

  #session(id: string): Session {
    let session = this.#sessions.get(id);
    if (session) {
      this.#sessions.delete(id);
    } else {
      session = { systemPrompt: undefined, messages: [], busy: false };
    }
    this.#sessions.set(id, session);
    const max = this.#options.maxSessions ?? 200;
    for (const [oldId, old] of this.#sessions) {
      if (this.#sessions.size <= max) break;
      if (!old.busy) this.forget(oldId);
    }
    return session;
  }
}

/** The meter as a fit sees it: the prompts it measures are counted after the session's history. */
function withHistory(meter: PromptMeter, history: readonly ChatMessage[]): PromptMeter {
  if (history.length === 0) return meter;
  return {
    budget: meter.budget,
    exact: meter.exact,
    measure: (request) =>
      meter.measure({
        ...request,
        ...(request.prompts
          ? { prompts: request.prompts.map((p) => ({ ...p, messages: [...history, ...p.messages] })) }
          : {}),
      }),
  };
}

function samplingOf(request: ChatRequest): Sampling {
  const { temperature, topP, maxTokens, stop, seed, ignoreEos } = request;
  const sampling: Sampling = {};
  if (temperature !== undefined) sampling.temperature = temperature;
  if (topP !== undefined) sampling.topP = topP;
  if (maxTokens !== undefined) sampling.maxTokens = maxTokens;
  if (stop !== undefined) sampling.stop = stop;
  if (seed !== undefined) sampling.seed = seed;
  if (ignoreEos !== undefined) sampling.ignoreEos = ignoreEos;
  return sampling;
}
