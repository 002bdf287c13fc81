import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '@shared/result';
import { useModelsStore } from '@/features/models/useModelsStore';
import { useToastStore } from '@/store/useToastStore';
import type { FakeApi } from '../../support/fakeClient';
import { connect, deferred, fail, ok, resetToasts, toasts } from '../../support/fakeClient';
import { model } from '../../support/fixtures';

vi.mock('@/ipc/client', async () => (await import('../../support/fakeClient')).clientModule);

type Defaults = { chat: string | null; embedding: string | null };
const listed = (defaults: Defaults = { chat: 'a', embedding: null }) => ({
  models: [model('a'), model('b')],
  defaults,
  curated: [],
  machine: { totalRamBytes: 16e9 },
});

beforeEach(() => {
  resetToasts();
  useModelsStore.setState({ list: null, busy: [] });
});
afterEach(() => {
  connect(null);
});

describe('models store', () => {
  it('lists the models, or says why it could not', async () => {
    const answers = [ok(listed()), fail('SIDECAR_DOWN')];
    connect({ models: { list: () => Promise.resolve(answers.shift() ?? fail('INTERNAL')) } });
    await useModelsStore.getState().load();
    expect(useModelsStore.getState().list?.models.map((m) => m.id)).toEqual(['a', 'b']);
    await useModelsStore.getState().load();
    expect(useModelsStore.getState().list?.models).toHaveLength(2);
    expect(toasts()).toEqual(['error: Could not list models']);
  });

  it('sets a default: the model is busy meanwhile, then the new default shows', async () => {
    const answer = deferred<Result<Defaults>>();
    connect({ models: { setDefault: () => answer.promise } });
    useModelsStore.setState({ list: listed() });
    const setting = useModelsStore.getState().setDefault('chat', 'b');
    expect(useModelsStore.getState().busy).toEqual(['b']);
    answer.resolve(ok({ chat: 'b', embedding: null }));
    expect(await setting).toBe(true);
    expect(useModelsStore.getState().busy).toEqual([]);
    expect(useModelsStore.getState().list?.defaults.chat).toBe('b');
  });

  it('keeps the old default when the core refuses, with its message and hint', async () => {
    connect({ models: { setDefault: () => Promise.resolve(fail('MODEL_INVALID', 'Not a chat model.')) } });
    useModelsStore.setState({ list: listed() });
    expect(await useModelsStore.getState().setDefault('chat', 'b')).toBe(false);
    expect(useModelsStore.getState().list?.defaults.chat).toBe('a');
    const [toast] = useToastStore.getState().toasts;
    expect(toast).toMatchObject({ tone: 'error', title: 'Could not set the chat model', message: 'Not a chat model.' });
    expect(toast?.hint).toBeTruthy();
  });

  it('deletes a model by name and lists again', async () => {
    const listFn = vi.fn(() => Promise.resolve(ok({ ...listed(), models: [model('a')] })));
    const api: FakeApi = { models: { delete: () => Promise.resolve(ok({ deleted: true })), list: listFn } };
    connect(api);
    useModelsStore.setState({ list: listed() });
    expect(await useModelsStore.getState().remove('b')).toBe(true);
    expect(toasts()).toEqual(['success: Deleted Model b']);
    expect(useModelsStore.getState().list?.models.map((m) => m.id)).toEqual(['a']);
  });

  it('says it is not connected and marks nothing busy', async () => {
    useModelsStore.setState({ list: listed() });
    expect(await useModelsStore.getState().remove('b')).toBe(false);
    expect(useModelsStore.getState().busy).toEqual([]);
    const [toast] = useToastStore.getState().toasts;
    expect(toast?.message).toMatch(/^Not connected to Hearth/);
  });
});
