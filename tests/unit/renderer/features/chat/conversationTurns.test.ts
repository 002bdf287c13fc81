import { describe, expect, it } from 'vitest';
import type { Message } from '@shared/answerSchemas';
import { lastAnswerId, messagesBeforeTurn, settleTurn } from '@/features/chat/conversationTurns';

function msg(id: string, role: Message['role'], content = id): Message {
  return {
    id,
    role,
    content,
    citations: [],
    status: 'complete',
    error: null,
    model: null,
    grounded: true,
    createdAt: 1,
  };
}

const history = [msg('u1', 'user'), msg('a1', 'assistant'), msg('u2', 'user'), msg('a2', 'assistant')];

describe('messagesBeforeTurn', () => {
  it('keeps everything for a new question', () => {
    expect(messagesBeforeTurn(history, 'new').map((m) => m.id)).toEqual(['u1', 'a1', 'u2', 'a2']);
  });

  it('drops the last answer when it is regenerated', () => {
    expect(messagesBeforeTurn(history, 'regenerate').map((m) => m.id)).toEqual(['u1', 'a1', 'u2']);
  });

  it('drops the edited question and all after it', () => {
    expect(messagesBeforeTurn(history, 'edit', 'u2').map((m) => m.id)).toEqual(['u1', 'a1']);
    expect(messagesBeforeTurn(history, 'edit', 'u1')).toEqual([]);
    expect(messagesBeforeTurn(history, 'edit', 'missing').map((m) => m.id)).toEqual(['u1', 'a1', 'u2', 'a2']);
  });
});

describe('lastAnswerId', () => {
  it('is the last message when it is an answer', () => {
    expect(lastAnswerId(history)).toBe('a2');
    expect(lastAnswerId(history.slice(0, 3))).toBeNull();
    expect(lastAnswerId([])).toBeNull();
  });
});

describe('settleTurn', () => {
  const turn = { question: 'why?', userMessageId: 'u3', assistantMessageId: 'a3', text: 'partial', citations: null };

  it('adds the question and the core’s answer', () => {
    const answer = msg('a3', 'assistant', 'full answer');
    const next = settleTurn(history, turn, { answer });
    expect(next.map((m) => [m.id, m.role, m.content]).slice(-2)).toEqual([
      ['u3', 'user', 'why?'],
      ['a3', 'assistant', 'full answer'],
    ]);
  });

  it('keeps what streamed as a stopped answer', () => {
    const next = settleTurn(history, turn, { stopped: true });
    expect(next.at(-1)).toMatchObject({ id: 'a3', content: 'partial', status: 'stopped' });
  });

  it('shows a failure as a failed answer with its error', () => {
    const next = settleTurn(history, turn, { error: { code: 'INTERNAL', message: 'boom', details: { x: 1 } } });
    expect(next.at(-1)).toMatchObject({ status: 'failed', error: { code: 'INTERNAL', message: 'boom' } });
    expect(next.at(-1)?.error).toEqual({ code: 'INTERNAL', message: 'boom' });
  });

  it('adds no question for a regenerated answer, and no answer the core never started', () => {
    const regenerated = settleTurn(
      history.slice(0, 3),
      { ...turn, question: null },
      { answer: msg('a9', 'assistant') },
    );
    expect(regenerated.map((m) => m.id)).toEqual(['u1', 'a1', 'u2', 'a9']);
    const never = settleTurn(history, { ...turn, userMessageId: null, assistantMessageId: null }, { stopped: true });
    expect(never).toHaveLength(4);
  });
});
