import type { WireLink } from '@shared/rpcClient';
import type { ServerMessage } from '@shared/wire';
import { ServerMessageSchema } from '@shared/wire';

/** Close code the headless shell uses when a session cookie is missing or expired. */
export const CLOSE_UNAUTHORIZED = 4401;

export interface SocketClosed {
  /** The WebSocket close code (1006 when the handshake itself failed). */
  code: number;
  reason: string;
  /** Whether the socket had opened: a close before open means the upgrade was refused or the server is down. */
  wasOpen: boolean;
}

export interface WebSocketLinkEvents {
  /** The socket is open; messages may be sent from now on. */
  onOpen: () => void;
  /** Called once, after the RPC client has failed its pending calls. */
  onClosed: (info: SocketClosed) => void;
}

/** A WireLink over one WebSocket; it is single-use: a reconnect builds a new link. */
export interface WebSocketLink extends WireLink {
  close: () => void;
}

/** JSON text frames carrying the wire.ts envelope in both directions. */
export function createWebSocketLink(url: string, events: WebSocketLinkEvents): WebSocketLink {
  const socket = new WebSocket(url);
  let messageHandler: ((message: ServerMessage) => void) | null = null;
  let closeHandler: ((reason: string) => void) | null = null;
  let wasOpen = false;
  let closed = false;

  socket.addEventListener('open', () => {
    wasOpen = true;
    events.onOpen();
  });

  socket.addEventListener('message', (event: MessageEvent) => {
    if (typeof event.data !== 'string') return;
    let raw: unknown;
    try {
      raw = JSON.parse(event.data);
    } catch {
      return;
    }
    // A frame outside the envelope is dropped, as the server drops ours: one bad frame must not break the session.
    const parsed = ServerMessageSchema.safeParse(raw);
    if (parsed.success) messageHandler?.(parsed.data);
  });

  socket.addEventListener('close', (event: CloseEvent) => {
    if (closed) return;
    closed = true;
    const reason = event.reason || (wasOpen ? `connection closed (${String(event.code)})` : 'could not connect');
    closeHandler?.(reason);
    events.onClosed({ code: event.code, reason: event.reason, wasOpen });
  });

  return {
    send(message) {
      if (socket.readyState !== WebSocket.OPEN) throw new Error('the connection is not open');
      socket.send(JSON.stringify(message));
    },
    onMessage(handler) {
      messageHandler = handler;
    },
    onClose(handler) {
      closeHandler = handler;
    },
    close() {
      if (socket.readyState === WebSocket.CONNECTING || socket.readyState === WebSocket.OPEN) socket.close(1000);
    },
  };
}
