import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { GatewayShell } from '../../core/gateway/createGatewayPart';
import type { GatewayRequestRecord } from '../../core/gateway/GatewayAudit';
import type { GatewayScope } from '../../shared/gatewaySchemas';
import { GatewayAuth, type GatewayKey } from './GatewayAuth';
import { StreamSlots } from './StreamSlots';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The scope a gateway route needs; `null`: any live key (the route checks scopes per call, as /mcp does per
     * tool). A route under a gateway prefix without one needs `admin`.
     */
    gatewayScope?: GatewayScope | null;
  }
  interface FastifyRequest {
    /** The caller's key on gateway routes (set before the handler runs); null elsewhere. */
    gatewayKey: GatewayKey | null;
    /**
     * Counts this request as one of its key's open streams until the response ends; false when the key is at its
     * limit (answer with `sendGatewayError(reply, 429, 'too_many_streams', …)`).
     */
    acquireGatewayStream(): boolean;
  }
}

/** Options for the gateway's HTTP guard. */
export interface GatewayAuthOptions {
  gateway: GatewayShell;
  /** Path prefixes the guard covers. Default `/v1` and `/mcp`. */
  prefixes?: readonly string[];
}

const ERROR_TYPES: Record<number, string> = {
  401: 'authentication_error',
  403: 'permission_error',
  413: 'invalid_request_error',
  429: 'rate_limit_error',
};

/** A gateway error in OpenAI's shape, which OpenAI clients show as is and other clients read as plain JSON. */
export function sendGatewayError(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  return reply
    .code(status)
    .type('application/json; charset=utf-8')
    .send({ error: { message, type: ERROR_TYPES[status] ?? 'invalid_request_error', param: null, code } });
}

/**
 * Guards every route under the gateway prefixes, before its body is read: body size (413), API key and the route's
 * `config.gatewayScope` (401/403), the key's requests a minute (429 with Retry-After); then decorates
 * `request.gatewayKey` and `request.acquireGatewayStream()` and audits each request (batched; the key id, never the
 * key). Register after @fastify/rate-limit and before the gateway's routes; they need nothing else.
 */
export function registerGatewayAuth(app: FastifyInstance, options: GatewayAuthOptions): GatewayAuth {
  const { gateway } = options;
  const prefixes = options.prefixes ?? ['/v1', '/mcp'];
  const auth = new GatewayAuth(gateway.keys);
  const streams = new StreamSlots();
  const limiter = app.createRateLimit({
    timeWindow: 60_000,
    max: (request) => request.gatewayKey?.limits.requestsPerMinute ?? 1,
    keyGenerator: (request) => `gateway:${request.gatewayKey?.id ?? ''}`,
  });
  const covers = (url: string) => {
    const path = url.split('?')[0] ?? '';
    return prefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}/`));
  };
  const scopes = new WeakMap<FastifyRequest, GatewayScope | null>();
  const responses = new WeakMap<FastifyRequest, FastifyReply['raw']>();

  app.decorateRequest('gatewayKey', null);
  app.decorateRequest('acquireGatewayStream', function (this: FastifyRequest) {
    const key = this.gatewayKey;
    // Released at the response's close (finished, or the client gone), not the request's: a request closes as soon
    // as its body is read.
    const response = responses.get(this);
    if (!key || !response) return false;
    const release = streams.acquire(key.id, key.limits.concurrentStreams);
    if (!release) return false;
    response.once('close', release);
    return true;
  });

  app.addHook('onRequest', async (request, reply) => {
    if (!covers(request.url)) return;
    const length = Number(request.headers['content-length'] ?? 0);
    if (length > gateway.maxBodyBytes) {
      return sendGatewayError(
        reply,
        413,
        'request_too_large',
        `Requests are limited to ${gateway.maxBodyBytes} bytes.`,
      );
    }
    // A path no route serves needs only a live key (its 404 tells nothing to anyone else).
    const routeScope = request.routeOptions.config.gatewayScope;
    const scope = request.routeOptions.url === undefined ? null : routeScope === undefined ? 'admin' : routeScope;
    scopes.set(request, scope);
    responses.set(request, reply.raw);
    const result = auth.authenticate(request.headers.authorization, scope);
    if (!result.ok) return sendGatewayError(reply, result.status, result.code, result.message);
    request.gatewayKey = result.key;
    const limited = await limiter(request);
    if (!limited.isAllowed && limited.isExceeded) {
      void reply.header('retry-after', String(Math.max(1, limited.ttlInSeconds)));
      return sendGatewayError(
        reply,
        429,
        'rate_limit_exceeded',
        `This API key may make ${result.key.limits.requestsPerMinute} requests a minute; try again in ${Math.max(1, limited.ttlInSeconds)} s.`,
      );
    }
    return undefined;
  });

  app.addHook('onResponse', async (request, reply) => {
    if (!covers(request.url)) return;
    gateway.audit.record(auditRecord(request, reply.statusCode, scopes.get(request) ?? null));
  });
  return auth;
}

function auditRecord(request: FastifyRequest, status: number, scope: GatewayScope | null): GatewayRequestRecord {
  const outcome =
    status < 400 ? 'ok' : status === 401 || status === 403 ? 'refused' : status === 429 ? 'limited' : 'failed';
  return {
    method: request.method,
    route: request.routeOptions.url ?? (request.url.split('?')[0] ?? '').slice(0, 128),
    keyId: request.gatewayKey?.id ?? null,
    scope,
    outcome,
    status,
  };
}
