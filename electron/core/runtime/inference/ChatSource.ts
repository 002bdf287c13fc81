import type { ChatMessage, Sampling } from './runtimeSchemas';
import type { SourceRef } from './FallbackChain';
import type { FitPrompt } from './PromptMeter';

/** One turn as a source receives it. */
export interface SourceChatInput {
  /** Conversation id: local sources keep its engine state between turns. */
  sessionKey: string;
  systemPrompt: string;
  /** The history, then the new user message. */
  messages: ChatMessage[];
  sampling: Sampling;
  /**
   * Rebuilds the prompt for this source before it answers, measured with its tokenizer and context; its result
   * replaces `systemPrompt` and `messages`. Called once per source tried, the answering one last.
   */
  fit?: FitPrompt;
}

export interface SourceChatOutput {
  text: string;
  stopReason: 'eos' | 'maxTokens' | 'stop';
  promptTokens: number;
  evaluatedTokens: number;
  reusedTokens: number;
  completionTokens: number;
  trimmedMessages: number;
}

export interface SourceHooks {
  signal: AbortSignal;
  /** The source is ready to answer (model loaded, endpoint accepted): `name` is what people see. */
  ready: (name: string) => void;
  onDelta: (text: string) => void;
}

/** Something that can answer a chat turn: a local model or a remote endpoint. */
export interface ChatSource extends SourceRef {
  chat(input: SourceChatInput, hooks: SourceHooks): Promise<SourceChatOutput>;
}

export interface SourceEmbedOutput {
  vectors: number[][];
  name: string;
  tokens: number;
  truncated: number;
}

/** Something that can embed texts. */
export interface EmbedSource extends SourceRef {
  embed(texts: string[], signal: AbortSignal): Promise<SourceEmbedOutput>;
}
