import type { Citation } from '../../../shared/answerSchemas';
import type { HearthApi } from '../../../shared/hearthApi';
import type { Result } from '../../../shared/result';
import type { StreamHandle } from '../../../shared/rpcClient';
import type { ModelInfo } from '../../../shared/runtimeSchemas';
import { OpenAiError } from './openAiErrors';
import { textOf, type ChatCompletionRequest } from './openAiSchemas';

/** A finished completion, before it is shaped as an OpenAI response or chunk. */
export interface Completion {
  text: string;
  finishReason: 'stop' | 'length';
  /** The model that answered (its id), for the response's `model`. */
  model: string;
  /** Counts from the runtime; absent for grounded answers, whose several model calls the core does not total. */
  usage?: { promptTokens: number; completionTokens: number };
  /** The library extension's result: numbered sources, whether the answer is grounded, a note about left-out sources. */
  hearth?: { citations: Citation[]; grounded: boolean; notice?: string };
}

/** Options for one completion run. */
export interface CompletionRunOptions {
  api: HearthApi;
  request: ChatCompletionRequest;
  /** The resolved model; null: the default (or the runtime's chain). */
  model: ModelInfo | null;
  /** Aborted when the client goes away: the generation in the core is cancelled. */
  signal: AbortSignal;
  /** Called once, when the core starts answering (a streaming response sends its headers then). */
  onStart(model: string): void;
  /** A text delta. */
  onDelta(text: string): void;
}

/** Runs a completion: a plain one through `chat.complete`, or, with `hearth.library`, a grounded one. */
export function runCompletion(options: CompletionRunOptions): Promise<Completion> {
  return options.request.hearth ? runGrounded(options) : runPlain(options);
}

async function runPlain(o: CompletionRunOptions): Promise<Completion> {
  const { request } = o;
  const messages = request.messages.map((m) => ({
    role: m.role === 'developer' ? ('system' as const) : m.role,
    content: textOf(m.content),
  }));
  const stop = typeof request.stop === 'string' ? [request.stop] : (request.stop ?? undefined);
  const maxTokens = request.max_completion_tokens ?? request.max_tokens ?? undefined;
  const options = {
    ...(request.temperature != null ? { temperature: request.temperature } : {}),
    ...(request.top_p != null ? { topP: request.top_p } : {}),
    ...(maxTokens ? { maxTokens } : {}),
    ...(stop?.length ? { stop } : {}),
    ...(request.seed != null ? { seed: request.seed } : {}),
  };
  let started = false;
  const handle = o.api.chat.complete({ ...(o.model ? { modelId: o.model.id } : {}), messages, options }, (event) => {
    if (event.type === 'model' && !started) {
      started = true;
      o.onStart(event.modelId);
    } else if (event.type === 'token') o.onDelta(event.text);
  });
  const result = await follow(handle, o.signal);
  return {
    text: result.text,
    finishReason: result.finishReason === 'length' ? 'length' : 'stop',
    model: result.model.modelId,
    usage: result.usage,
  };
}

/**
 * A grounded answer through `chat.ask`, in a conversation made for it and deleted after it (nothing of the request
 * stays in the library). The last user message is the question; earlier messages are not used.
 */
async function runGrounded(o: CompletionRunOptions): Promise<Completion> {
  const library = o.request.hearth!.library;
  const question = textOf(o.request.messages.findLast((m) => m.role === 'user')?.content).trim();
  if (!question) throw OpenAiError.invalid('A grounded answer needs a user message with the question.', 'messages');
  if (question.length > 8_000) {
    throw OpenAiError.invalid('The question of a grounded answer may be at most 8,000 characters.', 'messages');
  }
  const created = await o.api.conversations.create({
    title: 'OpenAI gateway',
    collection: library.collection ?? null,
    model: o.model?.id ?? null,
  });
  if (!created.ok) throw OpenAiError.fromErrorData(created.error, 'hearth.library');
  const conversationId = created.value.id;
  try {
    let started = false;
    let streamed = '';
    let citations: Citation[] = [];
    const handle = o.api.chat.ask(
      { conversationId, question, ...(library.documents ? { documentIds: library.documents } : {}) },
      (event) => {
        if (!started) {
          started = true;
          o.onStart(o.model?.id ?? 'default');
        }
        if (event.type === 'token') {
          streamed += event.text;
          o.onDelta(event.text);
        } else if (event.type === 'citations') citations = event.citations;
      },
    );
    const { message } = await follow(handle, o.signal);
    // Whatever the answer holds beyond what was streamed still reaches a streaming client.
    if (message.content.startsWith(streamed) && message.content.length > streamed.length) {
      o.onDelta(message.content.slice(streamed.length));
    }
    return {
      text: message.content,
      finishReason: 'stop',
      model: o.model?.id ?? message.model ?? 'default',
      hearth: { citations, grounded: message.grounded, ...(message.notice ? { notice: message.notice } : {}) },
    };
  } finally {
    await o.api.conversations.delete({ id: conversationId });
  }
}

/** Waits for a stream's end value, cancelling it in the core when the client goes away. */
async function follow<T>(handle: StreamHandle<T>, signal: AbortSignal): Promise<T> {
  const cancel = () => handle.cancel();
  signal.addEventListener('abort', cancel, { once: true });
  if (signal.aborted) cancel();
  let result: Result<T>;
  try {
    result = await handle.done;
  } finally {
    signal.removeEventListener('abort', cancel);
  }
  if (!result.ok) throw OpenAiError.fromErrorData(result.error);
  return result.value;
}
