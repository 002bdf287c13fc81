import type { Completion } from './runCompletion';

/*
 * The OpenAI response objects of /v1/chat/completions. Field order follows OpenAI's own responses; `hearth` is
 * Hearth's documented extra field (docs/API.md), present only on grounded answers.
 */

/** Identifies one completion in every chunk of it. */
export interface CompletionIdentity {
  id: string;
  /** Seconds since the epoch, as OpenAI counts. */
  created: number;
  model: string;
}

function usageOf(completion: Completion) {
  if (!completion.usage) return undefined;
  const { promptTokens, completionTokens } = completion.usage;
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
  };
}

/** The whole answer (`stream: false`). */
export function completionBody(identity: CompletionIdentity, completion: Completion) {
  const usage = usageOf(completion);
  return {
    id: identity.id,
    object: 'chat.completion',
    created: identity.created,
    model: completion.model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: completion.text, refusal: null },
        logprobs: null,
        finish_reason: completion.finishReason,
      },
    ],
    ...(usage ? { usage } : {}),
    ...(completion.hearth ? { hearth: completion.hearth } : {}),
  };
}

/** One streamed chunk: a delta, or (with `finish`) the last chunk of the choice. */
export function chunkBody(
  identity: CompletionIdentity,
  delta: { role?: 'assistant'; content?: string },
  finish?: Completion,
) {
  return {
    id: identity.id,
    object: 'chat.completion.chunk',
    created: identity.created,
    model: finish?.model ?? identity.model,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finish?.finishReason ?? null }],
    ...(finish?.hearth ? { hearth: finish.hearth } : {}),
  };
}

/** The usage chunk after the last one, when the request asked for it (`stream_options.include_usage`). */
export function usageChunkBody(identity: CompletionIdentity, completion: Completion) {
  return {
    id: identity.id,
    object: 'chat.completion.chunk',
    created: identity.created,
    model: completion.model,
    choices: [],
    usage: usageOf(completion) ?? null,
  };
}
