import type { HearthApi } from '@shared/hearthApi';
import type { ConnectionState } from './connectionState';
import type { WebSocketConnection } from './webSocketConnection';
import { startWebSocketConnection } from './webSocketConnection';

export type { ConnectionState } from './connectionState';

declare global {
  interface Window {
    /** Set by the Electron preload; absent when a browser loads the UI from the headless shell. */
    hearth?: HearthApi;
  }
}

/** Runs with every fresh API (first connect and each reconnect); the returned cleanup runs when it is lost. */
type ApiSetup = (api: HearthApi) => (() => void) | undefined;

/**
 * The renderer's only way to the core. It hides the transport: the preload's `window.hearth` in Electron, or a
 * reconnecting WebSocket to the headless shell in a browser.
 */
export interface HearthConnection {
  getState: () => ConnectionState;
  onState: (listener: (state: ConnectionState) => void) => () => void;
  /** The live API, or null while not connected. */
  current: () => HearthApi | null;
  /** Resolves with the live API, waiting while (re)connecting. */
  get: () => Promise<HearthApi>;
  onApi: (setup: ApiSetup) => () => void;
  /** An HTTP route refused the session cookie (401): stop reconnecting and show the sign-in page. */
  markUnauthorized: () => void;
}

function createConnection(): HearthConnection {
  let state: ConnectionState = 'connecting';
  let api: HearthApi | null = null;
  const stateListeners = new Set<(state: ConnectionState) => void>();
  const setups = new Set<ApiSetup>();
  const cleanups = new Map<ApiSetup, () => void>();
  let waiters: Array<(api: HearthApi) => void> = [];
  let started = false;
  let socket: WebSocketConnection | null = null;

  const runSetup = (setup: ApiSetup, live: HearthApi) => {
    const cleanup = setup(live);
    if (cleanup) cleanups.set(setup, cleanup);
  };

  const setApi = (next: HearthApi | null) => {
    for (const cleanup of cleanups.values()) cleanup();
    cleanups.clear();
    api = next;
    if (!next) return;
    for (const setup of setups) runSetup(setup, next);
    const pending = waiters;
    waiters = [];
    for (const resolve of pending) resolve(next);
  };

  const setState = (next: ConnectionState) => {
    if (next === state) return;
    state = next;
    for (const listener of stateListeners) listener(next);
  };

  const start = () => {
    if (started) return;
    started = true;
    if (window.hearth) {
      setState('connected');
      setApi(window.hearth);
      return;
    }
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    socket = startWebSocketConnection({
      url: `${scheme}://${location.host}/api/ws`,
      probeUrl: '/api/ws',
      onState: setState,
      onApi: setApi,
    });
  };

  return {
    getState: () => state,
    onState(listener) {
      stateListeners.add(listener);
      return () => stateListeners.delete(listener);
    },
    current: () => api,
    get() {
      start();
      if (api) return Promise.resolve(api);
      return new Promise((resolve) => waiters.push(resolve));
    },
    onApi(setup) {
      setups.add(setup);
      if (api) runSetup(setup, api);
      start();
      return () => {
        setups.delete(setup);
        cleanups.get(setup)?.();
        cleanups.delete(setup);
      };
    },
    markUnauthorized() {
      socket?.dispose();
      socket = null;
      setState('unauthorized');
    },
  };
}

export const connection: HearthConnection = createConnection();

/** Resolves with the live API (waits while connecting or reconnecting). */
export function getHearth(): Promise<HearthApi> {
  return connection.get();
}
