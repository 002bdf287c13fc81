import WebSocket from 'ws';
import type { HearthApi } from '../../electron/shared/hearthApi';
import { createHearthApi } from '../../electron/shared/hearthApi';
import { createRpcClient } from '../../electron/shared/rpcClient';
import type { ServerMessage } from '../../electron/shared/wire';

/** Exchanges a sign-in URL (or the server's promise of one) for the session cookie, as a browser would. */
export async function signIn(signInUrl: string | Promise<string>): Promise<string> {
  const response = await fetch(await signInUrl, { redirect: 'manual' });
  if (response.status !== 303) throw new Error(`sign-in answered ${response.status}`);
  const cookie = response.headers.get('set-cookie');
  if (!cookie) throw new Error('sign-in set no cookie');
  return cookie.split(';')[0]!;
}

export interface WsConnection {
  api: HearthApi;
  socket: WebSocket;
  /** Sends a raw frame, bypassing the typed client (for junk-payload tests). */
  sendRaw(frame: unknown): void;
  /** Raw inbound messages, for tests that send raw frames. */
  messages: ServerMessage[];
  close(): Promise<void>;
}

/** The shared typed client over a real WebSocket — the same code path the browser uses. */
export async function connect(origin: string, cookie: string): Promise<WsConnection> {
  const socket = new WebSocket(`${origin.replace('http', 'ws')}/api/ws`, { headers: { cookie, origin } });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    socket.once('error', reject);
  });
  const messages: ServerMessage[] = [];
  let handler: (m: ServerMessage) => void = () => undefined;
  let onClose: (reason: string) => void = () => undefined;
  socket.on('message', (data) => {
    const message = JSON.parse(data.toString()) as ServerMessage;
    messages.push(message);
    handler(message);
  });
  socket.on('close', () => onClose('socket closed'));
  const rpc = createRpcClient({
    send: (m) => socket.send(JSON.stringify(m)),
    onMessage: (h) => (handler = h),
    onClose: (h) => (onClose = h),
  });
  return {
    api: createHearthApi(rpc),
    socket,
    messages,
    sendRaw: (frame) => socket.send(typeof frame === 'string' ? frame : JSON.stringify(frame)),
    close: () =>
      new Promise<void>((resolve) => {
        if (socket.readyState === WebSocket.CLOSED) return resolve();
        socket.once('close', () => resolve());
        socket.close();
      }),
  };
}

/** Tries an upgrade and returns the HTTP status it was refused with (or 101 if it was accepted). */
export async function upgradeStatus(origin: string, headers: Record<string, string>): Promise<number> {
  const socket = new WebSocket(`${origin.replace('http', 'ws')}/api/ws`, { headers });
  return new Promise<number>((resolve) => {
    socket.once('open', () => {
      socket.close();
      resolve(101);
    });
    socket.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
    socket.once('error', () => resolve(0));
  });
}
