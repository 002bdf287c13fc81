import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  credentials,
  loadPackageDefinition,
  Metadata,
  status,
  type CallOptions,
  type Client,
  type ClientReadableStream,
  type ServiceError,
} from '@grpc/grpc-js';
import { loadSync } from '@grpc/proto-loader';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HeadlessServer } from '../../../../../electron/server/createHeadlessServer';
import { createHeadlessServer } from '../../../../../electron/server/createHeadlessServer';
import { selfSignedCertificate } from '../../../../../electron/server/serverCertificate';
import { createLexicalEmbeddingModel, createTinyLlamaModel } from '../../../../fixtures/gguf/tinyLlama';
import type { TestCore } from '../../../../helpers/tempCore';
import { repoRoot, startTestCore, tempDir, waitFor } from '../../../../helpers/tempCore';

const GARDEN =
  '# Garden notes\n\nThe orchard has apple trees near the river.\n\n## Winter\n\nFig trees wrapped in straw.\n';
const KITCHEN = '# Kitchen\n\nThe bread oven is lit on Saturdays.\n';

/** The client as a gRPC user makes it: from the shipped .proto, nothing of Hearth's code. */
type Callback = (error: ServiceError | null, value: Record<string, unknown>) => void;
interface HearthClient extends Client {
  Search(request: object, metadata: Metadata, callback: Callback): void;
  Search(request: object, metadata: Metadata, options: CallOptions, callback: Callback): void;
  ListDocuments(request: object, metadata: Metadata, callback: Callback): void;
  Ask(request: object, metadata: Metadata): ClientReadableStream<Record<string, unknown>>;
  WatchLibrary(request: object, metadata: Metadata): ClientReadableStream<Record<string, unknown>>;
}
const definition = loadSync(join(repoRoot, 'resources/proto/hearth.proto'), {
  keepCase: false,
  longs: Number,
  enums: String,
  defaults: true,
  oneofs: true,
});
const Hearth = (
  loadPackageDefinition(definition) as unknown as {
    hearth: {
      v1: { Hearth: new (address: string, creds: ReturnType<typeof credentials.createInsecure>) => HearthClient };
    };
  }
).hearth.v1.Hearth;

let dir: Awaited<ReturnType<typeof tempDir>>;
let core: TestCore;
let server: HeadlessServer;
let client: HearthClient;
let fullKey = '';
let closed = false;

beforeAll(async () => {
  dir = await tempDir('hearth-grpc-');
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
  await writeFile(join(dir.path, 'garden.md'), GARDEN);
  await writeFile(join(dir.path, 'kitchen.md'), KITCHEN);
  const batch = await core.services.library.ingest({
    paths: [join(dir.path, 'garden.md'), join(dir.path, 'kitchen.md')],
  });
  expect(batch.files.map((f) => f.stage)).toEqual(['indexed', 'indexed']);
  server = await createHeadlessServer({ core, rendererDir: join(dir.path, 'no-ui') });
  client = new Hearth(server.grpcAddress ?? '', credentials.createInsecure());
  fullKey = (await core.services.apiKeys.create({ name: 'grpc tests', scopes: ['chat', 'search'] })).secret;
}, 120_000);

afterAll(async () => {
  client?.close();
  if (!closed) await server?.close();
  await core?.dispose();
  await dir?.remove();
});

const auth = (key: string | null) => {
  const metadata = new Metadata();
  if (key !== null) metadata.set('authorization', `Bearer ${key}`);
  return metadata;
};
const unary = (method: 'Search' | 'ListDocuments', request: object, key: string | null = fullKey) =>
  new Promise<Record<string, unknown>>((resolve, reject) =>
    client[method](request, auth(key), (error, value) => (error ? reject(error) : resolve(value))),
  );
const refusal = async (promise: Promise<unknown>): Promise<ServiceError> => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e as ServiceError,
  );
  expect(error, 'the call should have been refused').not.toBeNull();
  return error!;
};
/** Every message of a stream and how it ended. */
const drain = (stream: ClientReadableStream<Record<string, unknown>>) =>
  new Promise<{ messages: Record<string, unknown>[]; error: ServiceError | null }>((resolve) => {
    const messages: Record<string, unknown>[] = [];
    stream.on('data', (m: Record<string, unknown>) => messages.push(m));
    stream.on('error', (error: ServiceError) => resolve({ messages, error }));
    stream.on('end', () => resolve({ messages, error: null }));
  });
