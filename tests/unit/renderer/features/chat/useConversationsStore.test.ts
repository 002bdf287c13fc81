import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AskEvent, Conversation, Message } from '@shared/answerSchemas';
import type { Result } from '@shared/result';
import { useConversationsStore } from '@/features/chat/useConversationsStore';
import type { AskResult } from '@/features/chat/askStream';
import { connect, deferred, fail, fakeStream, flush, ok, resetToasts, toasts } from '../../support/fakeClient';
import { conversation, message } from '../../support/fixtures';

vi.mock('@/ipc/client', async () => (await import('../../support/fakeClient')).clientModule);
const replaceHash = vi.hoisted(() => vi.fn());
vi.mock('@/routing/replaceHash', () => ({ replaceHash }));
const downloadText = vi.hoisted(() => vi.fn());
vi.mock('@/features/chat/downloadText', () => ({ downloadText }));

const initial = useConversationsStore.getState();
type Got = { conversation: Conversation; messages: Message[] };

beforeEach(() => {
  resetToasts();
  replaceHash.mockReset();
  // Tokens are appended once per frame; a test's "frame" is the next macrotask.
  vi.stubGlobal('requestAnimationFrame', (run: () => void) => setTimeout(run, 0));
  vi.stubGlobal('cancelAnimationFrame', (id: ReturnType<typeof setTimeout>) => {
    clearTimeout(id);
  });
  vi.stubGlobal('location', { hash: '#/chat/c1' });
});
afterEach(() => {
  useConversationsStore.getState().stop();
  useConversationsStore.setState(initial, true);
  connect(null);
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

const noCalls = () => Promise.resolve(fail('INTERNAL', 'not expected'));

describe('conversations store', () => {
  it('lists conversations; a search is sent once typing pauses', async () => {
    vi.useFakeTimers();
    const listFn = vi.fn((input: { search?: string }) =>
      Promise.resolve(ok({ conversations: [conversation(input.search ? 'found' : 'c1')] })),
    );
    connect({ conversations: { list: listFn } });
    await useConversationsStore.getState().loadList();
    expect(useConversationsStore.getState().conversations?.map((c) => c.id)).toEqual(['c1']);

    useConversationsStore.getState().setSearch('t');
    useConversationsStore.getState().setSearch('tax ');
    await vi.advanceTimersByTimeAsync(250);
    expect(listFn).toHaveBeenCalledTimes(2);
    expect(listFn).toHaveBeenLastCalledWith({ search: 'tax' });
    expect(useConversationsStore.getState().conversations?.map((c) => c.id)).toEqual(['found']);
  });

  it('opens a conversation: loading, then its messages', async () => {
    const answer = deferred<Result<Got>>();
    connect({ conversations: { get: () => answer.promise } });
    const opening = useConversationsStore.getState().open('c1');
    expect(useConversationsStore.getState()).toMatchObject({ activeId: 'c1', loading: true, messages: [] });
    answer.resolve(ok({ conversation: conversation('c1'), messages: [message('m1', 'user', 'Hi')] }));
    await opening;
    expect(useConversationsStore.getState()).toMatchObject({ loading: false, loadError: null });
    expect(useConversationsStore.getState().messages.map((m) => m.content)).toEqual(['Hi']);
  });

  it('asks a first question: the new conversation is named in the address, the answer streams, then settles', async () => {
    const ask = fakeStream<AskEvent, AskResult>();
    // The reload after the turn stays pending: what shows meanwhile is built from the stream.
    const pending = () => new Promise<never>(() => undefined);
    connect({ chat: { ask: ask.method }, conversations: { get: pending, list: pending } });
    expect(useConversationsStore.getState().ask('  What is due?  ')).toBe(true);
    expect(ask.inputs).toEqual([{ question: 'What is due?', mode: 'new', collection: null }]);
    expect(useConversationsStore.getState().turn?.question).toBe('What is due?');
    // One turn at a time.
    expect(useConversationsStore.getState().ask('Another')).toBe(false);

    ask.emit({ type: 'started', conversationId: 'c9', userMessageId: 'u1', assistantMessageId: 'a1' });
    expect(useConversationsStore.getState().activeId).toBe('c9');
    expect(replaceHash).toHaveBeenCalledWith('#/chat/c9');
    ask.emit({ type: 'token', text: 'Rent is ' });
    ask.emit({ type: 'token', text: 'due.' });
    await new Promise((r) => setTimeout(r, 5));
    expect(useConversationsStore.getState().streamingText).toBe('Rent is due.');

    ask.finish(ok({ conversationId: 'c9', message: message('a1', 'assistant', 'Rent is due.') }));
    await flush();
    const state = useConversationsStore.getState();
    expect(state.turn).toBeNull();
    expect(state.streamingText).toBe('');
    expect(state.messages.map((m) => [m.role, m.content])).toEqual([
      ['user', 'What is due?'],
      ['assistant', 'Rent is due.'],
    ]);
    expect(state.announcement).toMatch(/Answer complete\.$/);
  });

  it('keeps what streamed, marked stopped, when the person stops the answer', async () => {
    const ask = fakeStream<AskEvent, AskResult>();
    connect({ chat: { ask: ask.method }, conversations: { get: noCalls, list: noCalls } });
    useConversationsStore.setState({ activeId: 'c1' });
    useConversationsStore.getState().ask('Why?');
    ask.emit({ type: 'started', conversationId: 'c1', userMessageId: 'u1', assistantMessageId: 'a1' });
    ask.emit({ type: 'token', text: 'Because' });
    useConversationsStore.getState().stop();
    expect(ask.cancelled()).toBe(true);
    ask.finish(fail('CANCELLED'));
    await flush();
    const last = useConversationsStore.getState().messages.at(-1);
    expect([last?.content, last?.status]).toEqual(['Because', 'stopped']);
  });

  it('explains a missing model instead of showing a failed answer', async () => {
    const ask = fakeStream<AskEvent, AskResult>();
    connect({ chat: { ask: ask.method }, conversations: { get: noCalls, list: noCalls } });
    useConversationsStore.getState().ask('Hello?');
    ask.finish(fail('MODEL_UNAVAILABLE', 'No chat model.'));
    await flush();
    expect(useConversationsStore.getState().noModel?.message).toBe('No chat model.');
    expect(useConversationsStore.getState().turn).toBeNull();
    expect(toasts()).toEqual([]);
  });

  it('does not ask while not connected, and says so', () => {
    expect(useConversationsStore.getState().ask('Hello?')).toBe(false);
    expect(useConversationsStore.getState().turn).toBeNull();
    expect(toasts()).toEqual(['error: Could not ask the question']);
  });

  it('renames in the list; deletes, leaving the deleted conversation on screen for a new one', async () => {
    connect({
      conversations: {
        update: () => Promise.resolve(ok(conversation('c1', { title: 'Taxes' }))),
        delete: () => Promise.resolve(ok({ deleted: true as const })),
      },
    });
    useConversationsStore.setState({ conversations: [conversation('c1'), conversation('c2')], activeId: 'c1' });
    expect(await useConversationsStore.getState().rename('c1', 'Taxes')).toBe(true);
    expect(useConversationsStore.getState().conversations?.[0]?.title).toBe('Taxes');
    expect(await useConversationsStore.getState().remove('c1')).toBe(true);
    expect(useConversationsStore.getState().conversations?.map((c) => c.id)).toEqual(['c2']);
    expect(location.hash).toBe('#/chat');
    expect(toasts()).toEqual(['success: Conversation deleted']);
  });

  it('downloads the exported Markdown, or says why not', async () => {
    const answers = [ok({ fileName: 'taxes.md', markdown: '# Taxes' }), fail('NOT_FOUND')];
    connect({ conversations: { export: () => Promise.resolve(answers.shift() ?? fail('INTERNAL')) } });
    await useConversationsStore.getState().exportMarkdown('c1');
    expect(downloadText).toHaveBeenCalledWith('taxes.md', '# Taxes');
    await useConversationsStore.getState().exportMarkdown('c1');
    expect(toasts()).toEqual(['error: Could not export the conversation']);
  });

  it('remembers the collection for a conversation not created yet', async () => {
    await useConversationsStore.getState().setCollection('Work');
    expect(useConversationsStore.getState().draftCollection).toBe('Work');
  });
});
