import type { HearthApi } from '@shared/hearthApi';
import { createHearthApi } from '@shared/hearthApi';
import { createRpcClient } from '@shared/rpcClient';
import type { ConnectionState } from './connectionState';
import type { SocketClosed, WebSocketLink } from './webSocketLink';
import { CLOSE_UNAUTHORIZED, createWebSocketLink } from './webSocketLink';

export interface WebSocketConnectionOptions {
  /** ws(s)://host/api/ws */
  url: string;
  /** Same path over HTTP: asked after a refused upgrade, because a browser hides the upgrade's status code. */
  probeUrl: string;
  onState: (state: ConnectionState) => void;
  /** A fresh API after every (re)connect; null when the connection is lost. */
  onApi: (api: HearthApi | null) => void;
}

export interface WebSocketConnection {
  /** Skips the remaining backoff wait (the network came back, the tab became visible). */
  retryNow: () => void;
  dispose: () => void;
}

const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 15_000;

/** Keeps one WebSocket to the core open, reconnecting with capped, jittered exponential backoff. */
export function startWebSocketConnection(options: WebSocketConnectionOptions): WebSocketConnection {
  let link: WebSocketLink | null = null;
  let failures = 0;
  let everConnected = false;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;

  const unauthorized = () => {
    stopped = true;
    options.onState('unauthorized');
  };

  const schedule = () => {
    if (stopped) return;
    options.onState('disconnected');
    const delay = Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** failures) * (0.8 + Math.random() * 0.4);
    failures += 1;
    timer = setTimeout(connect, delay);
  };

  const probeThenSchedule = async () => {
    try {
      const response = await fetch(options.probeUrl, { credentials: 'same-origin', cache: 'no-store' });
      if (response.status === 401) {
        unauthorized();
        return;
      }
    } catch {
      // The server is unreachable: keep retrying.
    }
    schedule();
  };

  const onClosed = (info: SocketClosed) => {
    link = null;
    if (info.wasOpen) options.onApi(null);
    if (stopped) return;
    if (info.code === CLOSE_UNAUTHORIZED) unauthorized();
    else if (!info.wasOpen) void probeThenSchedule();
    else schedule();
  };

  function connect() {
    timer = null;
    if (stopped) return;
    if (!everConnected && failures === 0) options.onState('connecting');
    const current: WebSocketLink = createWebSocketLink(options.url, {
      onOpen() {
        failures = 0;
        everConnected = true;
        // The RPC client registers its handlers before any message event of this socket is dispatched.
        options.onApi(createHearthApi(createRpcClient(current)));
        options.onState('connected');
      },
      onClosed,
    });
    link = current;
  }

  const retryNow = () => {
    if (stopped || timer === null) return;
    clearTimeout(timer);
    timer = null;
    connect();
  };
  const onVisible = () => {
    if (document.visibilityState === 'visible') retryNow();
  };
  window.addEventListener('online', retryNow);
  document.addEventListener('visibilitychange', onVisible);

  connect();

  return {
    retryNow,
    dispose() {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      window.removeEventListener('online', retryNow);
      document.removeEventListener('visibilitychange', onVisible);
      link?.close();
    },
  };
}
