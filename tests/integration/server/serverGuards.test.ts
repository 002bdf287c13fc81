import { request as httpRequest } from 'node:http';
import { networkInterfaces } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { HeadlessServer } from '../../../electron/server/createHeadlessServer';
import { createHeadlessServer } from '../../../electron/server/createHeadlessServer';
import { SIGNED_OUT_CLOSE_CODE } from '../../../electron/server/SessionAuth';
import type { TestCore } from '../../helpers/tempCore';
import { startTestCore, tempDir, waitFor } from '../../helpers/tempCore';
import { connect, signIn, upgradeStatus } from '../../helpers/wsClient';

/*
 * The headless shell beyond its happy path (issue 14, findings 5, 6, 7, 12): who may reach it under which name,
 * what a cross-site page gets, how much a client that stops reading costs, how much one browser may park in staging,
 * and signing every browser out.
 */

let dir: Awaited<ReturnType<typeof tempDir>>;
let core: TestCore;
let server: HeadlessServer;
let cookie: string;

beforeAll(async () => {
  dir = await tempDir('hearth-guards-');
  core = await startTestCore(dir.path);
  server = await createHeadlessServer({
    core,
    rendererDir: `${dir.path}/no-ui`,
    uploads: { modelMaxBytes: 4096, localSessionQuotaBytes: 10_000 },
  });
  cookie = await signIn(server.signInUrl());
});

afterAll(async () => {
  await server?.close();
  await core?.dispose();
  await dir?.remove();
});

/** A raw HTTP request, so that Host can be anything (fetch sets it from the URL). */
function send(
  path: string,
  headers: Record<string, string>,
  method = 'GET',
  body?: Buffer,
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      { host: '127.0.0.1', port: server.port, path, method, headers: { host: `127.0.0.1:${server.port}`, ...headers } },
      (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const ROUTES: [string, string][] = [
  ['GET', '/'],
  ['GET', '/api/health'],
  ['GET', '/api/ws'],
  ['PUT', '/api/uploads?name=a.txt'],
  ['GET', '/api/originals/doc-1'],
];

describe('a non-loopback bind', () => {
  const external = () =>
    Object.values(networkInterfaces())
      .flat()
      .find((i) => i && !i.internal && i.family === 'IPv4')?.address;

  it.each(['0.0.0.0', 'external'])('on %s is refused without TLS or --insecure-no-tls', async (which) => {
    const host = which === 'external' ? external() : which;
    if (!host) throw new Error('this test needs a network interface with an IPv4 address besides loopback');
    await expect(createHeadlessServer({ core, rendererDir: dir.path, host })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/will not serve .* over plain HTTP.*--tls-self-signed.*--insecure-no-tls/s),
    });
  });
});

