import { HearthError } from '../../../shared/errors';
import type {
  ChatSource,
  EmbedSource,
  SourceChatInput,
  SourceChatOutput,
  SourceEmbedOutput,
  SourceHooks,
} from './ChatSource';
import { l2Normalize } from './l2Normalize';
import { parseSse } from './parseSse';
import { estimatingMeter } from './PromptMeter';

/** An OpenAI-compatible endpoint the user configured (llama.cpp server, Ollama, LM Studio, vLLM, a hosted API). */
export interface RemoteEndpoint {
  /** `http(s)://host[:port]`, with or without the trailing `/v1`. */
  baseUrl: string;
  /** Model name for /v1/chat/completions. */
  chatModel: string;
  /** Model name for /v1/embeddings; without one the endpoint does not embed. */
  embeddingModel?: string;
  /** Shown to people; the host name by default. */
  name?: string;
  /** Reads the API key (from the keychain) for each request; the key is never logged or kept. */
  apiKey?: () => Promise<string | null | undefined> | string | null | undefined;
  /** How long to wait for the response to start; 60 s by default. */
  timeoutMs?: number;
  /** The served model's context in tokens (from settings), for fitting prompts; 4096 by default. */
  contextSize?: number;
}

/** Reply lengths when the request sets none: remote servers' own defaults vary wildly. */
const DEFAULT_MAX_TOKENS = 512;
/** Assumed when the endpoint's context is not configured: what most servers give a model at least. */
const DEFAULT_CONTEXT_SIZE = 4096;

/** An OpenAI-compatible endpoint as a chat and embedding source: streaming SSE chat and batch embeddings. */
export class RemoteSource implements ChatSource, EmbedSource {
  readonly source = 'remote' as const;
  readonly modelId: string;
  readonly #endpoint: RemoteEndpoint;
  readonly #base: URL;
  readonly #fetch: typeof fetch;

  constructor(endpoint: RemoteEndpoint, kind: 'chat' | 'embedding', fetchImpl: typeof fetch = fetch) {
    this.#endpoint = endpoint;
    this.modelId = kind === 'chat' ? endpoint.chatModel : (endpoint.embeddingModel ?? '');
    this.#base = apiBase(endpoint.baseUrl);
    this.#fetch = fetchImpl;
  }

  /** What people see: "model (endpoint name)". */
  get displayName(): string {
    return `${this.modelId} (${this.#endpoint.name ?? this.#base.host})`;
  }

