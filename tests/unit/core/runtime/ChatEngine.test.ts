import { describe, expect, it } from 'vitest';
import { HearthError } from '../../../../electron/shared/errors';
import { ChatEngine, DEFAULT_SYSTEM_PROMPT } from '../../../../electron/core/runtime/inference/ChatEngine';
import type { ChatSource, SourceChatInput, SourceHooks } from '../../../../electron/core/runtime/inference/ChatSource';
import { FallbackChain } from '../../../../electron/core/runtime/inference/FallbackChain';
import type { ChatEvent } from '../../../../electron/core/runtime/inference/runtimeSchemas';

/** A source that answers with the words of `reply`, or fails before or after it starts. */
function fakeSource(
  modelId: string,
  behaviour: {
    reply?: string;
    failBefore?: HearthError;
    failAfter?: HearthError;
    gate?: (input: SourceChatInput) => Promise<void>;
  } = {},
): ChatSource & { inputs: SourceChatInput[] } {
  const inputs: SourceChatInput[] = [];
  return {
    source: 'local',
    modelId,
    inputs,
    async chat(input: SourceChatInput, hooks: SourceHooks) {
      inputs.push(structuredClone(input));
      if (behaviour.failBefore) throw behaviour.failBefore;
      hooks.ready(`${modelId}-name`);
      await behaviour.gate?.(input);
      const words = (behaviour.reply ?? 'ok').split(/(?= )/);
      for (const word of words) hooks.onDelta(word);
      if (behaviour.failAfter) throw behaviour.failAfter;
      const text = words.join('');
      return {
        text,
        stopReason: 'eos',
        promptTokens: 5,
        evaluatedTokens: 5,
        reusedTokens: 0,
        completionTokens: words.length,
        trimmedMessages: 0,
      };
    },
  };
}

describe('ChatEngine', () => {
  it('keeps history and system prompt per session, and sends the whole conversation each turn', async () => {
    const source = fakeSource('a', { reply: 'fine thanks' });
    const engine = new ChatEngine({ chain: () => new FallbackChain([source]) });
    await engine.chat({ sessionId: 's', message: 'hello', systemPrompt: 'Be kind.' });
    await engine.chat({ sessionId: 's', message: 'again' });
    await engine.chat({ sessionId: 'other', message: 'new' });
    expect(source.inputs[1]).toMatchObject({
      sessionKey: 's',
      systemPrompt: 'Be kind.',
      messages: [
        { role: 'user', content: 'hello' },
        { role: 'assistant', content: 'fine thanks' },
        { role: 'user', content: 'again' },
      ],
    });
    expect(source.inputs[2]?.systemPrompt).toBe(DEFAULT_SYSTEM_PROMPT);
    expect(engine.history('s')).toHaveLength(4);
  });

  it('answers after the history a request brings instead of the session history (stateless callers)', async () => {
    const source = fakeSource('a', { reply: 'sure' });
    const engine = new ChatEngine({ chain: () => new FallbackChain([source]) });
    await engine.chat({ sessionId: 's', message: 'kept' });
    const history = [
      { role: 'user' as const, content: 'brought' },
      { role: 'assistant' as const, content: 'along' },
    ];
    await engine.chat({ sessionId: 's', message: 'next', history });
    expect(source.inputs[1]?.messages).toEqual([...history, { role: 'user', content: 'next' }]);
  });

  it('emits the model event first, then deltas; a failed primary is listed as skipped', async () => {
    const events: ChatEvent[] = [];
    const engine = new ChatEngine({
      chain: () =>
        new FallbackChain([
          fakeSource('a', { failBefore: new HearthError('MODEL_UNAVAILABLE', 'gone') }),
          fakeSource('b', { reply: 'one two' }),
        ]),
    });
    const result = await engine.chat({ sessionId: 's', message: 'hi' }, { onEvent: (e) => events.push(e) });
    expect(events).toEqual([
      {
        type: 'model',
        source: 'local',
        modelId: 'b',
        name: 'b-name',
        skipped: [{ source: 'local', modelId: 'a', error: { code: 'MODEL_UNAVAILABLE', message: 'gone' } }],
      },
      { type: 'delta', text: 'one' },
      { type: 'delta', text: ' two' },
    ]);
    expect(result.model).toEqual({ source: 'local', modelId: 'b', name: 'b-name' });
  });

  it('a failed or cancelled turn leaves the history unchanged', async () => {
    const engine = new ChatEngine({
      chain: () => new FallbackChain([fakeSource('a', { failAfter: new HearthError('CANCELLED', 'stopped') })]),
    });
    await expect(engine.chat({ sessionId: 's', message: 'hi' })).rejects.toMatchObject({ code: 'CANCELLED' });
    expect(engine.history('s')).toEqual([]);
  });

  it('one reply at a time per session: a second concurrent turn is a CONFLICT', async () => {
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const engine = new ChatEngine({
      chain: () =>
        new FallbackChain([
          fakeSource('a', { gate: (input) => (input.sessionKey === 's' ? gate : Promise.resolve()) }),
        ]),
    });
    const first = engine.chat({ sessionId: 's', message: 'one' });
    await expect(engine.chat({ sessionId: 's', message: 'two' })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(engine.chat({ sessionId: 'other', message: 'fine' })).resolves.toBeDefined();
    open();
    await first;
  });

  it('forgets the least recently used sessions beyond the limit, and says so', async () => {
    const forgotten: string[] = [];
    const engine = new ChatEngine({
      chain: () => new FallbackChain([fakeSource('a')]),
      maxSessions: 2,
      onForget: (id) => forgotten.push(id),
    });
    for (const id of ['a', 'b', 'a', 'c']) await engine.chat({ sessionId: id, message: 'x' });
    expect(forgotten).toEqual(['b']);
    expect(engine.history('a')).toHaveLength(4);
  });

  it('lets each source fit the turn with its meter, counting the history, and keeps the fitted message', async () => {
    const source = fakeSource('a', { reply: 'answer' });
    const measured: string[][] = [];
    const meter = {
      budget: 100,
      exact: true,
      measure: (request: { prompts?: Array<{ messages: Array<{ content: string }> }> }) => {
        measured.push((request.prompts ?? []).flatMap((p) => p.messages.map((m) => m.content)));
        return Promise.resolve({ prompts: [1], texts: [], cuts: [] });
      },
    };
    const fitting: ChatSource = {
      ...source,
      chat: async ({ fit, ...input }, hooks) => source.chat({ ...input, ...(fit ? await fit(meter) : {}) }, hooks),
    };
    const engine = new ChatEngine({ chain: () => new FallbackChain([fitting]) });
    await engine.chat({ sessionId: 's', message: 'first' });
    await engine.chat(
      { sessionId: 's', message: 'placeholder' },
      {
        fit: async (m) => {
          await m.measure({ prompts: [{ systemPrompt: 'S', messages: [{ role: 'user', content: 'draft' }] }] });
          return { systemPrompt: 'Fitted system', messages: [{ role: 'user', content: 'fitted' }] };
        },
      },
    );
    // The meter saw the draft after the session's history; the source got the fitted turn after the history.
    expect(measured).toEqual([['first', 'answer', 'draft']]);
    expect(source.inputs[1]).toMatchObject({
      systemPrompt: 'Fitted system',
      messages: [
        { role: 'user', content: 'first' },
        { role: 'assistant', content: 'answer' },
        { role: 'user', content: 'fitted' },
      ],
    });
    expect(engine.history('s').map((m) => m.content)).toEqual(['first', 'answer', 'fitted', 'answer']);
  });
});
