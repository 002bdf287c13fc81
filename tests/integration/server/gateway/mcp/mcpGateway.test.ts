import { spawn } from 'node:child_process';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HeadlessServer } from '../../../../../electron/server/createHeadlessServer';
import { createHeadlessServer } from '../../../../../electron/server/createHeadlessServer';
import { gatewayAddressPath, readGatewayAddress } from '../../../../../electron/server/gateway/mcp/gatewayAddressFile';
import { createLexicalEmbeddingModel, createTinyLlamaModel } from '../../../../fixtures/gguf/tinyLlama';
import type { TestCore } from '../../../../helpers/tempCore';
import { repoRoot, startTestCore, tempDir, waitFor } from '../../../../helpers/tempCore';

const GARDEN = [
  '# Garden notes',
  '',
  'The orchard has apple trees near the river.',
  '',
  '## Winter',
  '',
  'In winter the gardener wraps the young fig trees in straw.',
  '',
].join('\n');
const KITCHEN = '# Kitchen\n\nThe bread oven is lit on Saturdays.\n';
const TOOLS = ['ask', 'list_documents', 'read_passage', 'search_documents'];
const PROXY = join(repoRoot, 'electron/server/gateway/mcp/stdioProxy.ts');
const TSX = pathToFileURL(join(repoRoot, 'node_modules/tsx/dist/loader.mjs')).href;

let dir: Awaited<ReturnType<typeof tempDir>>;
let dataDir = '';
let core: TestCore;
let server: HeadlessServer;
let fullKey = '';
const clients: Client[] = [];

beforeAll(async () => {
  dir = await tempDir('hearth-mcp-');
  dataDir = join(dir.path, 'data');
  core = await startTestCore(dataDir, { startSidecars: true });
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
  fullKey = (await core.services.apiKeys.create({ name: 'mcp tests', scopes: ['chat', 'search'] })).secret;
}, 120_000);

afterAll(async () => {
  // Closing a stdio client ends its proxy process.
  await Promise.allSettled(clients.map((c) => c.close()));
  await server?.close();
  await core?.dispose();
  await dir?.remove();
});

async function httpClient(key: string | null): Promise<Client> {
  const client = new Client({ name: 'hearth-tests', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(`${server.origin}/mcp`), {
    ...(key ? { requestInit: { headers: { authorization: `Bearer ${key}` } } } : {}),
  });
  await client.connect(transport);
  clients.push(client);
  return client;
}

async function stdioClient(env: Record<string, string>): Promise<Client> {
  const client = new Client({ name: 'hearth-tests', version: '1.0.0' });
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: ['--import', TSX, PROXY, '--data-dir', dataDir],
    env: { PATH: process.env['PATH'] ?? '', ...env },
    stderr: 'pipe',
  });
  clients.push(client);
  await client.connect(transport);
  return client;
}

