import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEARTH_METRICS } from '../../../../electron/core/telemetry/metricNames';
import type { HeadlessServer } from '../../../../electron/server/createHeadlessServer';
import { createHeadlessServer } from '../../../../electron/server/createHeadlessServer';
import type { TestCore } from '../../../helpers/tempCore';
import { startTestCore, tempDir } from '../../../helpers/tempCore';
import { connect, signIn } from '../../../helpers/wsClient';

let dir: Awaited<ReturnType<typeof tempDir>>;
let core: TestCore;
let server: HeadlessServer;
const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const CALLER_SPAN = 'b7ad6b7169203331';

beforeAll(async () => {
  dir = await tempDir('hearth-gateway-trace-');
  core = await startTestCore(dir.path);
  server = await createHeadlessServer({ core, rendererDir: `${dir.path}/no-ui` });
});

afterAll(async () => {
  await server?.close();
  await core?.dispose();
  await dir?.remove();
});

describe('gateway request spans', () => {
  it("continue the caller's traceparent into the core's contract calls, and count requests by status", async () => {
    const browser = await connect(server.origin, await signIn(server.signInUrl()));
    const made = await browser.api.gateway['keys.create']({ name: 'trace', scopes: ['chat'] });
    await browser.close();
    if (!made.ok) throw new Error(made.error.message);
    const response = await fetch(`${server.origin}/v1/models`, {
      headers: { authorization: `Bearer ${made.value.secret}`, traceparent: `00-${TRACE_ID}-${CALLER_SPAN}-01` },
    });
    expect(response.status).toBe(200);
    expect((await fetch(`${server.origin}/v1/models`)).status).toBe(401);

    const { spans } = await core.services.telemetry.recent();
    const request = spans.find((s) => s.name === 'gateway GET /v1/models' && s.traceId === TRACE_ID);
    expect(request).toMatchObject({ parentSpanId: CALLER_SPAN, attributes: { 'http.response.status_code': 200 } });
    const inner = spans.filter((s) => s.traceId === TRACE_ID && s.parentSpanId === request!.spanId);
    expect(inner.map((s) => s.name)).toContain('rpc models.list');
    expect(
      spans.some((s) => s.name === 'gateway GET /v1/models' && s.attributes['http.response.status_code'] === 401),
    ).toBe(true);
    const totals = await core.services.telemetry.metricTotals();
    expect(totals[HEARTH_METRICS.gatewayRequests.name]).toBe(2);
    expect(totals[HEARTH_METRICS.gatewayDuration.name]).toBe(2);
  });
});
