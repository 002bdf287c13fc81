import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../../../../electron/core/runtime/inference/runtimeSchemas';
import { trimHistory } from '../../../../electron/core/runtime/inference/trimHistory';

const SYSTEM_TOKENS = 10;
/** A stand-in tokenizer: the system prompt costs 10, each message 3 + its words. */
const count = (messages: readonly ChatMessage[]) =>
  SYSTEM_TOKENS + messages.reduce((sum, m) => sum + 3 + m.content.split(' ').length, 0);

const turn = (i: number): ChatMessage[] => [
  { role: 'user', content: `question ${i} one two` },
  { role: 'assistant', content: `answer ${i}` },
];
const history = (turns: number, last = 'the new question'): ChatMessage[] => [
  ...Array.from({ length: turns }, (_, i) => turn(i)).flat(),
  { role: 'user', content: last },
];

describe('trimHistory', () => {
  it('keeps everything that fits', () => {
    const messages = history(3);
    const kept = trimHistory(messages, count, 1_000);
    expect(kept).toEqual({ messages, trimmed: 0, tokens: count(messages), fits: true });
  });

  it('drops the oldest whole turns first and keeps the newest message', () => {
    const messages = history(5);
    // Each turn costs 7 + 5 = 12; the new message 6; the system prompt 10.
    const kept = trimHistory(messages, count, 10 + 6 + 2 * 12);
    expect(kept.fits).toBe(true);
    expect(kept.trimmed).toBe(6);
    expect(kept.messages).toEqual([...turn(3), ...turn(4), messages.at(-1)]);
    expect(kept.tokens).toBe(40);
  });

  it('never starts the kept history with a reply', () => {
    const messages = history(4);
    // One token short of keeping two turns: only one whole turn fits, never a dangling answer.
    const kept = trimHistory(messages, count, 10 + 6 + 2 * 12 - 1);
    expect(kept.messages[0]?.role).toBe('user');
    expect(kept.messages).toEqual([...turn(3), messages.at(-1)]);
  });

  it('reports a newest message that does not fit even alone', () => {
    const kept = trimHistory(history(2, 'word '.repeat(50).trim()), count, 30);
    expect(kept.fits).toBe(false);
    expect(kept.messages).toHaveLength(1);
    expect(kept.tokens).toBe(10 + 3 + 50);
  });

  it('the system prompt always counts: a budget below it keeps nothing but the new message', () => {
    const kept = trimHistory(history(3), count, SYSTEM_TOKENS + 5);
    expect(kept.fits).toBe(false);
    expect(kept.messages).toEqual([{ role: 'user', content: 'the new question' }]);
  });

  it('renders the prompt only a logarithmic number of times', () => {
    let calls = 0;
    const counting = (messages: readonly ChatMessage[]) => {
      calls += 1;
      return count(messages);
    };
    trimHistory(history(500), counting, 200);
    expect(calls).toBeLessThan(15);
  });
});
