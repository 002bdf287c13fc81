import { PassThrough } from 'node:stream';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node.js';
import { LspClient } from '../../../../electron/core/lsp/LspClient';
import type { AuditRecord } from '../../../../electron/core/audit/AuditLog';
import type { Supervisor, SupervisedChild } from '../../../../electron/core/supervisor';
import { isHearthError } from '../../../../electron/shared/errors';

/** A server on in-memory streams: it initializes, answers `slow` never and `echo` at once. */
function fakeServer() {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const server = createMessageConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  server.onRequest('initialize', () => ({ capabilities: { experimental: { hearthExtensions: ['.ts'] } } }));
  server.onRequest('echo', (params: unknown) => params);
  server.onRequest('slow', () => new Promise(() => undefined));
  server.listen();
  const client = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  client.listen();
  const child = { connection: client, onStatus: () => ({ dispose: () => undefined }) } as unknown as SupervisedChild;
  const supervisor: Pick<Supervisor, 'start' | 'stop'> = {
    start: () => Promise.resolve(child),
    stop: () => Promise.resolve(),
  };
  return { supervisor, dispose: () => (server.dispose(), client.dispose()) };
}

describe('LspClient', () => {
  it('starts on first use, sends the workspace first, audits each request, and times out a silent one', async () => {
    const fake = fakeServer();
    const audit: AuditRecord[] = [];
    const order: string[] = [];
    const client = new LspClient({
      supervisor: fake.supervisor,
      node: { command: process.execPath },
      server: { entry: 'languageServer.mjs' },
      audit: { append: (r) => (audit.push(r), Promise.resolve({} as never)) },
      logger: pino({ level: 'silent' }),
      requestTimeoutMs: 200,
      onReady: async (send, extensions) => {
        order.push(`ready ${[...extensions].join(',')}`);
        await send('echo', { sync: true }, 'core');
      },
    });
    try {
      expect(await client.request('echo', { x: 1 }, 'agent')).toEqual({ x: 1 });
      expect(order).toEqual(['ready .ts']);
      const error = await client.request('slow', { y: 2 }, 'user:ipc').catch((e: unknown) => e);
      expect(isHearthError(error) && error.code).toBe('TIMEOUT');
      expect(audit.map((r) => [r.actor, r.action, r.data])).toEqual([
        // Audited when asked, before the start it triggers.
        ['agent', 'lsp.echo', { params: { x: 1 } }],
        ['core', 'lsp.initialize', { params: {} }],
        ['core', 'lsp.echo', { params: { sync: true } }],
        ['user:ipc', 'lsp.slow', { params: { y: 2 } }],
      ]);
    } finally {
      await client.dispose();
      fake.dispose();
    }
  });

  it('without a server script, answers that there is no code index', async () => {
    const client = new LspClient({
      supervisor: fakeServer().supervisor,
      node: { command: process.execPath },
      server: undefined,
      audit: { append: () => Promise.resolve({} as never) },
      logger: pino({ level: 'silent' }),
      onReady: () => Promise.resolve(),
    });
    const error = await client.request('echo', {}, 'agent').catch((e: unknown) => e);
    expect(isHearthError(error) && error.code).toBe('SIDECAR_DOWN');
  });
});
