import type { Citation, Message } from '@shared/answerSchemas';
import type { ErrorData } from '@shared/errors';

export type AskMode = 'new' | 'regenerate' | 'edit';

/**
 * The messages still shown while a turn runs: all of them for a new question; without the last answer when it is
 * regenerated; up to (not including) the edited question when one is edited and resent.
 */
export function messagesBeforeTurn(messages: readonly Message[], mode: AskMode, editMessageId?: string): Message[] {
  if (mode === 'new') return [...messages];
  if (mode === 'regenerate') {
    const lastUser = messages.findLastIndex((m) => m.role === 'user');
    return messages.slice(0, lastUser + 1);
  }
  const at = messages.findIndex((m) => m.id === editMessageId);
  return at === -1 ? [...messages] : messages.slice(0, at);
}

/** The last answer, which alone can be regenerated; null when the conversation does not end with one. */
export function lastAnswerId(messages: readonly Message[]): string | null {
  const last = messages[messages.length - 1];
  return last?.role === 'assistant' ? last.id : null;
}

export interface TurnOutcome {
  /** The question as sent (new or edited); null when an answer was regenerated. */
  question: string | null;
  userMessageId: string | null;
  assistantMessageId: string | null;
  /** What streamed so far. */
  text: string;
  citations: Citation[] | null;
}

function message(fields: Partial<Message> & Pick<Message, 'id' | 'role' | 'content'>): Message {
  return {
    citations: [],
    status: 'complete',
    error: null,
    model: null,
    grounded: true,
    createdAt: Date.now(),
    ...fields,
  };
}

/**
 * The messages after a turn ends, built here so the screen does not wait for a reload: the question (when one was
 * sent and the core took it) and the answer — the core's own when it finished, else what streamed, marked stopped or
 * failed. The reload that follows replaces these with the stored ones.
 */
export function settleTurn(
  before: readonly Message[],
  turn: TurnOutcome,
  end: { answer: Message } | { stopped: true } | { error: ErrorData },
): Message[] {
  const next = [...before];
  if (turn.question !== null && turn.userMessageId !== null) {
    next.push(message({ id: turn.userMessageId, role: 'user', content: turn.question }));
  }
  if ('answer' in end) {
    next.push(end.answer);
    return next;
  }
  if (turn.assistantMessageId === null) return next;
  const partial = { id: turn.assistantMessageId, role: 'assistant' as const, content: turn.text };
  const citations = turn.citations ?? [];
  next.push(
    'stopped' in end
      ? message({ ...partial, citations, status: 'stopped' })
      : message({
          ...partial,
          citations,
          status: 'failed',
          error: { code: end.error.code, message: end.error.message },
        }),
  );
  return next;
}
