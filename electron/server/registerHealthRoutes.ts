import type { FastifyInstance } from 'fastify';
import type { Readiness } from './Readiness';

/**
 * Probe paths. They answer whatever `Host` a probe sends (kubelet sends the pod's address, Docker's HEALTHCHECK
 * 127.0.0.1) and say nothing but the shell's state, so they skip the Host check that guards everything else.
 */
export const HEALTH_PATHS: ReadonlySet<string> = new Set(['/healthz', '/readyz']);

/**
 * `/healthz` (liveness: the process answers) and `/readyz` (readiness: 200 while it should get new requests, 503 while
 * starting or draining). Neither needs a session: they are for orchestrators and load balancers.
 */
export function registerHealthRoutes(app: FastifyInstance, options: { readiness: Readiness }): void {
  const { readiness } = options;
  app.get('/healthz', async (_request, reply) =>
    reply.header('cache-control', 'no-store').send({ ok: true, state: readiness.state }),
  );
  app.get('/readyz', async (_request, reply) => {
    const ready = readiness.state === 'ready';
    return reply
      .code(ready ? 200 : 503)
      .header('cache-control', 'no-store')
      .send({ ready, state: readiness.state });
  });
}
