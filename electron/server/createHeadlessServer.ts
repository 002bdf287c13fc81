import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import type { FastifyInstance, FastifyReply } from 'fastify';
import Fastify from 'fastify';
import type { Core } from '../core/createCore';
import { ApiKeyFile } from './gateway/ApiKeyFile';
import { startGrpcGateway, type GrpcGateway } from './gateway/grpc/startGrpcGateway';
import { registerOpenAiRoutes } from './gateway/openai/registerOpenAiRoutes';
import { registerGatewayAuth } from './gateway/registerGatewayAuth';
import { registerGatewayTracing } from './gateway/registerGatewayTracing';
import { writeGatewayAddress } from './gateway/mcp/gatewayAddressFile';
import { registerMcpRoute } from './gateway/mcp/registerMcpRoute';
import { registerUploadRoute } from './registerUploadRoute';
import { registerOriginalsRoute } from './registerOriginalsRoute';
import { HEALTH_PATHS, registerHealthRoutes } from './registerHealthRoutes';
import { Readiness } from './Readiness';
import { isLoopbackHost } from './isLoopbackAddress';
import { registerWebSocketRoute } from './registerWebSocketRoute';
import { checkRequest, servedHosts } from './requestGuard';
import { SECURITY_HEADERS } from './securityHeaders';
import {
  NOTICE_CONTENT_SECURITY_POLICY,
  noticePage,
  stylesheetsOf,
  UI_NOT_BUILT,
  USED_SIGN_IN_LINK,
  type Notice,
} from './noticePage';
import type { ServerCertificate } from './serverCertificate';
import { SESSION_COOKIE, SessionAuth } from './SessionAuth';
import type { SocketFlowOptions } from './SocketFlow';
import { startCluster, type Cluster, type ClusterOptions } from './startCluster';
import type { UploadLimits } from './registerUploadRoute';
import { HearthError } from '../shared/errors';

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
  /** Speak https with this certificate: sign-in links and cookies (then `Secure`) cannot be read on the way. */
  tls?: ServerCertificate;
  /**
   * Bind beyond loopback over plain HTTP anyway: the user acknowledged that sign-in links and cookies cross the
   * network readable. Without it, or `tls`, a non-loopback bind is refused.
   */
  insecureNoTls?: boolean;
  /** Further names browsers reach the server by (a DNS name); the Host header must be one of the served names. */
  hostNames?: readonly string[];
  /** Backpressure of the WebSocket transport. */
  flow?: SocketFlowOptions;
  /** Upload size limits and per-session staging quotas. */
  uploads?: UploadLimits;
  /** Gateway keys from a file (a mounted secret), reloaded when it changes; see ApiKeyFile. */
  apiKeysFile?: { path: string; graceMs?: number };
  /** The gRPC gateway on its own port (0, the default: a free one) at the same host and TLS; false: none. */
  grpc?: { port?: number } | false;
  /** What `/readyz` reports; marked ready once the server listens. The shell's stop marks it draining. */
  readiness?: Readiness;
  /**
   * One of several replicas on this PostgreSQL database: sessions and sign-in links are shared, and every replica's
   * events reach every replica's browsers. Without it, both stay in this process.
   */
  cluster?: ClusterOptions;
}

export interface HeadlessServer {
  readonly port: number;
  /** Base URL, e.g. http://127.0.0.1:43117 */
  readonly origin: string;
  readonly auth: SessionAuth;
  /** SHA-256 of the served certificate (colon-separated hex), or null over plain HTTP. */
  readonly fingerprint: string | null;
  /** `host:port` of the gRPC gateway, or null when it is not served. */
  readonly grpcAddress: string | null;
  /** A fresh sign-in link holding a one-time token (any replica of a cluster accepts it). */
  signInUrl(): Promise<string>;
  close(): Promise<void>;
}

