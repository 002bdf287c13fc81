import type { ErrorData } from '@shared/errors';
import type { HearthApi } from '@shared/hearthApi';

export const LOOPBACK_COUNT = 2000;
export const LOOPBACK_PAYLOAD_BYTES = 64;
const PINGS = 5;

export interface ConnectionTestResult {
  received: number;
  elapsedMs: number;
  eventsPerSecond: number;
  /** Median round trip of a few `diagnostics.ping` calls. */
  pingMs: number;
}

export type ConnectionTestOutcome =
  { ok: true; value: ConnectionTestResult } | { ok: false; step: string; error: ErrorData };

/** Measures, on this side of the connection, how fast stream items arrive and how long a call takes. */
export async function runConnectionTest(
  api: HearthApi,
  register: (cancel: () => void) => void,
): Promise<ConnectionTestOutcome> {
  let received = 0;
  const started = performance.now();
  const handle = api.diagnostics.loopback({ count: LOOPBACK_COUNT, payloadBytes: LOOPBACK_PAYLOAD_BYTES }, () => {
    received += 1;
  });
  register(() => {
    handle.cancel();
  });
  const done = await handle.done;
  const elapsedMs = performance.now() - started;
  if (!done.ok) return { ok: false, step: 'The stream test failed', error: done.error };

  const rtts: number[] = [];
  for (let i = 0; i < PINGS; i += 1) {
    const sent = performance.now();
    const pong = await api.diagnostics.ping({ echo: `hearth-${String(i)}` });
    if (!pong.ok) return { ok: false, step: 'The ping failed', error: pong.error };
    rtts.push(performance.now() - sent);
  }
  rtts.sort((a, b) => a - b);
  const pingMs = rtts[Math.floor(rtts.length / 2)] ?? 0;
  return {
    ok: true,
    value: { received, elapsedMs, eventsPerSecond: received / Math.max(elapsedMs / 1000, 1e-6), pingMs },
  };
}
