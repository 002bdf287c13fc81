import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Result } from '@shared/result';
import type { BusyState } from '@/store/createBusyRequest';
import { createBusyRequest } from '@/store/createBusyRequest';
import { useToastStore } from '@/store/useToastStore';
import { connect, deferred, fail, ok, resetToasts, toasts } from '../support/fakeClient';

vi.mock('@/ipc/client', async () => (await import('../support/fakeClient')).clientModule);

function setup() {
  let state: BusyState = { busy: [] };
  const request = createBusyRequest({
    get: () => state,
    set: (patch) => {
      state = patch;
    },
  });
  return { request, busy: () => state.busy };
}

beforeEach(resetToasts);
afterEach(() => {
  connect(null);
});

describe('createBusyRequest', () => {
  it('marks the key busy until the answer comes, and returns it', async () => {
    connect({});
    const { request, busy } = setup();
    const answer = deferred<Result<number>>();
    const running = request('m1', 'Could not do it', () => answer.promise);
    expect(busy()).toEqual(['m1']);
    answer.resolve(ok(7));
    expect(await running).toEqual(ok(7));
    expect(busy()).toEqual([]);
    expect(toasts()).toEqual([]);
  });

  it('reports a failed answer under its title, with the hint for its code', async () => {
    connect({});
    const { request } = setup();
    const result = await request('m1', 'Could not delete the model', () =>
      Promise.resolve(fail('NOT_FOUND', 'No such model.')),
    );
    expect(result.ok).toBe(false);
    expect(useToastStore.getState().toasts).toMatchObject([
      { tone: 'error', title: 'Could not delete the model', message: 'No such model.', hint: expect.any(String) },
    ]);
  });

  it('without a connection reports it and runs nothing', async () => {
    const { request, busy } = setup();
    const run = vi.fn(() => Promise.resolve(ok(1)));
    const result = await request('m1', 'Could not do it', run);
    expect(run).not.toHaveBeenCalled();
    expect(result.ok).toBe(false);
    expect(busy()).toEqual([]);
    expect(toasts()).toEqual(['error: Could not do it']);
  });

  it('clears the busy mark when the request throws', async () => {
    connect({});
    const { request, busy } = setup();
    await expect(request('m1', 'Could not do it', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(busy()).toEqual([]);
  });
});
