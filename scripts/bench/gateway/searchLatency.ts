import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { BenchRow } from '../stats';
import { percentile, round } from '../stats';
import { grpcClient } from './grpcClient';

/** Timed calls per transport, after WARMUP untimed ones; blocks alternate so drift hits both alike. */
const CALLS = Number(process.env.HEARTH_BENCH_GATEWAY_CALLS ?? 400);
const WARMUP = 20;
const BLOCK = 50;
const QUERY = { query: 'orchard river apple', topK: 5 };

/**
 * The same library.search call, one at a time, through gRPC (Search) and through MCP over Streamable HTTP
 * (`search_documents` on /mcp, one JSON-RPC POST per call): latency p50/p99 as each client sees it.
 */
export async function searchLatency(options: {
  origin: string;
  grpcAddress: string;
  key: string;
}): Promise<BenchRow[]> {
  const grpc = grpcClient(options.grpcAddress, options.key);
  const mcp = new Client({ name: 'hearth-bench', version: '1.0.0' });
  await mcp.connect(
    new StreamableHTTPClientTransport(new URL(`${options.origin}/mcp`), {
      requestInit: { headers: { authorization: `Bearer ${options.key}` } },
    }),
  );
  try {
    const viaGrpc = async () => {
      const result = await grpc.search({ ...QUERY, mode: 'SEARCH_MODE_KEYWORD' });
      if (!(result['passages'] as unknown[]).length) throw new Error('gRPC Search found nothing');
    };
    const viaMcp = async () => {
      const result = await mcp.callTool({ name: 'search_documents', arguments: { ...QUERY, mode: 'keyword' } });
      const passages = (result.structuredContent as { passages?: unknown[] } | undefined)?.passages;
      if (result.isError || !passages?.length) throw new Error('MCP search_documents found nothing');
    };
    for (let i = 0; i < WARMUP; i++) {
      await viaGrpc();
      await viaMcp();
    }
    const times = { grpc: [] as number[], mcp: [] as number[] };
    for (let done = 0; done < CALLS; done += BLOCK) {
      for (const [name, call] of [
        ['grpc', viaGrpc],
        ['mcp', viaMcp],
      ] as const) {
        for (let i = 0; i < Math.min(BLOCK, CALLS - done); i++) {
          const t0 = performance.now();
          await call();
          times[name].push(performance.now() - t0);
        }
      }
    }
    const note = `${CALLS} sequential keyword searches, topK ${QUERY.topK}`;
    return [
      { metric: 'search via gRPC p50', value: round(percentile(times.grpc, 50), 2), unit: 'ms', note },
      { metric: 'search via gRPC p99', value: round(percentile(times.grpc, 99), 2), unit: 'ms' },
      { metric: 'search via MCP (Streamable HTTP) p50', value: round(percentile(times.mcp, 50), 2), unit: 'ms', note },
      { metric: 'search via MCP (Streamable HTTP) p99', value: round(percentile(times.mcp, 99), 2), unit: 'ms' },
    ];
  } finally {
    grpc.close();
    await mcp.close();
  }
}
