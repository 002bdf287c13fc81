import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import Fastify from 'fastify';
import type { Core } from '../core/createCore';
import { registerUploadRoute } from './registerUploadRoute';
import { registerOriginalsRoute } from './registerOriginalsRoute';
import { isLoopbackHost } from './isLoopbackAddress';
import { registerWebSocketRoute } from './registerWebSocketRoute';
import { SECURITY_HEADERS } from './securityHeaders';
import { SESSION_COOKIE, SessionAuth } from './SessionAuth';

/** Options for the headless shell. */
export interface HeadlessServerOptions {
  core: Core;
  /** The built renderer (vite build output). */
  rendererDir: string;
  /** Bind address; loopback unless the user configured otherwise. */
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  /**
   * Browsers on this computer may name files and folders on its disk (watch a folder, add files by path). Default:
   * on when bound to loopback. Turn it off behind a reverse proxy on the same computer.
   */
  localPaths?: boolean;
}

export interface HeadlessServer {
  readonly port: number;
  /** Base URL, e.g. http://127.0.0.1:43117 */
  readonly origin: string;
  readonly auth: SessionAuth;
  /** A fresh sign-in link holding a one-time token. */
  signInUrl(): string;
  close(): Promise<void>;
}

/** The same core behind HTTP + WebSocket: serves the UI, authenticates browsers, carries the contract. */
export async function createHeadlessServer(options: HeadlessServerOptions): Promise<HeadlessServer> {
  const { core } = options;
  const host = options.host ?? '127.0.0.1';
  const auth = new SessionAuth();
  const app: FastifyInstance = Fastify({ logger: false, trustProxy: false, bodyLimit: 1024 * 1024 });

  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifyWebsocket, { options: { maxPayload: 1024 * 1024 } });

  app.addHook('onSend', async (_request, reply, payload) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) reply.header(name, value);
    return payload;
  });

  const hasUi = existsSync(join(options.rendererDir, 'index.html'));
  if (hasUi) {
    await app.register(fastifyStatic, { root: options.rendererDir, index: false, wildcard: true, cacheControl: false });
  } else {
    core.logger.warn({ rendererDir: options.rendererDir }, 'the UI is not built; run `npm run build:renderer`');
  }

  // The sign-in link: its one-time token becomes an HttpOnly, SameSite=Strict session cookie, then the
  // token leaves the address bar through a redirect.
  app.get<{ Querystring: { token?: string } }>(
    '/',
    { config: { rateLimit: { max: 120, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const token = request.query.token;
      if (typeof token === 'string') {
        const session = auth.exchange(token);
        if (!session) {
          return reply
            .code(401)
            .type('text/html; charset=utf-8')
            .send(
              page(
                'This sign-in link is invalid or was already used. Restart Hearth or press Enter in its terminal for a new link.',
              ),
            );
        }
        reply.setCookie(SESSION_COOKIE, session, { httpOnly: true, sameSite: 'strict', path: '/', secure: false });
        return reply.redirect('/', 303);
      }
      if (!hasUi)
        return reply.type('text/html; charset=utf-8').send(page('The UI is not built. Run npm run build:renderer.'));
      return reply.header('cache-control', 'no-store').sendFile('index.html');
    },
  );

  app.get('/api/health', async () => ({ ok: true }));
  registerWebSocketRoute(app, { core, auth, localPaths: options.localPaths ?? isLoopbackHost(host) });
  registerUploadRoute(app, { core, auth });
  registerOriginalsRoute(app, { core, auth });

  await app.listen({ host, port: options.port ?? 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  const origin = `http://${urlHost}:${port}`;
  core.logger.info({ host, port }, 'headless shell listening');

  return {
    port,
    origin,
    auth,
    signInUrl: () => `${origin}/?token=${auth.issueToken()}`,
    close: () => app.close(),
  };
}

function page(message: string): string {
  const text = message.replace(/[<>&]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;' })[c] ?? c);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Hearth</title></head><body><main><h1>Hearth</h1><p>${text}</p></main></body></html>`;
}
