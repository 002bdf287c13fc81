import type { ChatMessage } from './runtimeSchemas';

/** A prompt as a source would send it: the system prompt, then the messages (the new user message last). */
export interface PromptDraft {
  systemPrompt: string;
  messages: ChatMessage[];
}

/** What to measure in one round trip. */
export interface MeasureRequest {
  /** Whole prompts, counted with the chat template (system, messages and the opening of the reply). */
  prompts?: PromptDraft[];
  /** Plain texts, each counted alone. */
  texts?: string[];
  /** Texts to shorten: the longest prefix of each that is at most `maxTokens` tokens. */
  cuts?: Array<{ text: string; maxTokens: number }>;
}

export interface MeasureResult {
  prompts: number[];
  texts: number[];
  cuts: string[];
}

/**
 * Measures prompts the way the source that will answer sees them. A local model counts with its own tokenizer and
 * chat template (exact); a remote endpoint can only estimate (see `estimateTokens`).
 */
export interface PromptMeter {
  /** Tokens the whole templated prompt may take: the context less the room kept for the reply. */
  readonly budget: number;
  /** True when counted by the answering model's tokenizer; false for an estimate. */
  readonly exact: boolean;
  measure(request: MeasureRequest): Promise<MeasureResult>;
}

/** Builds the prompt once the answering source is known; `PromptDraft.messages` ends with the new user message. */
export type FitPrompt = (meter: PromptMeter) => Promise<PromptDraft>;

/**
 * The prompt's share of a context: the reply keeps `maxTokens`, but never more than half, since llama.cpp's context
 * shift covers a reply that outgrows its room. The worker's last check (trimHistory) uses the same number.
 */
export function promptBudget(contextSize: number, maxTokens: number): number {
  return contextSize - Math.min(maxTokens, Math.floor(contextSize / 2));
}

/**
 * UTF-8 bytes per token assumed for a remote endpoint, whose tokenizer Hearth cannot see: 2 over-counts English
 * (≈ 4 bytes a token) and still covers CJK (3 bytes a character, rarely more than 1.5 tokens each). The only place
 * tokens are estimated from text length.
 */
const REMOTE_BYTES_PER_TOKEN = 2;
/** Template tokens assumed per message (role markers, separators) for a remote endpoint. */
const REMOTE_TOKENS_PER_MESSAGE = 8;

/** A conservative token estimate of a text for a remote endpoint. */
export function estimateTokens(text: string): number {
  return Math.ceil(Buffer.byteLength(text, 'utf8') / REMOTE_BYTES_PER_TOKEN);
}

/** A meter for a remote endpoint: budget from its configured context size, counts by `estimateTokens`. */
export function estimatingMeter(contextSize: number, maxTokens: number): PromptMeter {
  const prompt = (draft: PromptDraft): number =>
    REMOTE_TOKENS_PER_MESSAGE +
    [draft.systemPrompt, ...draft.messages.map((m) => m.content)].reduce(
      (sum, text) => sum + estimateTokens(text) + REMOTE_TOKENS_PER_MESSAGE,
      0,
    );
  return {
    budget: contextSize - Math.min(maxTokens, contextSize - 1),
    exact: false,
    measure: (request) =>
      Promise.resolve({
        prompts: (request.prompts ?? []).map(prompt),
        texts: (request.texts ?? []).map(estimateTokens),
        cuts: (request.cuts ?? []).map((cut) => cutBytes(cut.text, cut.maxTokens * REMOTE_BYTES_PER_TOKEN)),
      }),
  };
}

/** The longest prefix of whole characters within `maxBytes` UTF-8 bytes. */
function cutBytes(text: string, maxBytes: number): string {
  if (maxBytes <= 0) return '';
  let bytes = 0;
  let end = 0;
  for (const char of text) {
    bytes += Buffer.byteLength(char, 'utf8');
    if (bytes > maxBytes) break;
    end += char.length;
  }
  return text.slice(0, end);
}
