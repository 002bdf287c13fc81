import type { HearthApi } from '@shared/hearthApi';
import type { Result } from '@shared/result';
import { connection } from '@/ipc/client';
import { NOT_CONNECTED, reportError } from './reportError';

/** The part of a store a busy request marks: the keys (ids, names) with an action in flight. */
export interface BusyState {
  busy: readonly string[];
}

/** A store's reader and writer (zustand's `get`/`set`, or `getState`/`setState`). */
export interface BusyStore {
  get: () => BusyState;
  set: (patch: BusyState) => void;
}

/**
 * Runs one request with `key` marked busy until it settles. No connection, or a failed Result, becomes an error
 * toast titled `title`; the Result comes back either way (NOT_CONNECTED when there was no connection).
 */
export type BusyRequest = <T>(
  key: string,
  title: string,
  run: (api: HearthApi) => Promise<Result<T>>,
) => Promise<Result<T>>;

/** The one "busy + connection + report error" of the stores whose rows have actions of their own. */
export function createBusyRequest(store: BusyStore): BusyRequest {
  return async function request<T>(
    key: string,
    title: string,
    run: (api: HearthApi) => Promise<Result<T>>,
  ): Promise<Result<T>> {
    const api = connection.current();
    if (!api) {
      reportError(title, NOT_CONNECTED);
      return { ok: false, error: NOT_CONNECTED };
    }
    store.set({ busy: [...store.get().busy, key] });
    let result: Result<T>;
    try {
      result = await run(api);
    } finally {
      store.set({ busy: store.get().busy.filter((k) => k !== key) });
    }
    if (!result.ok) reportError(title, result.error);
    return result;
  };
}
