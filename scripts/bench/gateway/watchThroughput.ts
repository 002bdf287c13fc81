import type { EventBus } from '../../../electron/core/rpc/EventBus';
import type { BenchRow } from '../stats';
import { round } from '../stats';
import { grpcClient } from './grpcClient';

const EVENTS = Number(process.env.HEARTH_BENCH_GATEWAY_EVENTS ?? 20_000);
/** Events emitted per turn of the event loop, so the server writes while the bus emits. */
const BURST = 100;
/** Events sent and not yet received at most: a steady rate, below the server's limit of unread events. */
const IN_FLIGHT = 1_000;

/**
 * WatchLibrary's throughput: EVENTS `library.changed` events (one document each, alternating added and removed)
 * emitted on the core's event bus as fast as the client reads them (at most IN_FLIGHT unread), counted as they
 * reach a gRPC client. Measures the
 * gateway's path (bus → api-key session → gRPC stream → client), not ingestion, which is far slower.
 */
export async function watchThroughput(options: {
  events: EventBus;
  grpcAddress: string;
  key: string;
}): Promise<BenchRow[]> {
  const grpc = grpcClient(options.grpcAddress, options.key);
  let received = 0;
  let resolveAll: () => void = () => undefined;
  const all = new Promise<void>((resolve) => (resolveAll = resolve));
  const stream = await grpc.watch(() => {
    received += 1;
    if (received === EVENTS) resolveAll();
  });
  try {
    const t0 = performance.now();
    for (let sent = 0; sent < EVENTS;) {
      for (let i = 0; i < BURST && sent < EVENTS && sent - received < IN_FLIGHT; i++, sent++) {
        options.events.emit('library.changed', {
          documentIds: [`doc-${sent}`],
          reason: sent % 2 === 0 ? 'ingested' : 'deleted',
        });
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
    await all;
    const seconds = (performance.now() - t0) / 1000;
    return [
      {
        metric: 'WatchLibrary events/s',
        value: round(EVENTS / seconds, 0),
        unit: 'events/s',
        note: `${EVENTS} library.changed events from the event bus to one gRPC client`,
      },
    ];
  } finally {
    stream.cancel();
    grpc.close();
  }
}
