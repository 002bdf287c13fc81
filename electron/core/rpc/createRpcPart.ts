import type { CallerClass } from '../../shared/contractTypes';
import type { ServerMessage } from '../../shared/wire';
import type { PartContext } from '../lifecycle/PartContext';
import { Dispatcher, type AuditSink, type Handlers } from './Dispatcher';
import { RpcSession, type RpcSessionOptions } from './RpcSession';

/**
 * Opens a client connection (an IPC window or a WebSocket) for the caller class its transport decided; dispose the
 * session when the client goes away.
 */
export type CreateSession = (
  caller: CallerClass,
  send: (message: ServerMessage) => void,
  options?: Pick<RpcSessionOptions, 'ready' | 'scopes'>,
) => RpcSession;

/**
 * The contract's core side: one dispatcher over every part's handlers, and the client sessions it serves. Calls of
 * entries that declare `audit` (settings and secret changes) are recorded in `deps.audit` with their caller.
 */
export function createRpcPart(
  ctx: PartContext,
  handlers: Handlers,
  deps: { audit: AuditSink },
): { dispatcher: Dispatcher; createSession: CreateSession } {
  const { logger, events } = ctx;
  const dispatcher = new Dispatcher(handlers, logger, ctx.streams, deps.audit);
  const sessions = new Set<RpcSession>();
  // Registered last, so sessions close first: no client call reaches a service that is already gone.
  ctx.disposables.defer('client sessions', () => {
    for (const session of [...sessions]) session.dispose();
  });
  const createSession: CreateSession = (caller, send, options) => {
    const session = new RpcSession({ dispatcher, events, logger, send, caller, ...options });
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
