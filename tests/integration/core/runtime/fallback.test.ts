import { rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { RemoteEndpoint } from '../../../../electron/core/runtime/RuntimeService';
import { createTinyLlamaModel } from '../../../fixtures/gguf/tinyLlama';
import { recorder, rejection, scratchDir, startRuntime, type TestRuntime } from './runtimeHarness';

/*
 * The fallback chain on real models and a real HTTP server: a local OpenAI-compatible stand-in (node:http, SSE
 * streaming, /v1/embeddings) plays the remote endpoint.
 */

interface Seen {
  path: string;
  authorization: string | undefined;
  body: Record<string, unknown>;
}

const REMOTE_WORDS = ['Hello', ' from', ' the', ' remote', ' server', '.'];
const API_KEY = 'sk-test-not-a-real-key';

let dir: Awaited<ReturnType<typeof scratchDir>>;
let server: Server;
let baseUrl: string;
const seen: Seen[] = [];
let rt: TestRuntime;
let endpoint: RemoteEndpoint | null;
let chatModels: string[];

async function readJson(request: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
}

beforeAll(async () => {
  dir = await scratchDir('hearth-fallback-');
  await createTinyLlamaModel(join(dir.path, 'primary.gguf'), { chatTemplate: 'chatml', name: 'primary-model' });
  await createTinyLlamaModel(join(dir.path, 'backup.gguf'), { chatTemplate: 'chatml', seed: 3, name: 'backup-model' });

  server = createServer((request, response) => {
    void readJson(request).then((body) => {
      seen.push({ path: request.url ?? '', authorization: request.headers.authorization, body });
      if (request.url === '/v1/chat/completions') {
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        for (const word of REMOTE_WORDS) {
          response.write(`data: ${JSON.stringify({ choices: [{ index: 0, delta: { content: word } }] })}\n\n`);
        }
        response.write(`data: ${JSON.stringify({ choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n`);
        response.write(
          `data: ${JSON.stringify({ choices: [], usage: { prompt_tokens: 12, completion_tokens: 6 } })}\n\n`,
        );
        response.end('data: [DONE]\n\n');
      } else if (request.url === '/v1/embeddings') {
        const input = body.input as string[];
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(
          JSON.stringify({
            data: input.map((text, index) => ({ index, embedding: [text.length, 3, 4] })),
            usage: { prompt_tokens: input.length },
          }),
        );
      } else {
        response.writeHead(404).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  rt = await startRuntime(dir.path, {
    models: () => ({ chat: chatModels, embedding: ['missing-embedder'] }),
    remote: () => endpoint,
  });
});

beforeEach(() => {
  seen.length = 0;
  chatModels = ['primary', 'backup'];
  endpoint = {
    baseUrl,
    chatModel: 'remote-chat',
    embeddingModel: 'remote-embed',
    name: 'test server',
    apiKey: async () => API_KEY,
  };
});

afterAll(async () => {
  await rt?.dispose();
  await new Promise((resolve) => server?.close(resolve));
  await dir?.remove();
});

describe('fallback chain', () => {
  it('the primary answers when it can, and the configured endpoint is not contacted', async () => {
    const rec = recorder();
    const result = await rt.runtime.chat({ sessionId: 'p', message: 'hi', maxTokens: 4 }, { onEvent: rec.onEvent });
    expect(result.model).toEqual({ source: 'local', modelId: 'primary', name: 'primary-model' });
    expect(rec.events[0]).toMatchObject({ type: 'model', modelId: 'primary', skipped: [] });
    expect(seen).toEqual([]);
  });

  it('when the primary model file is deleted, the next local model answers and the first event names it', async () => {
    await rm(join(dir.path, 'primary.gguf'));
    const rec = recorder();
    const result = await rt.runtime.chat({ sessionId: 'q', message: 'hi', maxTokens: 4 }, { onEvent: rec.onEvent });
    expect(rec.events[0]).toEqual({
      type: 'model',
      source: 'local',
      modelId: 'backup',
      name: 'backup-model',
      skipped: [
        {
          source: 'local',
          modelId: 'primary',
          error: expect.objectContaining({ code: 'MODEL_UNAVAILABLE' }) as unknown,
        },
      ],
    });
    expect(result.model.name).toBe('backup-model');
    expect(seen).toEqual([]);
  });

  it('when no local model can answer, the OpenAI-compatible endpoint streams the reply over SSE', async () => {
    chatModels = ['gone-1', 'gone-2'];
    const rec = recorder();
    const result = await rt.runtime.chat(
      { sessionId: 'r', message: 'hello remote', maxTokens: 32, temperature: 0.2, systemPrompt: 'Be terse.' },
      { onEvent: rec.onEvent },
    );
    expect(rec.events[0]).toMatchObject({
      type: 'model',
      source: 'remote',
      modelId: 'remote-chat',
      name: 'remote-chat (test server)',
    });
    expect((rec.events[0] as { skipped: unknown[] }).skipped).toHaveLength(2);
    expect(rec.events.slice(1).map((e) => (e.type === 'delta' ? e.text : ''))).toEqual(REMOTE_WORDS);
    expect(result.text).toBe(REMOTE_WORDS.join(''));
    expect(result.usage.completionTokens).toBe(6);

    expect(seen).toHaveLength(1);
    expect(seen[0]!.path).toBe('/v1/chat/completions');
    expect(seen[0]!.authorization).toBe(`Bearer ${API_KEY}`);
    expect(seen[0]!.body).toMatchObject({
      model: 'remote-chat',
      stream: true,
      max_tokens: 32,
      temperature: 0.2,
      messages: [
        { role: 'system', content: 'Be terse.' },
        { role: 'user', content: 'hello remote' },
      ],
    });
  });

  it('embeddings fall back to the endpoint too, normalised', async () => {
    const result = await rt.runtime.embed(['abcd', 'ab']);
    expect(result.model).toEqual({ source: 'remote', modelId: 'remote-embed', name: 'remote-embed (test server)' });
    expect(result.vectors[0]).toEqual([4 / Math.sqrt(41), 3 / Math.sqrt(41), 4 / Math.sqrt(41)]);
    for (const vector of result.vectors) expect(Math.abs(Math.hypot(...vector) - 1)).toBeLessThan(1e-9);
    expect(seen.map((s) => s.path)).toEqual(['/v1/embeddings']);
  });

  it('without a configured endpoint nothing remote is tried: the local failure is the answer', async () => {
    chatModels = ['gone'];
    endpoint = null;
    const error = await rejection(rt.runtime.chat({ sessionId: 's', message: 'hi' }));
    expect(error.code).toBe('MODEL_UNAVAILABLE');
    expect(seen).toEqual([]);
  });

  it('an unreachable endpoint ends the chain with one error that names every source', async () => {
    chatModels = ['gone'];
    endpoint = { baseUrl: 'http://127.0.0.1:9/v1', chatModel: 'nowhere' };
    const error = await rejection(rt.runtime.chat({ sessionId: 't', message: 'hi' }));
    expect(error.code).toBe('MODEL_UNAVAILABLE');
    expect(error.message).toMatch(
      /No model could answer\. gone: .* nowhere: Could not reach nowhere \(127\.0\.0\.1:9\)/,
    );
  });
});

describe('fallback on OUT_OF_MEMORY', () => {
  it('a local model that cannot get its context in memory falls back to the endpoint', async () => {
    await createTinyLlamaModel(join(dir.path, 'deep.gguf'), { nEmbd: 256, nLayer: 32, nFf: 256 });
    const { totalmem } = await import('node:os');
    const huge = await startRuntime(dir.path, {
      contextSize: Math.ceil((4 * totalmem()) / (2 * 32 * 1024)),
      models: () => ({ chat: ['deep'], embedding: [] }),
      remote: () => endpoint,
    });
    try {
      const rec = recorder();
      const result = await huge.runtime.chat({ sessionId: 'u', message: 'hi' }, { onEvent: rec.onEvent });
      expect(result.model.source).toBe('remote');
      expect(rec.events[0]).toMatchObject({
        type: 'model',
        source: 'remote',
        skipped: [{ modelId: 'deep', error: { code: 'OUT_OF_MEMORY' } }],
      });
    } finally {
      await huge.dispose();
    }
  });
});
