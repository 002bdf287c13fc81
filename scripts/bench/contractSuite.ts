import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { assembleCore } from '../../electron/core/createCore';
import { nodePlatform } from '../../electron/server/nodePlatform';
import { connect, signIn } from '../../tests/helpers/wsClient';
import type { BenchRow } from './stats';
import { percentile, round } from './stats';

const root = fileURLToPath(new URL('../../', import.meta.url));
const QUERIES = 10_000;

/** Contract round-trip over the real WebSocket transport (server in its own process) and stream throughput. */
export async function contractSuite(): Promise<{ rows: BenchRow[]; meta: Record<string, unknown> }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'hearth-bench-'));
  const server = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'electron/server/main.ts'), '--json', '--port', '0'],
    {
      cwd: root,
      env: { ...process.env, HEARTH_HOME: dataDir },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  try {
    const line = await new Promise<string>((resolve, reject) => {
      createInterface({ input: server.stdout! }).once('line', resolve);
      server.once('exit', (code) => reject(new Error(`server exited ${code}`)));
    });
    const { url, origin } = JSON.parse(line) as { url: string; origin: string };
    const ws = await connect(origin, await signIn(url));
    const rows: BenchRow[] = [];

    for (let i = 0; i < 500; i++) await ws.api.diagnostics.ping({ echo: 'warm' });
    const latencies: number[] = [];
    const started = performance.now();
    for (let i = 0; i < QUERIES; i++) {
      const t0 = performance.now();
      const r = await ws.api.diagnostics.ping({ echo: 'hello' });
      latencies.push(performance.now() - t0);
      if (!r.ok) throw new Error(r.error.message);
    }
    const sequentialSeconds = (performance.now() - started) / 1000;
    rows.push(
      {
        metric: 'ws query p50',
        value: round(percentile(latencies, 50)),
        unit: 'ms',
        note: `${QUERIES} sequential diagnostics.ping`,
      },
      { metric: 'ws query p99', value: round(percentile(latencies, 99)), unit: 'ms' },
      { metric: 'ws queries/s (sequential)', value: Math.round(QUERIES / sequentialSeconds), unit: 'req/s' },
    );

    const pipelinedStart = performance.now();
    const inFlight = 64;
    let done = 0;
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (done < QUERIES) {
          done++;
          await ws.api.diagnostics.ping({ echo: 'hello' });
        }
      }),
    );
    rows.push({
      metric: 'ws queries/s (64 in flight)',
      value: Math.round(QUERIES / ((performance.now() - pipelinedStart) / 1000)),
      unit: 'req/s',
    });

    for (const payloadBytes of [64, 4096]) {
      const count = payloadBytes === 64 ? 200_000 : 20_000;
      let received = 0;
      const t0 = performance.now();
      const result = await ws.api.diagnostics.loopback({ count, payloadBytes }, () => received++).done;
      const seconds = (performance.now() - t0) / 1000;
      if (!result.ok || received !== count) throw new Error(`loopback delivered ${received}/${count}`);
      rows.push({
        metric: `stream events/s (${payloadBytes} B)`,
        value: Math.round(count / seconds),
        unit: 'events/s',
        note: `${count} events, ${round((count * payloadBytes) / seconds / 1e6, 1)} MB/s payload`,
      });
    }
    await ws.close();

    // Baseline in the same run: the dispatcher called in-process, no transport at all.
    const baselineDir = await mkdtemp(join(tmpdir(), 'hearth-bench-base-'));
    const { core, services } = await assembleCore(nodePlatform({ dataDir: baselineDir, logLevel: 'warn' }));
    const direct: number[] = [];
    const ctx = { origin: 'internal' as const, signal: new AbortController().signal };
    for (let i = 0; i < QUERIES; i++) {
      const t0 = performance.now();
      await services.dispatcher.call('diagnostics.ping', { echo: 'hello' }, ctx);
      direct.push(performance.now() - t0);
    }
    await core.dispose();
    await rm(baselineDir, { recursive: true, force: true });
    const directP50 = percentile(direct, 50);
    rows.push(
      {
        metric: 'in-process dispatch p50 (baseline)',
        value: round(directP50, 4),
        unit: 'ms',
        note: 'validation + handler, no transport',
      },
      { metric: 'ws p50 / in-process p50', value: round(percentile(latencies, 50) / directP50, 1), unit: '×' },
    );
    return { rows, meta: { queries: QUERIES, node: process.version, cpus: cpus().length, cpu: cpus()[0]?.model } };
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    await rm(dataDir, { recursive: true, force: true });
  }
}
