import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { ChromaAuthProxy } from '../../../../electron/core/vectors/ChromaAuthProxy';

const TOKEN = 'per-run-secret-for-the-test';
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A stand-in for Chroma that echoes what reached it. */
async function upstream(): Promise<{ port: number; seen: IncomingHttpHeaders[] }> {
  const seen: IncomingHttpHeaders[] = [];
  const server: Server = createServer((request, response) => {
    seen.push(request.headers);
    let body = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (body += chunk));
    request.on('end', () => {
      response.writeHead(201, { 'content-type': 'application/json', 'x-upstream': 'yes' });
      response.end(JSON.stringify({ method: request.method, url: request.url, body }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
  return { port: (server.address() as AddressInfo).port, seen };
}

async function proxyTo(port: number): Promise<ChromaAuthProxy> {
  const proxy = await ChromaAuthProxy.start({ target: { host: '127.0.0.1', port }, token: TOKEN });
  cleanups.push(() => proxy.close());
  return proxy;
}

describe('ChromaAuthProxy', () => {
  it('relays an authorised request (method, path, body, status, headers) without passing the secret on', async () => {
    const chroma = await upstream();
    const proxy = await proxyTo(chroma.port);
    const response = await fetch(`${proxy.url}/api/v2/things?x=1`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: '{"a":1}',
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-upstream')).toBe('yes');
    expect(await response.json()).toEqual({ method: 'POST', url: '/api/v2/things?x=1', body: '{"a":1}' });
    expect(chroma.seen[0]?.authorization).toBeUndefined();
    expect(chroma.seen[0]?.host).toBe(`127.0.0.1:${chroma.port}`);
  });

  it('answers 401 without the secret, with a wrong one, or with one that is only a prefix', async () => {
    const chroma = await upstream();
    const proxy = await proxyTo(chroma.port);
    for (const authorization of [undefined, 'Bearer wrong', `Bearer ${TOKEN.slice(0, -1)}`, `Basic ${TOKEN}`]) {
      const response = await fetch(`${proxy.url}/api/v2/heartbeat`, {
        headers: authorization ? { Authorization: authorization } : {},
      });
      expect(response.status, String(authorization)).toBe(401);
    }
    expect(chroma.seen).toHaveLength(0);
  });

  it('drops the connection when Chroma is not answering, so the client sees the sidecar as down', async () => {
    const chroma = await upstream();
    const proxy = await proxyTo(chroma.port);
    await cleanups.shift()!(); // closes the upstream
    const error = await fetch(`${proxy.url}/api/v2/heartbeat`, {
      headers: { Authorization: `Bearer ${TOKEN}` },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(String((error as Error).message)).toMatch(/fetch failed/);
  });
});
