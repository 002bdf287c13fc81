import type { ErrorCode } from '@shared/errors';
import type { HearthApi } from '@shared/hearthApi';
import type { Result } from '@shared/result';
import type { HearthConnection } from '@/ipc/client';
import { useToastStore } from '@/store/useToastStore';

/**
 * The stores' way to the core, faked. A test file mocks the client module with it:
 *   vi.mock('@/ipc/client', async () => (await import('./fakeClient')).clientModule);
 * and then says which API is "connected" with `connect`.
 */
let live: HearthApi | null = null;

/** What a test's fake API implements: any part of the real one. */
export type FakeApi = { [K in keyof HearthApi]?: Partial<HearthApi[K]> };

const connection: Pick<HearthConnection, 'current' | 'get'> = {
  current: () => live,
  get: () => (live ? Promise.resolve(live) : Promise.reject(new Error('The test connected no API.'))),
};

export const clientModule = { connection, getHearth: () => connection.get() };

/** The connected API from now on (null: not connected). */
export function connect(api: FakeApi | null): HearthApi | null {
  live = api as HearthApi | null;
  return live;
}

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: ErrorCode, message = `${code} happened`): Result<never> => ({
  ok: false,
  error: { code, message },
});

export interface Deferred<T> {
  promise: Promise<T>;
  resolve: (value: T) => void;
}

/** A promise the test settles when it wants to look at the state in between. */
export function deferred<T>(): Deferred<T> {
  let resolve: (value: T) => void = () => undefined;
  const promise = new Promise<T>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/** A streamed call (`{ done, cancel }`) whose events the test sends and whose end it decides. */
export interface FakeStream<E, T> {
  /** Install as the API method: records the input and the event callback. */
  method: (input: unknown, onEvent: (event: E) => void) => { done: Promise<Result<T>>; cancel: () => void };
  inputs: unknown[];
  emit: (event: E) => void;
  finish: (result: Result<T>) => void;
  cancelled: () => boolean;
}

export function fakeStream<E, T>(): FakeStream<E, T> {
  const end = deferred<Result<T>>();
  const inputs: unknown[] = [];
  let listener: ((event: E) => void) | null = null;
  let cancelled = false;
  return {
    method(input, onEvent) {
      inputs.push(input);
      listener = onEvent;
      return {
        done: end.promise,
        cancel: () => {
          cancelled = true;
        },
      };
    },
    inputs,
    emit: (event) => listener?.(event),
    finish: (result) => {
      end.resolve(result);
    },
    cancelled: () => cancelled,
  };
}

/** The toasts on screen, as tone + title. */
export function toasts(): string[] {
  return useToastStore.getState().toasts.map((t) => `${t.tone}: ${t.title}`);
}

/** Lets every settled promise's handlers run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 10; i += 1) await Promise.resolve();
}

export function resetToasts(): void {
  useToastStore.setState({ toasts: [] });
}
