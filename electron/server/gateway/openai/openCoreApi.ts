import type { CreateSession } from '../../../core/rpc/createRpcPart';
import type { GatewayScope } from '../../../shared/gatewaySchemas';
import { createHearthApi, type HearthApi } from '../../../shared/hearthApi';
import { createRpcClient } from '../../../shared/rpcClient';
import type { ServerMessage } from '../../../shared/wire';

/** Options for one gateway request's connection to the core. */
export interface CoreApiOptions {
  /** The core's session factory (`core.createSession`). */
  createSession: CreateSession;
  /** The scopes of the caller's API key: the Dispatcher admits only the channels they cover. */
  scopes: readonly GatewayScope[];
  /** The response's backpressure: undefined while the client keeps up, else settles when it has caught up. */
  ready?: () => Promise<void> | undefined;
  /** The gateway request's trace context: every call it makes carries it, so the core's spans join its trace. */
  traceparent?: string | undefined;
}

/** The contract for one gateway request, and how to end it (cancels whatever is still running). */
export interface CoreApi {
  readonly api: HearthApi;
  close(): void;
}

/**
 * The contract as an API-key caller sees it, over an in-process session instead of a socket: the same envelope,
 * validation, caller class and scope checks as the WebSocket route, with the typed client the browser uses.
 */
export function openCoreApi(options: CoreApiOptions): CoreApi {
  let receive: (message: ServerMessage) => void = () => undefined;
  let lost: (reason: string) => void = () => undefined;
  const session = options.createSession('api-key', (message) => receive(message), {
    scopes: options.scopes,
    ...(options.ready ? { ready: options.ready } : {}),
  });
  const client = createRpcClient({
    send: (message) =>
      session.handle(options.traceparent && message.t !== 'cancel' ? { ...message, tp: options.traceparent } : message),
    onMessage: (handler) => (receive = handler),
    onClose: (handler) => (lost = handler),
  });
  return {
    api: createHearthApi(client),
    close: () => {
      session.dispose();
      lost('the request ended');
    },
  };
}