  async chat(input: SourceChatInput, hooks: SourceHooks): Promise<SourceChatOutput> {
    const { sampling } = input;
    const maxTokens = sampling.maxTokens ?? DEFAULT_MAX_TOKENS;
    // The endpoint's tokenizer is out of reach: the prompt is fitted by a conservative estimate.
    const prompt = input.fit
      ? await input.fit(estimatingMeter(this.#endpoint.contextSize ?? DEFAULT_CONTEXT_SIZE, maxTokens))
      : input;
    const messages = [
      ...(prompt.systemPrompt ? [{ role: 'system', content: prompt.systemPrompt }] : []),
      ...prompt.messages,
    ];
    const response = await this.#post(
      'chat/completions',
      {
        model: this.modelId,
        messages,
        stream: true,
        stream_options: { include_usage: true },
        max_tokens: maxTokens,
        ...(sampling.temperature !== undefined ? { temperature: sampling.temperature } : {}),
        ...(sampling.topP !== undefined ? { top_p: sampling.topP } : {}),
        ...(sampling.stop?.length ? { stop: sampling.stop } : {}),
        ...(sampling.seed !== undefined ? { seed: sampling.seed } : {}),
      },
      hooks.signal,
    );
    hooks.ready(this.displayName);
    let text = '';
    let deltas = 0;
    let finish: string | null = null;
    let usage: { prompt_tokens?: number; completion_tokens?: number } | undefined;
    try {
      for await (const data of parseSse(response.body!)) {
        if (data === '[DONE]') break;
        const chunk = parseJson(data) as StreamChunk | undefined;
        if (chunk?.error) throw remoteError(`${this.displayName} failed while answering: ${chunk.error.message ?? ''}`);
        const choice = chunk?.choices?.[0];
        const content = choice?.delta?.content;
        if (typeof content === 'string' && content) {
          text += content;
          deltas += 1;
          hooks.onDelta(content);
        }
        if (choice?.finish_reason) finish = choice.finish_reason;
        if (chunk?.usage) usage = chunk.usage;
      }
    } catch (error) {
      if (hooks.signal.aborted) throw new HearthError('CANCELLED', 'The reply was stopped.');
      if (error instanceof HearthError) throw error;
      throw remoteError(`The connection to ${this.displayName} broke while answering.`, error);
    }
    const promptTokens = usage?.prompt_tokens ?? 0;
    return {
      text,
      stopReason: finish === 'length' ? 'maxTokens' : 'eos',
      promptTokens,
      evaluatedTokens: promptTokens,
      reusedTokens: 0,
      completionTokens: usage?.completion_tokens ?? deltas,
      trimmedMessages: 0,
    };
  }

  async embed(texts: string[], signal: AbortSignal): Promise<SourceEmbedOutput> {
    if (!this.modelId) throw remoteError(`${this.#base.host} has no embedding model configured.`);
    const response = await this.#post('embeddings', { model: this.modelId, input: texts }, signal);
    const body = (await response.json().catch(() => undefined)) as EmbeddingsBody | undefined;
    const data = body?.data;
    if (!Array.isArray(data) || data.length !== texts.length) {
      throw remoteError(`${this.displayName} answered the embedding request with something unexpected.`);
    }
    const vectors = new Array<number[]>(texts.length);
    for (const [position, item] of data.entries()) {
      const index = typeof item.index === 'number' ? item.index : position;
      if (!Array.isArray(item.embedding) || index < 0 || index >= texts.length) {
        throw remoteError(`${this.displayName} sent a malformed embedding.`);
      }
      vectors[index] = l2Normalize(item.embedding);
    }
    return { vectors, name: this.displayName, tokens: body?.usage?.prompt_tokens ?? 0, truncated: 0 };
  }

  async #post(path: string, body: unknown, signal: AbortSignal): Promise<Response> {
    const url = new URL(path, this.#base);
    const key = await this.#endpoint.apiKey?.();
    const timeout = AbortSignal.timeout(this.#endpoint.timeoutMs ?? 60_000);
    let response: Response;
    try {
      response = await this.#fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'text/event-stream, application/json',
          ...(key ? { authorization: `Bearer ${key}` } : {}),
        },
        body: JSON.stringify(body),
        signal: AbortSignal.any([signal, timeout]),
        redirect: 'error',
      });
    } catch (error) {
      if (signal.aborted) throw new HearthError('CANCELLED', 'The request was stopped.');
      if (timeout.aborted) throw new HearthError('TIMEOUT', `${this.displayName} did not answer in time.`);
      throw remoteError(`Could not reach ${this.displayName}: ${describe(error)}`, error);
    }
    if (response.ok && response.body) return response;
    // A server may echo the request; the key must not travel on in an error.
    const detail = await response.text().catch(() => '');
    const answer = (key ? detail.replaceAll(key, '[redacted]') : detail).slice(0, 300);
    const status = response.status;
    if (status === 429) throw new HearthError('RATE_LIMITED', `${this.displayName} is busy (HTTP 429).`, { status });
    const why =
      status === 401 || status === 403
        ? 'rejected the API key'
        : status === 404
          ? 'does not know this model or path'
          : 'refused the request';
    throw remoteError(`${this.displayName} ${why} (HTTP ${status}).`, undefined, {
      status,
      body: answer,
    });
  }
}

/** The `/v1/` base every path is resolved against. Only http(s): this URL came from the user's settings. */
export function apiBase(baseUrl: string): URL {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new HearthError('INVALID_INPUT', `"${baseUrl}" is not a valid address for a model server.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new HearthError('INVALID_INPUT', 'A model server address must start with http:// or https://.');
  }
  const path = url.pathname.replace(/\/+$/, '');
  url.pathname = `${path.endsWith('/v1') ? path : `${path}/v1`}/`;
  url.search = '';
  url.hash = '';
  return url;
}

interface StreamChunk {
  choices?: Array<{ delta?: { content?: unknown }; finish_reason?: string | null }>;
  usage?: { prompt_tokens?: number; completion_tokens?: number };
  error?: { message?: string };
}

interface EmbeddingsBody {
  data?: Array<{ embedding?: number[]; index?: number }>;
  usage?: { prompt_tokens?: number };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function remoteError(message: string, cause?: unknown, details?: Record<string, unknown>): HearthError {
  return new HearthError('REMOTE_UNAVAILABLE', message, details, { cause });
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } })?.cause;
  return cause?.code ?? cause?.message ?? (error as Error)?.message ?? String(error);
}
