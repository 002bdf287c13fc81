import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { assembleCore } from '../../electron/core/createCore';
import { createHeadlessServer } from '../../electron/server/createHeadlessServer';
import { nodePlatform } from '../../electron/server/nodePlatform';
import { createTinyLlamaModel } from '../../tests/fixtures/gguf/tinyLlama';
import { connect, signIn, type WsConnection } from '../../tests/helpers/wsClient';
import type { BenchRow } from './stats';
import { percentile, round } from './stats';

/** Concurrent streaming clients; HEARTH_BENCH_GATEWAY_CLIENTS changes it. */
const CLIENTS = Number(process.env.HEARTH_BENCH_GATEWAY_CLIENTS ?? 8);
/** Answers each client streams per transport. */
const ROUNDS = 5;
const MAX_TOKENS = 16;
/** Wait before asking again after a 429 (the runtime's conversation slots were all busy), plus up to as much jitter. */
const RETRY_MS = 100;

const MESSAGES = [{ role: 'user' as const, content: 'tell me about the orchard' }];

/** What one transport measured: time to first token of every answer, refusals, wall time. */
interface Phase {
  /** From the answered request to its first token. */
  ttft: number[];
  /** From the first try to the first token, refused tries and waits included: what the client waited. */
  waited: number[];
  refused: number;
  failed: number;
  seconds: number;
}

/**
 * The gateway against the contract (issue 16): N concurrent clients each stream answers of the tiny chat model through
 * the OpenAI-compatible `/v1/chat/completions` (official `openai` client, SSE, API key) and through the WebSocket
 * contract (`chat.complete`, the same core channel), in the same run and on the same server; time to first token
 * p50/p99, answers/s, 429s (the runtime's conversation slots are busy; the client waits and asks again), other
 * errors, and the server's RSS before and after. The server runs in this process.
 */
export async function gatewaySuite(): Promise<{ rows: BenchRow[]; meta: Record<string, unknown> }> {
  const work = await mkdtemp(join(tmpdir(), 'hearth-bench-gateway-'));
  const { core, services } = await assembleCore({
    ...nodePlatform({ dataDir: join(work, 'data'), logLevel: 'warn' }),
    startSidecars: false,
  });
  const server = await createHeadlessServer({ core, rendererDir: join(work, 'no-ui') });
  const sockets: WsConnection[] = [];
  try {
    const model = await services.modelCatalog.importFile((await createTinyLlamaModel(join(work, 'chat.gguf'))).path);
    await services.modelCatalog.setDefault('chat', model.id);
    const { secret } = await services.apiKeys.create({
      name: 'bench',
      scopes: ['chat'],
      limits: { requestsPerMinute: 100_000, concurrentStreams: CLIENTS },
    });
    const openai = new OpenAI({ baseURL: `${server.origin}/v1`, apiKey: secret, maxRetries: 0 });
    for (let i = 0; i < CLIENTS; i++) sockets.push(await connect(server.origin, await signIn(server.signInUrl())));

    const viaV1 = async (): Promise<number | 'refused'> => {
      const t0 = performance.now();
      try {
        const stream = await openai.chat.completions.create({
          model: model.id,
          messages: MESSAGES,
          max_tokens: MAX_TOKENS,
          stream: true,
        });
        let first: number | undefined;
        for await (const chunk of stream) if (chunk.choices[0]?.delta.content) first ??= performance.now() - t0;
        if (first === undefined) throw new Error('no token');
        return first;
      } catch (error) {
        if (error instanceof OpenAI.RateLimitError) return 'refused';
        throw error;
      }
    };
    const viaWs = (socket: WsConnection) => async (): Promise<number | 'refused'> => {
      const t0 = performance.now();
      let first: number | undefined;
      const result = await socket.api.chat.complete(
        { modelId: model.id, messages: MESSAGES, options: { maxTokens: MAX_TOKENS } },
        (item) => {
          if (item.type === 'token') first ??= performance.now() - t0;
        },
      ).done;
      if (!result.ok) {
        if (result.error.code === 'RATE_LIMITED') return 'refused';
        throw new Error(result.error.message);
      }
      if (first === undefined) throw new Error('no token');
      return first;
    };

    // Warm: the model loads once, outside the timings.
    await viaV1();
    const rssBefore = process.memoryUsage().rss;
    const v1 = await phase(() => viaV1);
    const ws = await phase((client) => viaWs(sockets[client]!));
    const rssAfter = process.memoryUsage().rss;

    const rows: BenchRow[] = [];
    for (const [name, result] of [
      ['/v1 (SSE)', v1],
      ['WebSocket', ws],
    ] as const) {
      rows.push(
        {
          metric: `${name} TTFT p50`,
          value: round(percentile(result.ttft, 50), 1),
          unit: 'ms',
          note: `${result.ttft.length} answers, ${CLIENTS} clients`,
        },
        { metric: `${name} TTFT p99`, value: round(percentile(result.ttft, 99), 1), unit: 'ms' },
        {
          metric: `${name} TTFT p50 with 429 waits`,
          value: round(percentile(result.waited, 50), 1),
          unit: 'ms',
          note: 'from the first try',
        },
        { metric: `${name} TTFT p99 with 429 waits`, value: round(percentile(result.waited, 99), 1), unit: 'ms' },
        { metric: `${name} answers/s`, value: round(result.ttft.length / result.seconds, 1), unit: 'answers/s' },
        { metric: `${name} 429 (slots busy), retried`, value: result.refused, unit: 'requests' },
        { metric: `${name} other errors`, value: result.failed, unit: 'requests' },
      );
    }
    rows.push(
      {
        metric: '/v1 TTFT p50 − WebSocket TTFT p50',
        value: round(percentile(v1.ttft, 50) - percentile(ws.ttft, 50), 1),
        unit: 'ms',
        note: 'HTTP + key check + SSE vs an open socket',
      },
      { metric: 'server RSS before', value: round(rssBefore / 2 ** 20, 1), unit: 'MiB', note: 'in-process server' },
      { metric: 'server RSS after', value: round(rssAfter / 2 ** 20, 1), unit: 'MiB' },
    );
    return {
      rows,
      meta: { clients: CLIENTS, rounds: ROUNDS, maxTokens: MAX_TOKENS, node: process.version, cpus: cpus().length },
    };
  } finally {
    for (const socket of sockets) await socket.close();
    await server.close();
    await core.dispose();
    await rm(work, { recursive: true, force: true });
  }
}

/** CLIENTS clients at once, each asking ROUNDS answers in turn; a refused one waits and asks again. */
async function phase(clientOf: (client: number) => () => Promise<number | 'refused'>): Promise<Phase> {
  const result: Phase = { ttft: [], waited: [], refused: 0, failed: 0, seconds: 0 };
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, client) => {
      const ask = clientOf(client);
      let firstTry = performance.now();
      for (let round = 0; round < ROUNDS;) {
        try {
          const tried = performance.now();
          const answer = await ask();
          if (answer === 'refused') {
            result.refused++;
            await new Promise((resolve) => setTimeout(resolve, RETRY_MS * (1 + Math.random())));
            continue;
          }
          result.ttft.push(answer);
          result.waited.push(tried - firstTry + answer);
        } catch (error) {
          result.failed++;
          if (result.failed === 1) console.error('gateway bench: first failed answer:', error);
        }
        round++;
        firstTry = performance.now();
      }
    }),
  );
  result.seconds = (performance.now() - started) / 1000;
  return result;
}
