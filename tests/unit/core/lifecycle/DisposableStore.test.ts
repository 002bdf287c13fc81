import { describe, expect, it } from 'vitest';
import { DisposableStore, DisposeError } from '../../../../electron/core/lifecycle/DisposableStore';

describe('DisposableStore', () => {
  it('disposes last registered first, each exactly once, awaiting each before the next', async () => {
    const store = new DisposableStore();
    const log: string[] = [];
    for (const name of ['a', 'b', 'c']) {
      store.add(name, {
        dispose: async () => {
          log.push(`${name}:start`);
          await new Promise((r) => setTimeout(r, 5));
          log.push(`${name}:end`);
        },
      });
    }
    expect(store.pending).toEqual(['c', 'b', 'a']);
    await Promise.all([store.dispose(), store.dispose()]);
    await store.dispose();
    expect(log).toEqual(['c:start', 'c:end', 'b:start', 'b:end', 'a:start', 'a:end']);
  });

  it('goes on past failures and reports every one by name', async () => {
    const store = new DisposableStore();
    const disposed: string[] = [];
    store.defer('first', () => void disposed.push('first'));
    store.defer('sync throw', () => {
      throw new Error('boom');
    });
    store.defer('middle', () => void disposed.push('middle'));
    store.defer('async reject', () => Promise.reject(new Error('bang')));
    store.defer('last', () => void disposed.push('last'));

    const error = await store.dispose().then(
      () => null,
      (e: unknown) => e,
    );
    expect(disposed).toEqual(['last', 'middle', 'first']);
    expect(error).toBeInstanceOf(DisposeError);
    const failures = (error as DisposeError).failures;
    expect(failures.map((f) => [f.name, (f.error as Error).message])).toEqual([
      ['async reject', 'bang'],
      ['sync throw', 'boom'],
    ]);
    expect((error as Error).message).toContain('2 parts failed to stop');
  });

  it('refuses registrations after disposal began', async () => {
    const store = new DisposableStore();
    await store.dispose();
    expect(() => store.defer('late', () => undefined)).toThrow(/already disposed/);
  });
});