/** A WatchLibrary stream once the server says it is subscribed (its headers). */
const watch = async (key = fullKey) => {
  const stream = client.WatchLibrary({}, auth(key));
  const events: Record<string, unknown>[] = [];
  stream.on('data', (m: Record<string, unknown>) => events.push(m));
  const ended = drain(stream);
  await new Promise<void>((resolve, reject) => {
    stream.once('metadata', () => resolve());
    void ended.then(({ error }) => reject(error ?? new Error('the watch ended before its headers')));
  });
  return { stream, events, ended };
};

describe('gRPC gateway (hearth.proto)', () => {
  it('is announced beside the OpenAI base URL, on loopback', async () => {
    expect(server.grpcAddress).toMatch(/^127\.0\.0\.1:\d+$/);
  });

  it('Search finds passages of the library by words, with their documents and places', async () => {
    const result = await unary('Search', { query: 'orchard apple', mode: 'SEARCH_MODE_KEYWORD', topK: 5 });
    expect(result).toMatchObject({ query: 'orchard apple', mode: 'SEARCH_MODE_KEYWORD' });
    const passages = result['passages'] as { documentName: string; text: string; chunkId: string; score: number }[];
    expect(passages[0]).toMatchObject({ documentName: 'garden.md', text: expect.stringContaining('orchard') });
    expect(passages[0]?.chunkId).not.toBe('');
    expect(passages.some((p) => p.documentName === 'kitchen.md')).toBe(false);
  });

  it("a call is a span in the caller's trace (traceparent metadata), with the core's calls under it", async () => {
    const traceId = '5b8efff798038103d269b633813fc60c';
    const metadata = auth(fullKey);
    metadata.set('traceparent', `00-${traceId}-eee19b7ec3c1b174-01`);
    await new Promise((resolve, reject) =>
      client.Search({ query: 'anything', topK: 3 }, metadata, (error, value) =>
        error ? reject(error) : resolve(value),
      ),
    );
    const { spans } = await core.services.telemetry.recent();
    const call = spans.find((s) => s.traceId === traceId && s.name === 'gateway grpc Search');
    expect(call).toMatchObject({ parentSpanId: 'eee19b7ec3c1b174', attributes: { 'rpc.grpc.status_code': 0 } });
    expect(spans.some((s) => s.parentSpanId === call!.spanId && s.name === 'rpc library.search')).toBe(true);
  });

  it('Search with a bad request is INVALID_ARGUMENT with the reason', async () => {
    const error = await refusal(unary('Search', { query: '   ' }));
    expect(error.code).toBe(status.INVALID_ARGUMENT);
    expect(error.details).toMatch(/search/i);
  });

  it('ListDocuments pages through the library by token', async () => {
    const first = await unary('ListDocuments', { pageSize: 1 });
    expect(first).toMatchObject({ total: 2 });
    expect(first['documents']).toHaveLength(1);
    expect(first['nextPageToken']).not.toBe('');
    const second = await unary('ListDocuments', { pageSize: 1, pageToken: first['nextPageToken'] });
    expect(second['nextPageToken']).toBe('');
    const names = [first, second].flatMap((p) => (p['documents'] as { name: string }[]).map((d) => d.name));
    expect(names.sort()).toEqual(['garden.md', 'kitchen.md']);
    expect((second['documents'] as Record<string, unknown>[])[0]).toMatchObject({
      status: 'indexed',
      type: 'markdown',
      passages: expect.any(Number),
      updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
    });
  });

  it('Ask streams the answer token by token, then its citations, then done; no conversation is left', async () => {
    const before = core.services.libraryCatalog.conversations.list().length;
    const { messages, error } = await drain(client.Ask({ question: 'Where are the apple trees?' }, auth(fullKey)));
    expect(error).toBeNull();
    const kinds = messages.map((m) => m['event']);
    const firstCitations = kinds.indexOf('citations');
    expect(kinds.slice(0, firstCitations).every((k) => k === 'token')).toBe(true);
    expect(kinds.slice(firstCitations)).toEqual(['citations', 'done']);
    const tokens = messages.filter((m) => m['event'] === 'token').map((m) => m['token'] as string);
    expect(tokens.length).toBeGreaterThan(0);
    const done = messages.at(-1)?.['done'] as { answer: string; grounded: boolean };
    expect(done.answer).toBe(tokens.join(''));
    expect(done.grounded).toBe(true);
    const citations = (messages[firstCitations]?.['citations'] as { citations: { documentName: string }[] }).citations;
    expect(citations.map((c) => c.documentName)).toContain('garden.md');
    await waitFor('the ask conversation to be deleted', async () => {
      return core.services.libraryCatalog.conversations.list().length === before;
    });
  }, 60_000);

  it('WatchLibrary sees a document added and removed', async () => {
    const { stream, events, ended } = await watch();
    await writeFile(join(dir.path, 'shed.md'), '# Shed\n\nThe rake hangs by the door.\n');
    const batch = await core.services.library.ingest({ paths: [join(dir.path, 'shed.md')] });
    const id = batch.files[0]?.documentId ?? '';
    expect(id).not.toBe('');
    const seen = (kind: string) =>
      events.some(
        (e) =>
          (e['document'] as { kind: string; documentId: string } | undefined)?.kind === kind &&
          (e['document'] as { documentId: string }).documentId === id,
      );
    await waitFor('ADDED on the watch', () => seen('ADDED'));
    await core.services.library.delete(id);
    await waitFor('REMOVED on the watch', () => seen('REMOVED'));
    stream.cancel();
    expect((await ended).error?.code).toBe(status.CANCELLED);
  }, 60_000);

  it('WatchLibrary sends a large change whole, and ends a stream whose client does not keep up', async () => {
    const { events, ended } = await watch();
    const ids = Array.from({ length: 6_000 }, (_, i) => `doc-${i}`);
    core.services.events.emit('library.changed', { documentIds: ids, reason: 'deleted' });
    await waitFor('the whole change on the watch', () => events.length === ids.length);
    expect(events.at(-1)).toEqual({ event: 'document', document: { kind: 'REMOVED', documentId: 'doc-5999' } });
    // Emitted in one go, nothing is read meanwhile: past the unread limit the stream ends.
    for (const id of ids) core.services.events.emit('library.changed', { documentIds: [id], reason: 'updated' });
    const { error } = await ended;
    expect(error?.code).toBe(status.RESOURCE_EXHAUSTED);
    expect(error?.details).toMatch(/keep up/);
  }, 60_000);

  it('refuses no key, a wrong key and a revoked key (UNAUTHENTICATED) and a key without the scope (PERMISSION_DENIED)', async () => {
    expect((await refusal(unary('Search', { query: 'orchard' }, null))).code).toBe(status.UNAUTHENTICATED);
    expect((await refusal(unary('Search', { query: 'orchard' }, 'hearth_wrong'))).code).toBe(status.UNAUTHENTICATED);
    const revoked = await core.services.apiKeys.create({ name: 'revoked', scopes: ['search'] });
    await core.services.apiKeys.revoke(revoked.key.id);
    const gone = await refusal(unary('Search', { query: 'orchard' }, revoked.secret));
    expect(gone.code).toBe(status.UNAUTHENTICATED);
    expect(gone.details).toMatch(/not valid/);

    const searchOnly = (await core.services.apiKeys.create({ name: 'search only', scopes: ['search'] })).secret;
    const asked = await drain(client.Ask({ question: 'Where are the apple trees?' }, auth(searchOnly)));
    expect(asked.messages).toEqual([]);
    expect(asked.error?.code).toBe(status.PERMISSION_DENIED);
    expect(asked.error?.details).toContain('"chat" scope');
    const chatOnly = (await core.services.apiKeys.create({ name: 'chat only', scopes: ['chat'] })).secret;
    expect((await refusal(unary('ListDocuments', {}, chatOnly))).code).toBe(status.PERMISSION_DENIED);
    expect((await drain(client.WatchLibrary({}, auth(chatOnly)))).error?.code).toBe(status.PERMISSION_DENIED);
  });

  it("a key's requests a minute end in RESOURCE_EXHAUSTED with retry-after; its open streams too", async () => {
    const { secret } = await core.services.apiKeys.create({
      name: 'limited',
      scopes: ['search'],
      limits: { requestsPerMinute: 3, concurrentStreams: 1 },
    });
    await unary('Search', { query: 'orchard' }, secret);
    const open = await watch(secret);
    const second = await drain(client.WatchLibrary({}, auth(secret)));
    expect(second.error?.code).toBe(status.RESOURCE_EXHAUSTED);
    expect(second.error?.details).toMatch(/streams/);
    const limited = await refusal(unary('Search', { query: 'orchard' }, secret));
    expect(limited.code).toBe(status.RESOURCE_EXHAUSTED);
    expect(Number(limited.metadata.get('retry-after')[0])).toBeGreaterThanOrEqual(1);
    expect(Number(limited.metadata.get('grpc-retry-pushback-ms')[0])).toBeGreaterThan(0);
    open.stream.cancel();
    await open.ended;
    // Another key is not affected.
    await expect(unary('Search', { query: 'orchard' })).resolves.toMatchObject({ query: 'orchard' });
  });

  it('audits every call with the key id, scope, method and outcome, never the key', async () => {
    const { key, secret } = await core.services.apiKeys.create({ name: 'audited', scopes: ['search'] });
    await unary('Search', { query: 'orchard' }, secret);
    await refusal(unary('Search', { query: 'orchard' }, 'hearth_wrong'));
    const entries = async () =>
      (await readFile(join(core.paths.audit, 'audit.jsonl'), 'utf8').catch(() => ''))
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { actor: string; data?: { requests?: unknown[] } });
    await waitFor('the gateway audit batch', async () =>
      (await entries()).some((e) => e.actor === `gateway:${key.id}`),
    );
    const all = await entries();
    expect(all.find((e) => e.actor === `gateway:${key.id}`)?.data?.requests).toContainEqual(
      expect.objectContaining({ method: 'GRPC', call: 'Search', scope: 'search', outcome: 'ok', status: status.OK }),
    );
    expect(all.filter((e) => e.actor === 'gateway:no-key').flatMap((e) => e.data?.requests ?? [])).toContainEqual(
      expect.objectContaining({ method: 'GRPC', call: 'Search', outcome: 'refused', status: status.UNAUTHENTICATED }),
    );
    expect(await readFile(join(core.paths.audit, 'audit.jsonl'), 'utf8')).not.toContain(secret);
  });

  it("speaks TLS with the HTTP server's certificate: a client trusting it is served, a plain-text one is not", async () => {
    const tls = await selfSignedCertificate(join(dir.path, 'tls'), ['127.0.0.1', 'localhost']);
    const secure = await createHeadlessServer({ core, rendererDir: join(dir.path, 'no-ui'), tls });
    const address = secure.grpcAddress ?? '';
    const trusting = new Hearth(address, credentials.createSsl(Buffer.from(tls.cert)));
    const plain = new Hearth(address, credentials.createInsecure());
    try {
      const search = (c: HearthClient) =>
        new Promise<{ error: ServiceError | null; value?: Record<string, unknown> }>((resolve) =>
          c.Search({ query: 'orchard' }, auth(fullKey), { deadline: Date.now() + 5_000 }, (error, value) =>
            resolve({ error, value }),
          ),
        );
      const served = await search(trusting);
      expect(served.error).toBeNull();
      expect(served.value).toMatchObject({ query: 'orchard' });
      expect((await search(plain)).error?.code).toBe(status.UNAVAILABLE);
    } finally {
      trusting.close();
      plain.close();
      await secure.close();
    }
  });

  it('closing the server ends open streams and frees the port', async () => {
    const { ended } = await watch();
    const address = server.grpcAddress ?? '';
    closed = true;
    await server.close();
    expect((await ended).error).toBeNull();
    const again = new Hearth(address, credentials.createInsecure());
    const error = await new Promise<ServiceError | null>((resolve) =>
      again.Search({ query: 'orchard' }, auth(fullKey), { deadline: Date.now() + 2_000 }, (e: ServiceError | null) =>
        resolve(e),
      ),
    );
    again.close();
    expect(error?.code).toBe(status.UNAVAILABLE);
  });
});
