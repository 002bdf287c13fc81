import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import OpenAI from 'openai';
import { Stream } from 'openai/streaming';
import type { ChatCompletionCreateParamsNonStreaming } from 'openai/resources/chat/completions';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HeadlessServer } from '../../../../../electron/server/createHeadlessServer';
import { createHeadlessServer } from '../../../../../electron/server/createHeadlessServer';
import type { Citation } from '../../../../../electron/shared/answerSchemas';
import { createLexicalEmbeddingModel, createTinyLlamaModel } from '../../../../fixtures/gguf/tinyLlama';
import type { TestCore } from '../../../../helpers/tempCore';
import { startTestCore, tempDir, waitFor } from '../../../../helpers/tempCore';

const NOTES = [
  '# Garden notes',
  '',
  'The orchard has apple trees near the river.',
  '',
  '## Winter',
  '',
  'In winter the gardener wraps the young fig trees in straw.',
  '',
].join('\n');

type HearthField = { hearth?: { citations: Citation[]; grounded: boolean } };

let dir: Awaited<ReturnType<typeof tempDir>>;
let core: TestCore;
let server: HeadlessServer;
let client: OpenAI;
let chatOnly: OpenAI;
let chatId = '';
let embedId = '';

const clientFor = (apiKey: string) => new OpenAI({ baseURL: `${server.origin}/v1`, apiKey, maxRetries: 0 });
const hello = (
  extra: Partial<ChatCompletionCreateParamsNonStreaming> = {},
): ChatCompletionCreateParamsNonStreaming => ({
  model: chatId,
  messages: [
    { role: 'system', content: 'You answer briefly.' },
    { role: 'user', content: 'hello' },
    { role: 'assistant', content: 'hello there' },
    { role: 'user', content: 'tell me about the orchard' },
  ],
  temperature: 0,
  max_tokens: 12,
  ...extra,
});

beforeAll(async () => {
  dir = await tempDir('hearth-openai-');
  core = await startTestCore(join(dir.path, 'data'), { startSidecars: true });
  await core.services.storage.ready;
  await core.services.settings.update({ answers: { maxTokens: 16 } });
  const embed = await core.services.modelCatalog.importFile(
    (await createLexicalEmbeddingModel(join(dir.path, 'lex.gguf'))).path,
  );
  await core.services.modelCatalog.setDefault('embedding', embed.id);
  const chat = await core.services.modelCatalog.importFile(
    (await createTinyLlamaModel(join(dir.path, 'chat.gguf'))).path,
  );
  await core.services.modelCatalog.setDefault('chat', chat.id);
  chatId = chat.id;
  embedId = embed.id;
  await writeFile(join(dir.path, 'garden.md'), NOTES);
  const batch = await core.services.library.ingest({ paths: [join(dir.path, 'garden.md')] });
  expect(batch.files.map((f) => f.stage)).toEqual(['indexed']);
  server = await createHeadlessServer({ core, rendererDir: join(dir.path, 'no-ui') });
  const full = await core.services.apiKeys.create({ name: 'tests', scopes: ['chat', 'search'] });
  const chatKey = await core.services.apiKeys.create({ name: 'chat only', scopes: ['chat'] });
  client = clientFor(full.secret);
  chatOnly = clientFor(chatKey.secret);
}, 120_000);

afterAll(async () => {
  await server?.close();
  await core?.dispose();
  await dir?.remove();
});

describe('GET /v1/models', () => {
  it('lists the installed chat and embedding models, marking the defaults', async () => {
    const models = [];
    for await (const model of client.models.list()) models.push(model);
    expect(models.map((m) => m.id).sort()).toEqual([chatId, embedId].sort());
    const chat = models.find((m) => m.id === chatId) as unknown as { owned_by: string; hearth: unknown };
    expect(chat).toMatchObject({ object: 'model', owned_by: 'hearth', hearth: { kind: 'chat', default: true } });
  });
});

