import type { ServerMessage } from '../../shared/wire';
import type { PartContext } from '../lifecycle/PartContext';
import { Dispatcher, type Handlers } from './Dispatcher';
import { RpcSession } from './RpcSession';

/** Opens a client connection (an IPC window or a WebSocket); dispose the session when the client goes away. */
export type CreateSession = (
  origin: 'ipc' | 'ws',
  send: (message: ServerMessage) => void,
  options?: { /** See CallContext.localPaths. */ localPaths?: boolean },
) => RpcSession;

/** The contract's core side: one dispatcher over every part's handlers, and the client sessions it serves. */
export function createRpcPart(
  ctx: PartContext,
  handlers: Handlers,
): { dispatcher: Dispatcher; createSession: CreateSession } {
  const { logger, events } = ctx;
  const dispatcher = new Dispatcher(handlers, logger, ctx.streams);
  const sessions = new Set<RpcSession>();
  // Registered last, so sessions close first: no client call reaches a service that is already gone.
  ctx.disposables.defer('client sessions', () => {
    for (const session of [...sessions]) session.dispose();
  });
  const createSession: CreateSession = (origin, send, options) => {
    const session = new RpcSession({ dispatcher, events, logger, send, origin, ...options });
    sessions.add(session);
    const dispose = session.dispose.bind(session);
    session.dispose = () => {
      sessions.delete(session);
      dispose();
    };
    return session;
  };
  return { dispatcher, createSession };
}
