import type { FastifyInstance } from 'fastify';
import type { WebSocket } from 'ws';
import type { Core } from '../core/createCore';
import { isLocalRequest } from './isLoopbackAddress';
import { isAllowedOrigin } from './originCheck';
import type { SessionAuth } from './SessionAuth';
import { SESSION_COOKIE, SIGNED_OUT_CLOSE_CODE } from './SessionAuth';
import { SocketFlow, type SocketFlowOptions } from './SocketFlow';

/** How long a signed-out socket stays open for answers already under way. */
const SIGN_OUT_GRACE_MS = 500;

/** The WebSocket transport of the contract: one RpcSession per socket, after cookie and Origin checks. */
export function registerWebSocketRoute(
  app: FastifyInstance,
  deps: {
    core: Core;
    auth: SessionAuth;
    /** Browsers connecting from this computer may name paths on its disk and are `local-browser` callers. */
    localPaths: boolean;
    /** How much may wait for a client that is not reading (backpressure). */
    flow?: SocketFlowOptions;
  },
): void {
  // Signing every browser out also ends the sockets they hold: a revoked cookie must not keep a live connection.
  const open = new Map<WebSocket, () => void>();
  deps.auth.onRevoked(() => {
    for (const revoke of open.values()) revoke();
  });
  app.get(
    '/api/ws',
    {
      websocket: true,
      // Runs before the upgrade, so a refused client gets a plain HTTP 401 and no socket.
      preValidation: async (request, reply) => {
        const session = request.cookies[SESSION_COOKIE];
        if (
          !(await deps.auth.isValidSession(session)) ||
          !isAllowedOrigin(request.headers.origin, request.headers.host)
        ) {
          await reply.code(401).send({ code: 'UNAUTHORIZED', message: 'Sign in with the link Hearth printed.' });
        }
      },
    },
    (socket, request) => {
      // Decided once per socket: a browser on this computer (when the server allows local paths) may also change
      // where secrets and data go; any other is a remote browser.
      const local =
        deps.localPaths && isLocalRequest({ remoteAddress: request.socket.remoteAddress, headers: request.headers });
      const caller = local ? 'local-browser' : 'remote-browser';
      const flow = new SocketFlow(socket, deps.flow, (reason) =>
        deps.core.logger.warn({ reason }, 'disconnected a WebSocket client that stopped reading'),
      );
      const session = deps.core.createSession(caller, (message) => flow.send(JSON.stringify(message)), {
        ready: () => flow.ready(),
      });
      let revoked = false;
      open.set(socket, () => {
        // Nothing new is accepted from now on; calls already running (the sign-out itself) still get their answer.
        revoked = true;
        setTimeout(() => socket.close(SIGNED_OUT_CLOSE_CODE, 'Signed out'), SIGN_OUT_GRACE_MS).unref();
      });
      socket.on('message', (data, isBinary) => {
        if (isBinary || revoked) return;
        let parsed: unknown;
        try {
          parsed = JSON.parse(data.toString());
        } catch {
          deps.core.logger.warn('dropped a WebSocket frame that is not JSON');
          return;
        }
        session.handle(parsed);
      });
      const gone = () => {
        open.delete(socket);
        flow.dispose();
        session.dispose();
      };
      socket.on('close', gone);
      socket.on('error', gone);
    },
  );
}