describe('POST /v1/chat/completions', () => {
  let greedy = '';

  it('answers a whole conversation with usage counts from the runtime, cut at max_tokens', async () => {
    const completion = await client.chat.completions.create(hello());
    expect(completion).toMatchObject({ object: 'chat.completion', model: chatId });
    const [choice] = completion.choices;
    expect(choice).toMatchObject({ index: 0, finish_reason: 'length', message: { role: 'assistant' } });
    greedy = choice!.message.content ?? '';
    expect(greedy.length).toBeGreaterThan(0);
    expect(completion.usage?.completion_tokens).toBe(12);
    // The system prompt and all three turns are in the prompt, so it holds more tokens than the last message alone.
    expect(completion.usage?.prompt_tokens).toBeGreaterThan(10);
    expect(completion.usage?.total_tokens).toBe(completion.usage!.prompt_tokens + 12);
    // Nothing of it is kept: the next identical request gives the same greedy answer.
    const again = await client.chat.completions.create(hello());
    expect(again.choices[0]?.message.content).toBe(greedy);
  });

  it('streams the same answer as deltas, then the finish reason, then usage when asked', async () => {
    const stream = await client.chat.completions.create({
      ...hello(),
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks[0]?.choices[0]?.delta.role).toBe('assistant');
    const text = chunks.map((c) => c.choices[0]?.delta.content ?? '').join('');
    expect(text).toBe(greedy);
    expect(chunks.filter((c) => c.choices[0]?.delta.content).length).toBeGreaterThan(1);
    const finish = chunks.find((c) => c.choices[0]?.finish_reason);
    expect(finish?.choices[0]?.finish_reason).toBe('length');
    const last = chunks.at(-1)!;
    expect(last.choices).toEqual([]);
    expect(last.usage).toMatchObject({ completion_tokens: 12 });
    expect(new Set(chunks.map((c) => c.id)).size).toBe(1);
  });

  it('ends at a stop sequence, without it, with finish_reason stop', async () => {
    // Seeded sampling varies the words (greedy repeats one) and gives the same tokens again up to the stop.
    const sampled = { temperature: 1, seed: 7, max_tokens: 12 };
    const full = (await client.chat.completions.create(hello(sampled))).choices[0]?.message.content ?? '';
    const stop = full.split(/\s+/).find((w) => w.length >= 3 && full.indexOf(w) > 0);
    expect(stop, `no usable word in ${JSON.stringify(full)}`).toBeTruthy();
    const completion = await client.chat.completions.create(hello({ ...sampled, stop: [stop!] }));
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(completion.choices[0]?.message.content).toBe(full.slice(0, full.indexOf(stop!)));
  });

  it('takes a model by its display name, and the default for "default"', async () => {
    const byName = await client.chat.completions.create(hello({ model: 'hearth-tiny-llama' }));
    expect(byName.model).toBe(chatId);
    const byDefault = await client.chat.completions.create(hello({ model: 'default' }));
    expect(byDefault.choices[0]?.message.content).toBe(greedy);
  });

  it('answers an unknown model with 404 model_not_found in OpenAI’s error shape', async () => {
    const error = await client.chat.completions.create(hello({ model: 'gpt-9' })).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect(error).toMatchObject({
      status: 404,
      code: 'model_not_found',
      param: 'model',
      type: 'invalid_request_error',
    });
    expect((error as Error).message).toContain('gpt-9');
  });

  it('refuses invalid bodies with 400 naming the field, and an embedding model for chat', async () => {
    const empty = await client.chat.completions.create(hello({ messages: [] })).catch((e: unknown) => e);
    expect(empty).toBeInstanceOf(OpenAI.BadRequestError);
    expect(empty).toMatchObject({ status: 400, param: 'messages', type: 'invalid_request_error' });
    const hot = await client.chat.completions.create(hello({ temperature: 7 })).catch((e: unknown) => e);
    expect(hot).toMatchObject({ status: 400, param: 'temperature' });
    const embedding = await client.chat.completions.create(hello({ model: embedId })).catch((e: unknown) => e);
    expect(embedding).toMatchObject({ status: 400, param: 'model' });
    const raw = await fetch(`${server.origin}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${client.apiKey}`, 'content-type': 'application/json' },
      body: '{"messages": [',
    });
    expect(raw.status).toBe(400);
    expect(await raw.json()).toMatchObject({ error: { type: 'invalid_request_error', message: expect.any(String) } });
  });

  it('cancels the generation in the core when the client goes away mid-stream', async () => {
    const outcomes: string[] = [];
    const runtime = core.services.runtime;
    const chat = runtime.chat.bind(runtime);
    runtime.chat = (request, options) => {
      const running = chat(request, options);
      running.then(
        (r) => outcomes.push(r.stopReason),
        (e: { code?: string }) => outcomes.push(e.code ?? 'failed'),
      );
      return running;
    };
    try {
      const stream = await client.chat.completions.create({ ...hello(), max_tokens: 4_000, stream: true });
      for await (const chunk of stream) {
        if (chunk.choices[0]?.delta.content) break; // leaving the loop aborts the request
      }
      await waitFor('the generation to end', () => outcomes.length === 1);
      expect(outcomes).toEqual(['CANCELLED']);
      await waitFor('no stream left open in the core', () => core.services.dispatcher.activeStreams === 0);
    } finally {
      runtime.chat = chat;
    }
  });
});

