import { basename } from 'node:path';
import {
  LlamaChat,
  resolveChatWrapper,
  TokenBias,
  type ChatHistoryItem,
  type ChatWrapper,
  type Llama,
  type LlamaContext,
  type LlamaContextSequence,
  type LlamaModel,
  type Token,
} from 'node-llama-cpp';
import { HearthError } from '../../../../shared/errors';
import type { ChatMessage, LoadedModel } from '../runtimeSchemas';
import { promptBudget } from '../PromptMeter';
import { trimHistory } from '../trimHistory';
import type {
  LoadParams,
  WorkerChatParams,
  WorkerChatResult,
  WorkerMeasureParams,
  WorkerMeasureResult,
} from '../workerProtocol';
import { toEngineError } from './llamaErrors';

const DEFAULT_TEMPERATURE = 0.7;
const DEFAULT_TOP_P = 0.9;
const DEFAULT_MAX_TOKENS = 512;

/** One conversation's cached engine state: its sequence keeps the evaluated prompt, so the next turn reuses it. */
interface Session {
  readonly sequence: LlamaContextSequence;
  readonly chat: LlamaChat;
  busy: boolean;
  lastUsed: number;
}

/** The loaded chat model: one context with a sequence per cached conversation. */
export class ChatSlot {
  readonly info: LoadedModel;
  readonly #model: LlamaModel;
  readonly #context: LlamaContext;
  readonly #sessions = new Map<string, Session>();
  /** Resolved once and shared by every session, so a measured prompt is the prompt that is generated from. */
  readonly #wrapper: ChatWrapper;
  #eogBias: TokenBias | undefined;

  private constructor(info: LoadedModel, model: LlamaModel, context: LlamaContext) {
    this.info = info;
    this.#model = model;
    this.#context = context;
    this.#wrapper = resolveChatWrapper(model);
  }

  /** Loads the model and creates its context; errors are already HearthErrors (MODEL_INVALID, OUT_OF_MEMORY). */
  static async load(llama: Llama, params: LoadParams): Promise<ChatSlot> {
    const started = performance.now();
    const subject = { modelId: params.modelId, contextSize: params.contextSize };
    let model: LlamaModel;
    try {
      model = await llama.loadModel({ modelPath: params.path });
    } catch (error) {
      throw toEngineError(error, 'load-model', subject);
    }
    let context: LlamaContext;
    try {
      context = await model.createContext({
        contextSize: params.contextSize,
        sequences: params.parallel,
        threads: params.threads,
      });
    } catch (error) {
      await model.dispose();
      throw toEngineError(error, 'create-context', subject);
    }
    return new ChatSlot(describeModel(model, params, 'chat', started), model, context);
  }

  get activeSessions(): number {
    return this.#sessions.size;
  }