describe('Host allow-list and Sec-Fetch-Site', () => {
  it.each(ROUTES)('%s %s answers 421 to a Host this server is not', async (method, path) => {
    for (const host of ['evil.example', `evil.example:${server.port}`, `127.0.0.1:${server.port + 1}`]) {
      const response = await send(path, { host, cookie, 'content-type': 'application/octet-stream' }, method);
      expect(response.status, host).toBe(421);
      expect(JSON.parse(response.body)).toMatchObject({ code: 'PERMISSION_DENIED' });
    }
  });

  it('accepts the loopback names with the port', async () => {
    for (const host of [`127.0.0.1:${server.port}`, `localhost:${server.port}`, `[::1]:${server.port}`]) {
      expect((await send('/api/health', { host })).status, host).toBe(200);
    }
  });

  it.each(ROUTES.filter(([, path]) => path.startsWith('/api/')))(
    '%s %s refuses a cross-site or typed-in browser request',
    async (method, path) => {
      for (const site of ['cross-site', 'same-site', 'none']) {
        const headers = { cookie, 'sec-fetch-site': site, 'content-type': 'application/octet-stream' };
        expect((await send(path, headers, method)).status, site).toBe(403);
      }
    },
  );

  it('lets the sign-in link be opened from the address bar but not from another site', async () => {
    const path = async () => {
      const link = new URL(await server.signInUrl());
      return link.pathname + link.search;
    };
    expect((await send(await path(), { 'sec-fetch-site': 'none' })).status).toBe(303);
    expect((await send(await path(), { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
  });

  it('refuses an original requested without Origin and without Sec-Fetch-Site', async () => {
    const bare = await send('/api/originals/no-such-doc', { cookie });
    expect(bare.status).toBe(403);
    expect(JSON.parse(bare.body)).toMatchObject({
      code: 'PERMISSION_DENIED',
      message: expect.stringMatching(/Hearth/),
    });
    // From Hearth's own page (either proof), the request reaches the route: the document is simply unknown.
    expect((await send('/api/originals/no-such-doc', { cookie, 'sec-fetch-site': 'same-origin' })).status).toBe(404);
    expect((await send('/api/originals/no-such-doc', { cookie, origin: server.origin })).status).toBe(404);
  });

  it('upgrades a WebSocket from Hearth’s page (same-origin) and refuses one from another site', async () => {
    expect(await upgradeStatus(server.origin, { cookie, origin: server.origin, 'sec-fetch-site': 'same-origin' })).toBe(
      101,
    );
    expect(await upgradeStatus(server.origin, { cookie, 'sec-fetch-site': 'cross-site' })).toBe(403);
  });
});

describe('uploads', () => {
  const put = (query: string, size: number) =>
    send(`/api/uploads?${query}`, { cookie, 'content-type': 'application/octet-stream' }, 'PUT', Buffer.alloc(size));

  it('caps a model upload', async () => {
    const response = await put('name=m.gguf&purpose=model', 5000);
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body)).toMatchObject({ code: 'FILE_TOO_LARGE' });
  });

  it('holds one session to its staging quota until it uses or discards what it parked', async () => {
    const first = await put('name=a.bin', 6000);
    expect(first.status).toBe(201);
    const over = await put('name=b.bin', 6000);
    expect(over.status).toBe(429);
    expect(JSON.parse(over.body)).toMatchObject({
      code: 'RATE_LIMITED',
      message: expect.stringMatching(/already has .* of uploads waiting in Hearth/),
    });
    // Another browser has its own quota.
    const other = await signIn(server.signInUrl());
    const theirs = await send(
      '/api/uploads?name=c.bin',
      { cookie: other, 'content-type': 'application/octet-stream' },
      'PUT',
      Buffer.alloc(6000),
    );
    expect(theirs.status).toBe(201);
    await core.services.staging.discard((JSON.parse(first.body) as { handle: string }).handle);
    expect((await put('name=b.bin', 6000)).status).toBe(201);
  });
});

describe('sign out all browsers', () => {
  it('ends every session: cookies get 401 on upgrade and open sockets close', async () => {
    const own = await signIn(server.signInUrl());
    const otherCookie = await signIn(server.signInUrl());
    const caller = await connect(server.origin, own);
    const bystander = await connect(server.origin, otherCookie);
    const closed = new Promise<number>((resolve) => bystander.socket.once('close', (code) => resolve(code)));
    try {
      const result = await caller.api.sessions.signOutAll({});
      expect(result).toMatchObject({ ok: true, value: { signedOut: expect.any(Number) } });
      expect((result as { value: { signedOut: number } }).value.signedOut).toBeGreaterThanOrEqual(2);
      expect(await closed).toBe(SIGNED_OUT_CLOSE_CODE);
      await waitFor('the caller’s socket closed too', () => caller.socket.readyState === WebSocket.CLOSED);
      for (const c of [own, otherCookie, cookie]) {
        expect(await upgradeStatus(server.origin, { cookie: c, origin: server.origin })).toBe(401);
      }
    } finally {
      await caller.close();
      await bystander.close();
      cookie = await signIn(server.signInUrl());
    }
  });
});