describe('limits and unknown paths', () => {
  it('refuses a stream beyond the key’s open streams with 429 too_many_streams, in OpenAI’s shape', async () => {
    const limited = await core.services.apiKeys.create({
      name: 'one stream',
      scopes: ['chat'],
      limits: { concurrentStreams: 1 },
    });
    const one = clientFor(limited.secret);
    const first = await one.chat.completions.create({ ...hello(), max_tokens: 4_000, stream: true });
    const second = await one.chat.completions.create({ ...hello(), stream: true }).catch((e: unknown) => e);
    first.controller.abort();
    if (second instanceof Stream) second.controller.abort();
    expect(second).toBeInstanceOf(OpenAI.RateLimitError);
    expect(second).toMatchObject({ status: 429, code: 'too_many_streams', type: 'rate_limit_error' });
    await waitFor('the first stream to end in the core', () => core.services.dispatcher.activeStreams === 0);
  });

  it('answers a path it does not serve with 404 in OpenAI’s shape', async () => {
    const response = await fetch(`${server.origin}/v1/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${client.apiKey}`, 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({
      error: {
        message: expect.stringContaining('/v1/completions'),
        type: 'invalid_request_error',
        param: null,
        code: 'unknown_url',
      },
    });
  });
});

describe('grounded answers (the hearth.library extension)', () => {
  const ask = {
    model: 'default',
    messages: [{ role: 'user' as const, content: 'How does the gardener protect the fig trees in winter?' }],
    hearth: { library: {} },
  };

  it('answers from the library with citations in hearth.citations, keeping no conversation', async () => {
    const completion = (await client.chat.completions.create(
      ask as ChatCompletionCreateParamsNonStreaming,
    )) as OpenAI.ChatCompletion & HearthField;
    expect(completion.choices[0]?.finish_reason).toBe('stop');
    expect(completion.hearth?.grounded).toBe(true);
    const cite = completion.hearth!.citations[0]!;
    expect(cite).toMatchObject({ n: 1, documentName: 'garden.md', headingPath: ['Garden notes', 'Winter'] });
    expect(cite.snippet).toContain('fig trees');
    expect(core.services.libraryCatalog.conversations.list()).toEqual([]);
  });

  it('streams a grounded answer whose finishing chunk carries the citations', async () => {
    const stream = await client.chat.completions.create({ ...ask, stream: true } as never);
    const chunks: Array<OpenAI.ChatCompletionChunk & HearthField> = [];
    for await (const chunk of stream as unknown as AsyncIterable<OpenAI.ChatCompletionChunk>) chunks.push(chunk);
    const finish = chunks.find((c) => c.choices[0]?.finish_reason === 'stop');
    expect(finish?.hearth?.citations[0]).toMatchObject({ documentName: 'garden.md' });
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('').length).toBeGreaterThan(0);
  });
});

describe('POST /v1/embeddings', () => {
  it('embeds a string and an array as floats or base64 float32, with the default or a named model', async () => {
    const floats = await client.embeddings.create({
      model: embedId,
      input: ['apple trees', 'fig trees in straw'],
      encoding_format: 'float',
    });
    expect(floats).toMatchObject({ object: 'list', model: embedId });
    expect(floats.data.map((d) => d.index)).toEqual([0, 1]);
    const vector = floats.data[0]!.embedding;
    expect(vector.length).toBe(256);
    expect(Math.hypot(...vector)).toBeCloseTo(1, 5);
    expect(floats.usage.prompt_tokens).toBeGreaterThan(0);

    const encoded = await client.embeddings.create({
      model: 'default',
      input: 'apple trees',
      encoding_format: 'base64',
    });
    const text = encoded.data[0]!.embedding as unknown as string;
    expect(typeof text).toBe('string');
    const bytes = Buffer.from(text, 'base64');
    const decoded = [...new Float32Array(bytes.buffer, bytes.byteOffset, bytes.length / 4)];
    expect(decoded).toEqual(vector.map((v) => Math.fround(v)));
  });

  it('needs the search scope, which is enough to name the model', async () => {
    const error = await chatOnly.embeddings.create({ model: 'default', input: 'apple' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect(error).toMatchObject({ status: 403, code: 'insufficient_scope' });
    const searchKey = await core.services.apiKeys.create({ name: 'search only', scopes: ['search'] });
    const named = await clientFor(searchKey.secret).embeddings.create({
      model: 'hearth-lexical-embedding',
      input: 'apple',
    });
    expect(named.model).toBe(embedId);
  });
});
