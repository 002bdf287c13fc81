import type { Span } from '@opentelemetry/api';
import { SpanStatusCode } from '@opentelemetry/api';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { recordGatewayRequest, startSpan, traceparentOf } from '../../core/telemetry/hearthTelemetry';

declare module 'fastify' {
  interface FastifyRequest {
    /** The W3C trace context of this gateway request's span, for the contract calls it makes (openCoreApi). */
    traceparent: string | undefined;
  }
}

/**
 * A span per gateway request (/v1, /mcp), continuing the caller's trace when it sends `traceparent`, ended with the
 * response's status; counted in `hearth.gateway.*`. Register before the gateway's guard, so refusals count too.
 */
export function registerGatewayTracing(app: FastifyInstance, prefixes: readonly string[] = ['/v1', '/mcp']): void {
  const spans = new WeakMap<FastifyRequest, { span: Span; started: number; route: string }>();
  app.decorateRequest('traceparent', undefined);
  app.addHook('onRequest', async (request) => {
    const path = request.url.split('?')[0] ?? '';
    if (!prefixes.some((p) => path === p || path.startsWith(`${p}/`))) return;
    const route = request.routeOptions.url ?? path;
    const header = request.headers['traceparent'];
    const span = startSpan(
      `gateway ${request.method} ${route}`,
      { 'http.request.method': request.method, 'http.route': route },
      typeof header === 'string' ? header : undefined,
    );
    request.traceparent = traceparentOf(span);
    spans.set(request, { span, started: performance.now(), route });
  });
  app.addHook('onResponse', async (request, reply) => {
    const entry = spans.get(request);
    if (!entry) return;
    const status = reply.statusCode;
    entry.span.setAttribute('http.response.status_code', status);
    if (status >= 500) entry.span.setStatus({ code: SpanStatusCode.ERROR });
    entry.span.end();
    recordGatewayRequest(entry.route, status, performance.now() - entry.started);
  });
}
