import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { Readiness } from '../../../electron/server/Readiness';
import { registerHealthRoutes } from '../../../electron/server/registerHealthRoutes';

describe('health and readiness routes', () => {
  it('/readyz is 503 while starting, 200 when ready and 503 again from the first moment of a stop', async () => {
    const app = Fastify();
    const readiness = new Readiness();
    registerHealthRoutes(app, { readiness });
    const ready = async () => {
      const response = await app.inject({ method: 'GET', url: '/readyz' });
      return { status: response.statusCode, body: response.json<unknown>(), cache: response.headers['cache-control'] };
    };
    expect(await ready()).toEqual({ status: 503, body: { ready: false, state: 'starting' }, cache: 'no-store' });
    readiness.markReady();
    expect(await ready()).toEqual({ status: 200, body: { ready: true, state: 'ready' }, cache: 'no-store' });
    readiness.markDraining();
    readiness.markReady();
    expect(await ready()).toEqual({ status: 503, body: { ready: false, state: 'draining' }, cache: 'no-store' });
    // Liveness stays up while draining: the process is alive and finishing its work, not to be restarted.
    const live = await app.inject({ method: 'GET', url: '/healthz' });
    expect(live.statusCode).toBe(200);
    expect(live.json()).toEqual({ ok: true, state: 'draining' });
    await app.close();
  });
});
