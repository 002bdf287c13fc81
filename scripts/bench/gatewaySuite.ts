import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHeadlessServer } from '../../electron/server/createHeadlessServer';
import { createLexicalEmbeddingModel, createTinyLlamaModel } from '../../tests/fixtures/gguf/tinyLlama';
import { startTestCore } from '../../tests/helpers/tempCore';
import { searchLatency } from './gateway/searchLatency';
import { CLIENTS, MAX_TOKENS, ROUNDS, streamingClients } from './gateway/streamingClients';
import { watchThroughput } from './gateway/watchThroughput';
import type { BenchRow } from './stats';

/** Small Markdown documents the searches find (each mentions the orchard). */
const DOCUMENTS = 20;

/**
 * The gateway (issue 16) on one headless server in this process, on loopback, with the tiny generated chat model
 * and the lexical embedding model: CLIENTS concurrent streaming clients through `/v1` and the WebSocket contract
 * (TTFT, answers/s, 429s, other errors, RSS); the same search through gRPC and MCP over Streamable HTTP (latency
 * p50/p99); WatchLibrary events/s.
 */
export async function gatewaySuite(): Promise<{ rows: BenchRow[]; meta: Record<string, unknown> }> {
  const work = await mkdtemp(join(tmpdir(), 'hearth-bench-gateway-'));
  const core = await startTestCore(join(work, 'data'), { startSidecars: true });
  try {
    await core.services.storage.ready;
    const embed = await core.services.modelCatalog.importFile(
      (await createLexicalEmbeddingModel(join(work, 'lex.gguf'))).path,
    );
    await core.services.modelCatalog.setDefault('embedding', embed.id);
    const model = await core.services.modelCatalog.importFile(
      (await createTinyLlamaModel(join(work, 'chat.gguf'))).path,
    );
    await core.services.modelCatalog.setDefault('chat', model.id);
    const paths: string[] = [];
    for (let i = 0; i < DOCUMENTS; i++) {
      const path = join(work, `notes-${i}.md`);
      await writeFile(path, `# Notes ${i}\n\nThe orchard by the river has ${i + 2} apple trees and a pear.\n`);
      paths.push(path);
    }
    const batch = await core.services.library.ingest({ paths });
    if (batch.files.some((f) => f.stage !== 'indexed')) throw new Error('the bench documents did not all index');

    const server = await createHeadlessServer({ core, rendererDir: join(work, 'no-ui') });
    try {
      const unlimited = { requestsPerMinute: 1_000_000, concurrentStreams: CLIENTS };
      const chat = await core.services.apiKeys.create({ name: 'bench chat', scopes: ['chat'], limits: unlimited });
      const search = await core.services.apiKeys.create({
        name: 'bench search',
        scopes: ['search'],
        limits: unlimited,
      });
      const grpcAddress = server.grpcAddress ?? '';
      const rows = [
        ...(await searchLatency({ origin: server.origin, grpcAddress, key: search.secret })),
        ...(await watchThroughput({ events: core.services.events, grpcAddress, key: search.secret })),
        ...(await streamingClients({ server, modelId: model.id, secret: chat.secret })),
      ];
      return {
        rows,
        meta: {
          clients: CLIENTS,
          rounds: ROUNDS,
          maxTokens: MAX_TOKENS,
          documents: DOCUMENTS,
          node: process.version,
          cpus: cpus().length,
        },
      };
    } finally {
      await server.close();
    }
  } finally {
    await core.dispose();
    await rm(work, { recursive: true, force: true });
  }
}
