import type { ChatMessage } from './runtimeSchemas';

/** What trimming kept. */
export interface TrimmedHistory {
  /** The kept suffix of the messages; the new user message is always last. */
  messages: ChatMessage[];
  /** How many of the oldest messages were left out. */
  trimmed: number;
  /** The prompt's token count with the kept messages. */
  tokens: number;
  /** False when even the newest message alone does not fit (the caller reports it). */
  fits: boolean;
}

/**
 * Leaves out the oldest history until the prompt fits `budget` tokens. The system prompt is not in `messages`, so it
 * always stays (`countTokens` renders it); the newest message always stays; the kept history starts at a user
 * message, so the model never sees a reply without its question. Binary search over the start: each count renders
 * and tokenizes the whole prompt, which is the expensive part.
 */
export function trimHistory(
  messages: readonly ChatMessage[],
  countTokens: (messages: readonly ChatMessage[]) => number,
  budget: number,
): TrimmedHistory {
  const all = countTokens(messages);
  if (all <= budget) return { messages: [...messages], trimmed: 0, tokens: all, fits: true };
  // Candidate starts: user messages after the first, and always the last message.
  const starts: number[] = [];
  for (let i = 1; i < messages.length; i++) {
    if (messages[i]?.role === 'user' || i === messages.length - 1) starts.push(i);
  }
  let low = 0;
  let high = starts.length - 1;
  let best: { start: number; tokens: number } | null = null;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const start = starts[mid]!;
    const tokens = countTokens(messages.slice(start));
    if (tokens <= budget) {
      best = { start, tokens };
      high = mid - 1;
    } else {
      low = mid + 1;
    }
  }
  if (best) return { messages: messages.slice(best.start), trimmed: best.start, tokens: best.tokens, fits: true };
  const start = Math.max(0, messages.length - 1);
  return { messages: messages.slice(start), trimmed: start, tokens: countTokens(messages.slice(start)), fits: false };
}