  /** Generates a reply, streaming text deltas; `signal` aborts with CANCELLED and leaves the session reusable. */
  async generate(
    params: WorkerChatParams,
    signal: AbortSignal,
    onDelta: (text: string) => void,
  ): Promise<WorkerChatResult> {
    const started = performance.now();
    const session = await this.#session(params.sessionKey);
    try {
      const { sampling } = params;
      const maxTokens = sampling.maxTokens ?? DEFAULT_MAX_TOKENS;
      const contextSize = this.#context.contextSize;
      // Room for the reply; llama.cpp's own context shift covers a reply that outgrows it.
      const budget = promptBudget(contextSize, maxTokens);
      // Kept histories are suffixes of the messages, so the length names one; the kept one is tokenized once.
      const rendered = new Map<number, Token[]>();
      const tokenize = (messages: readonly ChatMessage[]): Token[] => {
        let tokens = rendered.get(messages.length);
        if (!tokens) {
          tokens = this.#render(params.systemPrompt, messages);
          rendered.set(messages.length, tokens);
        }
        return tokens;
      };
      const kept = trimHistory(params.messages, (messages) => tokenize(messages).length, budget);
      if (!kept.fits) {
        throw new HearthError(
          'INVALID_INPUT',
          `The message is too long for this model's context: the prompt needs ${kept.tokens} tokens, but only ` +
            `${budget} fit (context ${contextSize}, ${contextSize - budget} kept for the reply).`,
          { promptTokens: kept.tokens, budget },
        );
      }
      // LlamaChat keeps the longest common prefix of the cached tokens and the new prompt and evaluates the rest;
      // the last prompt token is always evaluated again, since its logits give the first reply token.
      const prompt = tokenize(kept.messages);
      const reusedTokens = Math.min(commonPrefix(session.sequence.contextTokens, prompt), prompt.length - 1);
      let firstTokenMs = -1;
      // Generated tokens are counted by the sequence's meter: onToken misses tokens the stop-trigger detector holds
      // back. Each is decoded with logits once (the first via the last prompt token), the final one never.
      const outputBefore = session.sequence.tokenMeter.usedOutputTokens;
      const response = await session.chat.generateResponse(toHistory(params.systemPrompt, kept.messages), {
        signal,
        maxTokens,
        temperature: sampling.temperature ?? DEFAULT_TEMPERATURE,
        topP: sampling.topP ?? DEFAULT_TOP_P,
        ...(sampling.seed !== undefined ? { seed: sampling.seed } : {}),
        ...(sampling.stop?.length ? { customStopTriggers: sampling.stop } : {}),
        ...(sampling.ignoreEos ? { tokenBias: this.#noEogBias() } : {}),
        onToken: (tokens) => {
          if (firstTokenMs < 0 && tokens.length > 0) firstTokenMs = performance.now() - started;
        },
        onTextChunk: (text) => {
          if (text) onDelta(text);
        },
      });
      const totalMs = performance.now() - started;
      const { stopReason } = response.metadata;
      const generated = session.sequence.tokenMeter.usedOutputTokens - outputBefore;
      // The end-of-generation token is not part of the reply.
      const completionTokens = Math.max(0, generated - (stopReason === 'eogToken' ? 1 : 0));
      return {
        text: response.response,
        stopReason: stopReason === 'maxTokens' ? 'maxTokens' : stopReason === 'customStopTrigger' ? 'stop' : 'eos',
        promptTokens: prompt.length,
        evaluatedTokens: prompt.length - reusedTokens,
        reusedTokens,
        completionTokens,
        trimmedMessages: kept.trimmed,
        firstTokenMs: firstTokenMs < 0 ? totalMs : firstTokenMs,
        totalMs,
      };
    } catch (error) {
      if (signal.aborted) throw new HearthError('CANCELLED', 'The reply was stopped.');
      throw toEngineError(error, 'generate', { modelId: this.info.modelId });
    } finally {
      session.busy = false;
      session.lastUsed = Date.now();
    }
  }

  /**
   * Counts with this model's tokenizer: whole prompts through its chat template (exactly what `generate` would
   * evaluate), plain texts, and texts cut to a number of tokens (on a token boundary, then detokenized).
   */
  measure(params: WorkerMeasureParams): WorkerMeasureResult {
    const tokenizer = this.#model.tokenizer;
    return {
      budget: promptBudget(this.#context.contextSize, params.maxTokens ?? DEFAULT_MAX_TOKENS),
      prompts: params.prompts.map((p) => this.#render(p.systemPrompt, p.messages).length),
      texts: params.texts.map((text) => tokenizer(text).length),
      cuts: params.cuts.map(({ text, maxTokens }) => {
        const tokens = tokenizer(text);
        return tokens.length <= maxTokens ? text : this.#model.detokenize(tokens.slice(0, maxTokens));
      }),
    };
  }

  /** The prompt's tokens as the chat template renders it, ending with the opening of the model's turn. */
  #render(systemPrompt: string, messages: readonly ChatMessage[]): Token[] {
    return this.#wrapper
      .generateContextState({ chatHistory: toHistory(systemPrompt, messages) })
      .contextText.tokenize(this.#model.tokenizer);
  }

  /** Frees a conversation's sequence (its cached state). */
  async forget(sessionKey: string): Promise<boolean> {
    const session = this.#sessions.get(sessionKey);
    if (!session || session.busy) return false;
    this.#sessions.delete(sessionKey);
    session.chat.dispose({ disposeSequence: true });
    return true;
  }

  async dispose(): Promise<void> {
    for (const session of this.#sessions.values()) session.chat.dispose({ disposeSequence: true });
    this.#sessions.clear();
    await this.#context.dispose();
    await this.#model.dispose();
  }

  /**
   * The session's cached sequence, or a new one; the least recently used idle session gives up its sequence. The
   * session is busy from here on: marked only after the await, a new one looked idle to a concurrent request, which
   * took its sequence and disposed it under this one.
   */
  async #session(key: string): Promise<Session> {
    const existing = this.#sessions.get(key);
    if (existing) {
      if (existing.busy) {
        throw new HearthError('CONFLICT', 'A reply is still being generated in this conversation.');
      }
      existing.busy = true;
      return existing;
    }
    // A loop: while forgetting awaits, a concurrent request may take the sequence it frees.
    while (this.#context.sequencesLeft === 0) {
      const idle = [...this.#sessions.entries()]
        .filter(([, s]) => !s.busy)
        .sort(([, a], [, b]) => a.lastUsed - b.lastUsed)[0];
      if (!idle) {
        throw new HearthError(
          'RATE_LIMITED',
          `All ${this.#context.totalSequences} conversation slots of the model are busy. Try again in a moment.`,
        );
      }
      await this.forget(idle[0]);
    }
    const sequence = this.#context.getSequence();
    const session: Session = {
      sequence,
      chat: new LlamaChat({ contextSequence: sequence, chatWrapper: this.#wrapper }),
      busy: true,
      lastUsed: Date.now(),
    };
    this.#sessions.set(key, session);
    return session;
  }

  /** Bans every end-of-generation token, for fixed-length generation. Built once: it scans the whole vocabulary. */
  #noEogBias(): TokenBias {
    if (!this.#eogBias) {
      const bias = new TokenBias(this.#model.tokenizer);
      for (const token of this.#model.iterateAllTokens()) {
        if (this.#model.isEogToken(token)) bias.set(token, 'never');
      }
      this.#eogBias = bias;
    }
    return this.#eogBias;
  }
}

function commonPrefix(a: readonly Token[], b: readonly Token[]): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a[i] === b[i]) i++;
  return i;
}

/** node-llama-cpp's history: system prompt, the messages, and the empty model turn to be generated. */
function toHistory(systemPrompt: string, messages: readonly ChatMessage[]): ChatHistoryItem[] {
  const history: ChatHistoryItem[] = systemPrompt ? [{ type: 'system', text: systemPrompt }] : [];
  for (const message of messages) {
    history.push(
      message.role === 'user'
        ? { type: 'user', text: message.content }
        : { type: 'model', response: [message.content] },
    );
  }
  history.push({ type: 'model', response: [] });
  return history;
}

/** The slot's public description. */
export function describeModel(
  model: LlamaModel,
  params: LoadParams,
  slot: LoadedModel['slot'],
  started: number,
): LoadedModel {
  const name = model.fileInfo.metadata.general?.name;
  return {
    slot,
    modelId: params.modelId,
    name: typeof name === 'string' && name ? name : basename(params.path),
    sizeBytes: model.size,
    contextSize: params.contextSize,
    gpuLayers: model.gpuLayers,
    loadedAt: Date.now(),
    loadMs: performance.now() - started,
  };
}