/** Runs the proxy alone and waits for it to exit: its code and what it told stderr. */
function runProxy(args: string[], env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', TSX, PROXY, ...args], {
      env: { PATH: process.env['PATH'] ?? '', ...env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

type Structured = Record<string, unknown> & {
  passages?: { chunkId: string; document: { name: string; uri: string }; location: string; text: string }[];
};
const structured = (result: unknown): Structured => {
  const r = result as CallToolResult;
  expect(r.isError ?? false, JSON.stringify(r.content)).toBe(false);
  // The text block is the same value as JSON, for clients that read only text.
  const first = r.content[0];
  expect(first?.type === 'text' ? JSON.parse(first.text) : null).toEqual(r.structuredContent);
  return r.structuredContent as Structured;
};
const errorText = (result: unknown): string => {
  const r = result as CallToolResult;
  expect(r.isError).toBe(true);
  const first = r.content[0];
  const text = first?.type === 'text' ? first.text : '';
  expect(text).not.toMatch(/stack|\/work\/|node_modules|hk_live_|at [A-Za-z]+ \(/);
  return text;
};

/** Every tool and the resources through one client, as any MCP client would use them. */
async function exerciseEverything(client: Client): Promise<void> {
  const { tools } = await client.listTools();
  expect(tools.map((t) => t.name).sort()).toEqual(TOOLS);
  expect(tools.find((t) => t.name === 'search_documents')?.inputSchema.properties).toHaveProperty('query');

  const search = structured(await client.callTool({ name: 'search_documents', arguments: { query: 'fig trees' } }));
  const best = search.passages![0]!;
  expect(best.document.name).toBe('garden.md');
  expect(best.text).toContain('wraps the young fig trees');
  expect(best.location).toContain('Winter');

  const passage = structured(await client.callTool({ name: 'read_passage', arguments: { chunkId: best.chunkId } }));
  expect(passage).toMatchObject({ chunkId: best.chunkId, document: { name: 'garden.md' } });
  expect(passage['text']).toContain('fig trees');

  const first = structured(
    await client.callTool({ name: 'list_documents', arguments: { limit: 1, sort: 'name', direction: 'asc' } }),
  );
  expect(first).toMatchObject({ total: 2, documents: [{ name: 'garden.md', status: 'indexed' }] });
  const second = structured(
    await client.callTool({
      name: 'list_documents',
      arguments: { limit: 1, sort: 'name', direction: 'asc', cursor: first['nextCursor'] },
    }),
  );
  expect(second).toMatchObject({ documents: [{ name: 'kitchen.md' }], nextCursor: null });

  const answer = structured(
    await client.callTool({
      name: 'ask',
      arguments: { question: 'How does the gardener protect the fig trees in winter?' },
    }),
  );
  expect(answer['grounded']).toBe(true);
  expect(String(answer['answer']).length).toBeGreaterThan(0);
  const cites = answer['citations'] as { n: number; document: { name: string }; snippet: string }[];
  expect(cites[0]).toMatchObject({ n: 1, document: { name: 'garden.md' } });
  expect(cites[0]?.snippet).toContain('fig trees');
  // The question leaves nothing in Hearth's history.
  expect(core.services.libraryCatalog.conversations.list()).toEqual([]);

  const { resources } = await client.listResources();
  expect(resources.map((r) => r.name)).toEqual(['garden.md', 'kitchen.md']);
  const garden = resources[0]!;
  expect(garden.uri).toMatch(/^hearth:\/\/documents\/[A-Za-z0-9-]+$/);
  const { resourceTemplates } = await client.listResourceTemplates();
  expect(resourceTemplates.map((t) => t.uriTemplate)).toEqual(['hearth://documents/{id}']);
  const read = await client.readResource({ uri: garden.uri });
  const [text, meta] = read.contents as { mimeType: string; text: string }[];
  expect(text).toMatchObject({ mimeType: 'text/plain' });
  expect(text?.text).toContain('wraps the young fig trees in straw');
  expect(JSON.parse(meta!.text)).toMatchObject({ name: 'garden.md', status: 'indexed', type: 'markdown' });
}

describe('MCP over Streamable HTTP at /mcp', () => {
  it('lists and calls every tool, lists and reads the document resources', async () => {
    await exerciseEverything(await httpClient(fullKey));
  });

  it('answers bad input and unknown things with a clear error, nothing of Hearth inside', async () => {
    const client = await httpClient(fullKey);
    const empty = errorText(await client.callTool({ name: 'search_documents', arguments: { query: '  ' } }));
    expect(empty).toContain('Type something to search for.');
    const missing = errorText(await client.callTool({ name: 'read_passage', arguments: { chunkId: 'no-such' } }));
    expect(missing.length).toBeGreaterThan(0);
    await expect(client.readResource({ uri: 'hearth://documents/nope' })).rejects.toThrow(/not in the library/);
    await expect(client.readResource({ uri: 'file:///etc/passwd' })).rejects.toThrow(/hearth:\/\/documents/);
  });

  it('refuses no key and a wrong key (401), a key with neither scope (403)', async () => {
    await expect(httpClient(null)).rejects.toThrow(/401|Authorization: Bearer/);
    await expect(httpClient('hk_live_not-a-real-key-at-all-0000')).rejects.toThrow(/not valid/);
    const ingest = (await core.services.apiKeys.create({ name: 'ingest only', scopes: ['ingest'] })).secret;
    await expect(httpClient(ingest)).rejects.toThrow(/insufficient_scope/);
    const raw = await fetch(`${server.origin}/mcp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/list' }),
    });
    expect(raw.status).toBe(401);
    expect(await raw.json()).toMatchObject({ error: { code: 'missing_api_key' } });
  });

  it('refuses each tool and the resources to a key without their scope, and audits each call', async () => {
    const searchKey = await core.services.apiKeys.create({ name: 'search only', scopes: ['search'] });
    const searchOnly = await httpClient(searchKey.secret);
    expect(errorText(await searchOnly.callTool({ name: 'ask', arguments: { question: 'figs?' } }))).toBe(
      'This API key does not have the "chat" scope needed for ask.',
    );
    await searchOnly.callTool({ name: 'search_documents', arguments: { query: 'bread' } });
    const calls = async () =>
      (await readFile(join(core.paths.audit, 'audit.jsonl'), 'utf8').catch(() => ''))
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { actor: string; data?: { requests?: { call?: string }[] } })
        .filter((e) => e.actor === `gateway:${searchKey.key.id}`)
        .flatMap((e) => e.data?.requests ?? [])
        .filter((r) => r.call);
    await waitFor('the MCP calls in the audit log', async () => (await calls()).length >= 2);
    expect(await calls()).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ route: '/mcp', call: 'ask', scope: 'chat', outcome: 'refused' }),
        expect.objectContaining({ route: '/mcp', call: 'search_documents', scope: 'search', outcome: 'ok' }),
      ]),
    );
    const chatOnly = await httpClient(
      (await core.services.apiKeys.create({ name: 'chat only', scopes: ['chat'] })).secret,
    );
    expect(errorText(await chatOnly.callTool({ name: 'search_documents', arguments: { query: 'figs' } }))).toContain(
      '"search" scope',
    );
    await expect(chatOnly.listResources()).rejects.toThrow(/"search" scope/);
  });
});

describe('the stdio proxy (hearth-mcp)', () => {
  it('finds the running Hearth through its data folder and forwards every tool and resource', async () => {
    await exerciseEverything(await stdioClient({ HEARTH_API_KEY: fullKey }));
  });

  it('reads its key from a file', async () => {
    const keyFile = join(dir.path, 'mcp.key');
    await writeFile(keyFile, `${fullKey}\n`, { mode: 0o600 });
    const client = await stdioClient({ HEARTH_API_KEY_FILE: keyFile });
    expect((await client.listTools()).tools).toHaveLength(TOOLS.length);
  });

  it('exits with a clear message when the key is refused or missing', async () => {
    const wrong = await runProxy(['--data-dir', dataDir], { HEARTH_API_KEY: 'hk_live_wrong-key-0000000000000' });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/^hearth-mcp: Hearth refused the API key: The API key is not valid/);
    const none = await runProxy(['--data-dir', dataDir], {});
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/^hearth-mcp: No API key\./);
  });

  it('exits with a clear message when Hearth is not running', async () => {
    const empty = await tempDir('hearth-mcp-none-');
    try {
      const result = await runProxy(['--data-dir', empty.path], { HEARTH_API_KEY: fullKey });
      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/^hearth-mcp: Hearth is not running on the data folder/);
      // A file left by a server that is gone: its address answers nothing.
      await mkdir(join(empty.path, 'run'));
      await writeFile(
        gatewayAddressPath(empty.path),
        JSON.stringify({ pid: process.pid, origin: 'http://127.0.0.1:1', mcpUrl: 'http://127.0.0.1:1/mcp' }),
      );
      const stale = await runProxy(['--data-dir', empty.path], { HEARTH_API_KEY: fullKey });
      expect(stale.code).toBe(1);
      expect(stale.stderr).toMatch(/^hearth-mcp: Hearth is not running at http:\/\/127\.0\.0\.1:1/);
    } finally {
      await empty.remove();
    }
  });
});

describe('the address file', () => {
  it('names the listening server, readable by this user only, and is removed when it closes', async () => {
    const path = gatewayAddressPath(dataDir);
    expect(await readGatewayAddress(dataDir)).toEqual({
      pid: process.pid,
      origin: server.origin,
      mcpUrl: `${server.origin}/mcp`,
    });
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    const second = await createHeadlessServer({ core, rendererDir: join(dir.path, 'no-ui') });
    expect((await readGatewayAddress(dataDir))?.origin).toBe(second.origin);
    await second.close();
    expect(await readGatewayAddress(dataDir)).toBeNull();
  });
});