/** The same core behind HTTP + WebSocket: serves the UI, authenticates browsers, carries the contract. */
export async function createHeadlessServer(options: HeadlessServerOptions): Promise<HeadlessServer> {
  const { core, tls } = options;
  const host = options.host ?? '127.0.0.1';
  if (!isLoopbackHost(host) && !tls && !options.insecureNoTls) {
    throw new HearthError(
      'INVALID_INPUT',
      `Hearth will not serve ${host} over plain HTTP: sign-in links and session cookies would cross the network ` +
        'readable. Start it with --tls-self-signed (Hearth makes a certificate and prints its fingerprint), with ' +
        '--tls-cert FILE --tls-key FILE, or accept the risk with --insecure-no-tls.',
    );
  }
  // Before anything that needs closing: a key file that cannot be read stops the start here.
  const keyFile = options.apiKeysFile
    ? await ApiKeyFile.open({
        path: options.apiKeysFile.path,
        defaults: core.gateway.defaults,
        logger: core.logger,
        ...(options.apiKeysFile.graceMs === undefined ? {} : { graceMs: options.apiKeysFile.graceMs }),
      })
    : undefined;
  const removeKeyFile = keyFile ? core.gateway.keys.addSource(keyFile) : () => undefined;
  let cluster: Cluster | undefined;
  try {
    cluster = options.cluster
      ? await startCluster({ ...options.cluster, events: core.events, logger: core.logger })
      : undefined;
  } catch (error) {
    removeKeyFile();
    keyFile?.dispose();
    throw error;
  }
  const auth = new SessionAuth(cluster ? { store: cluster.sessions } : {});
  const unregister = core.signOut.register(() => auth.revokeAll());
  const unsubscribe = () => {
    unregister();
    auth.dispose();
  };
  // Fastify types an https instance apart from an http one; the routes use neither's raw server.
  const app = Fastify({
    logger: false,
    trustProxy: false,
    bodyLimit: 1024 * 1024,
    ...(tls ? { https: { cert: tls.cert, key: tls.key } } : {}),
  }) as unknown as FastifyInstance;
  let hosts = new Set<string>();

  await app.register(fastifyCookie);
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifyWebsocket, { options: { maxPayload: 1024 * 1024 } });

  // Before any route (the WebSocket upgrade included): a request meant for another name, or a browser's request
  // from another site, ends here.
  app.addHook('onRequest', async (request, reply) => {
    if (HEALTH_PATHS.has(request.url)) return;
    const refusal = checkRequest({ url: request.url, headers: request.headers }, hosts);
    if (refusal) await reply.code(refusal.status).send({ code: refusal.code, message: refusal.message });
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    for (const [name, value] of Object.entries(SECURITY_HEADERS)) {
      // A route that set a stricter policy of its own (a notice page: no script at all) keeps it.
      if (name === 'content-security-policy' && reply.hasHeader(name)) continue;
      reply.header(name, value);
    }
    if (tls) reply.header('strict-transport-security', 'max-age=31536000');
    return payload;
  });

  // API keys, limits and audit for /v1 and /mcp: after the Host check, before any gateway route.
  registerGatewayTracing(app);
  registerGatewayAuth(app, { gateway: core.gateway });
  app.addHook('onClose', async () => {
    removeKeyFile();
    keyFile?.dispose();
  });

  const hasUi = existsSync(join(options.rendererDir, 'index.html'));
  // Notice pages wear the built UI's stylesheets (their names change with every build).
  const stylesheets = hasUi ? stylesheetsOf(readFileSync(join(options.rendererDir, 'index.html'), 'utf8')) : [];
  const notice = (reply: FastifyReply, status: number, content: Notice) =>
    reply
      .code(status)
      .header('content-security-policy', NOTICE_CONTENT_SECURITY_POLICY)
      .header('cache-control', 'no-store')
      .type('text/html; charset=utf-8')
      .send(noticePage(content, stylesheets));
  if (hasUi) {
    await app.register(fastifyStatic, { root: options.rendererDir, index: false, wildcard: true, cacheControl: false });
  } else {
    core.logger.warn({ rendererDir: options.rendererDir }, 'the UI is not built; run `npm run build:renderer`');
  }

  // The sign-in link: its one-time token becomes an HttpOnly, SameSite=Strict session cookie (Secure with TLS),
  // then the token leaves the address bar through a redirect.
  app.get<{ Querystring: { token?: string } }>(
    '/',
    { config: { rateLimit: { max: 120, timeWindow: '1 minute' } } },
    async (request, reply) => {
      const token = request.query.token;
      if (typeof token === 'string') {
        const session = await auth.exchange(token);
        if (!session) return notice(reply, 401, USED_SIGN_IN_LINK);
        reply.setCookie(SESSION_COOKIE, session, { httpOnly: true, sameSite: 'strict', path: '/', secure: !!tls });
        return reply.redirect('/', 303);
      }
      if (!hasUi) return notice(reply, 200, UI_NOT_BUILT);
      return reply.header('cache-control', 'no-store').sendFile('index.html');
    },
  );

  const localPaths = options.localPaths ?? isLoopbackHost(host);
  app.get('/api/health', async () => ({ ok: true }));
  const readiness = options.readiness ?? new Readiness();
  registerHealthRoutes(app, { readiness });
  registerWebSocketRoute(app, { core, auth, localPaths, ...(options.flow ? { flow: options.flow } : {}) });
  registerUploadRoute(app, { core, auth, localPaths, ...(options.uploads ? { limits: options.uploads } : {}) });
  registerOriginalsRoute(app, { core, auth });
  await registerOpenAiRoutes(app, { createSession: core.createSession, logger: core.logger });
  registerMcpRoute(app, { createSession: core.createSession, audit: core.gateway.audit, logger: core.logger });

  try {
    await app.listen({ host, port: options.port ?? 0 });
  } catch (error) {
    unsubscribe();
    removeKeyFile();
    keyFile?.dispose();
    await cluster?.dispose();
    throw error;
  }
  let grpc: GrpcGateway | undefined;
  try {
    grpc =
      options.grpc === false
        ? undefined
        : await startGrpcGateway({
            createSession: core.createSession,
            gateway: core.gateway,
            logger: core.logger,
            host,
            ...(options.grpc?.port === undefined ? {} : { port: options.grpc.port }),
            ...(tls ? { tls } : {}),
          });
  } catch (error) {
    unsubscribe();
    await app.close();
    await cluster?.dispose();
    throw error;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  hosts = servedHosts({ host, port, tls: !!tls, ...(options.hostNames ? { names: options.hostNames } : {}) });
  const urlHost = host.includes(':') ? `[${host}]` : host === '0.0.0.0' ? '127.0.0.1' : host;
  const origin = `${tls ? 'https' : 'http'}://${urlHost}:${port}`;
  core.logger.info({ host, port, tls: !!tls }, 'headless shell listening');
  readiness.markReady();
  const withdraw = core.gateway.announce({
    openaiBaseUrl: `${origin}/v1`,
    mcpUrl: `${origin}/mcp`,
    grpcAddress: grpc?.address ?? null,
  });
  // The MCP stdio proxy finds this server through the data folder; a file that cannot be written costs only that.
  const removeAddress = await writeGatewayAddress(core.paths.root, {
    pid: process.pid,
    origin,
    mcpUrl: `${origin}/mcp`,
  }).catch((error: unknown) => {
    core.logger.warn({ err: error }, 'could not write the gateway address file');
    return async () => undefined;
  });

  return {
    port,
    origin,
    auth,
    fingerprint: tls?.fingerprint ?? null,
    grpcAddress: grpc?.address ?? null,
    signInUrl: async () => `${origin}/?token=${await auth.issueToken()}`,
    close: async () => {
      unsubscribe();
      withdraw();
      await removeAddress();
      await grpc?.close();
      await app.close();
      await cluster?.dispose();
    },
  };
}
