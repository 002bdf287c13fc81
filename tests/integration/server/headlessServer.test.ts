import { createHash } from 'node:crypto';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestCore } from '../../helpers/tempCore';
import type { HeadlessServer } from '../../../electron/server/createHeadlessServer';
import { createHeadlessServer } from '../../../electron/server/createHeadlessServer';
import { contract } from '../../../electron/shared/contract';
import { junkPayloads } from '../../helpers/junk';
import { startTestCore, tempDir, waitFor } from '../../helpers/tempCore';
import { connect, signIn, upgradeStatus, type WsConnection } from '../../helpers/wsClient';

let dir: Awaited<ReturnType<typeof tempDir>>;
let core: TestCore;
let server: HeadlessServer;
let cookie: string;
let ws: WsConnection;

beforeAll(async () => {
  dir = await tempDir('hearth-server-');
  core = await startTestCore(dir.path);
  server = await createHeadlessServer({ core, rendererDir: `${dir.path}/no-ui` });
  cookie = await signIn(server.signInUrl());
  ws = await connect(server.origin, cookie);
});

afterAll(async () => {
  await ws?.close();
  await server?.close();
  await core?.dispose();
  await dir?.remove();
});

describe('sign-in', () => {
  it('binds to loopback', () => {
    expect(server.origin).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it('turns a one-time token into an HttpOnly, SameSite=Strict cookie and then refuses the token', async () => {
    const url = await server.signInUrl();
    const first = await fetch(url, { redirect: 'manual' });
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/');
    const setCookie = first.headers.get('set-cookie') ?? '';
    expect(setCookie).toMatch(/^hearth_session=/);
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Strict/i);
    const again = await fetch(url, { redirect: 'manual' });
    expect(again.status).toBe(401);
    // A page that says what happened and what to do, with no script and a policy that allows none.
    expect(again.headers.get('content-type')).toMatch(/^text\/html/);
    expect(again.headers.get('content-security-policy')).toBe(
      "default-src 'none'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
    );
    const html = await again.text();
    expect(html).toContain('<h1>This sign-in link no longer works</h1>');
    expect(html).toContain('press Enter in the terminal where Hearth is running');
    expect(html).not.toMatch(/<script|\son\w+=/i);
  });

  it('sends a strict CSP with pages', async () => {
    // No UI is built here: the notice page says so, under the notice policy (no script at all).
    const response = await fetch(`${server.origin}/`);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(response.headers.get('content-security-policy')).not.toContain('script-src');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await response.text()).toContain('<h1>The Hearth app is not built</h1>');
  });
});

describe('WebSocket upgrade', () => {
  it('answers 401 without a session, with a forged session, or from another origin', async () => {
    expect(await upgradeStatus(server.origin, {})).toBe(401);
    expect(await upgradeStatus(server.origin, { cookie: 'hearth_session=forged' })).toBe(401);
    expect(await upgradeStatus(server.origin, { cookie, origin: 'http://evil.example' })).toBe(401);
    expect(await upgradeStatus(server.origin, { cookie, origin: server.origin })).toBe(101);
  });
});

describe('contract over WebSocket', () => {
  it('round-trips a query through the shared typed client', async () => {
    const info = await ws.api.app.info({});
    expect(info).toMatchObject({ ok: true, value: { name: 'Hearth', mode: 'headless', dataDir: dir.path } });
  });

  it('rejects junk payloads on every channel with INVALID_INPUT', async () => {
    let id = 100_000;
    const sent = new Map<number, string>();
    const callable = Object.entries(contract)
      .filter(([, entry]) => entry.kind !== 'event')
      .map(([channel]) => channel);
    const junked = new Set<string>();
    for (const [channel, entry] of Object.entries(contract)) {
      if (entry.kind === 'event') continue;
      for (const payload of junkPayloads(id, 15)) {
        if (entry.input.safeParse(payload).success) continue;
        junked.add(channel);
        sent.set(id, `${channel} ${JSON.stringify(payload)}`);
        ws.sendRaw({ t: entry.kind === 'stream' ? 'stream' : 'call', id: id++, ch: channel, in: payload });
      }
    }
    const answered = () => ws.messages.filter((m) => 'id' in m && sent.has(m.id) && m.t !== 'item');
    await waitFor('an answer to every junk request', () => answered().length === sent.size);
    // Every channel got junk it must refuse, not only most of them.
    expect([...junked].sort()).toEqual(callable.sort());
    expect(sent.size).toBeGreaterThan(200);
    for (const answer of answered()) {
      expect(answer, sent.get((answer as { id: number }).id)).toMatchObject({
        r: { ok: false, error: { code: 'INVALID_INPUT' } },
      });
    }
  });

  it('refuses unknown channels', async () => {
    ws.sendRaw({ t: 'call', id: 900_001, ch: 'secrets.reveal', in: { name: 'x' } });
    await waitFor('answer', () => ws.messages.some((m) => m.t === 'result' && m.id === 900_001));
    expect(ws.messages.find((m) => m.t === 'result' && m.id === 900_001)).toMatchObject({
      r: { ok: false, error: { code: 'INVALID_INPUT', message: expect.stringMatching(/Unknown channel/) } },
    });
  });

  it('a cancelled stream stops the work in the core', async () => {
    const before = core.services.diagnostics.loopbackItemsProduced;
    let received = 0;
    const handle = ws.api.diagnostics.loopback({ count: 1_000_000, payloadBytes: 16 }, () => {
      received++;
      if (received === 100) handle.cancel();
    });
    const result = await handle.done;
    expect(result).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    await waitFor('stream closed in the core', () => core.services.dispatcher.activeStreams === 0);
    const produced = core.services.diagnostics.loopbackItemsProduced - before;
    expect(produced).toBeLessThan(1_000_000);
    await new Promise((r) => setTimeout(r, 200));
    expect(core.services.diagnostics.loopbackItemsProduced - before).toBe(produced);
  });

  it('a closed socket cancels its streams', async () => {
    const other = await connect(server.origin, cookie);
    other.api.diagnostics.watch({ intervalMs: 100 }, () => undefined);
    await waitFor('stream running', () => core.services.dispatcher.activeStreams === 1);
    await other.close();
    await waitFor('stream cancelled after disconnect', () => core.services.dispatcher.activeStreams === 0);
  });

  it('pushes events to connected clients', async () => {
    const seen: string[] = [];
    const off = ws.api.on('settings.changed', (s) => seen.push(s.appearance.theme));
    await ws.api.settings.update({ appearance: { theme: 'dark' } });
    await waitFor('settings.changed event', () => seen.includes('dark'));
    off();
  });
});

describe('upload route', () => {
  const put = (name: string, body: Uint8Array, headers: Record<string, string>) =>
    fetch(`${server.origin}/api/uploads?name=${encodeURIComponent(name)}`, {
      method: 'PUT',
      body,
      headers: { 'content-type': 'application/octet-stream', ...headers },
    });

  it('stores bytes in staging and returns a handle contract calls accept', async () => {
    const bytes = new TextEncoder().encode('# Notes\nHearth keeps documents local.\n');
    const response = await put('notes.md', bytes, { cookie, origin: server.origin });
    expect(response.status).toBe(201);
    const staged = (await response.json()) as { handle: string; sha256: string; size: number };
    expect(staged.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    const stat = await ws.api.staging.stat({ handle: staged.handle });
    expect(stat).toMatchObject({ ok: true, value: { name: 'notes.md', size: bytes.length } });
    const onDisk = await core.services.staging.resolve(staged.handle);
    expect(await readFile(onDisk.path, 'utf8')).toContain('Hearth keeps documents local.');
    expect(await ws.api.staging.discard({ handle: staged.handle })).toEqual({ ok: true, value: { discarded: true } });
  });

  it('answers 401 to an upload without a session or from another origin', async () => {
    expect((await put('x.txt', new Uint8Array([1]), {})).status).toBe(401);
    expect((await put('x.txt', new Uint8Array([1]), { cookie, origin: 'http://evil.example' })).status).toBe(401);
  });

  it('refuses a file over the size limit with FILE_TOO_LARGE', async () => {
    await core.services.settings.update({ library: { maxFileSizeMB: 1 } });
    const response = await put('big.bin', new Uint8Array(1024 * 1024 + 1), { cookie });
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ code: 'FILE_TOO_LARGE' });
    await core.services.settings.reset();
  });
});

describe('paths on this computer', () => {
  /** A non-loopback address of this machine: connecting to it makes the peer look remote to the server. */
  const externalAddress = (): string => {
    const found = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && !i.internal && i.family === 'IPv4');
    if (!found) throw new Error('this test needs a network interface with an IPv4 address besides loopback');
    return found.address;
  };
  const missingModel = () => join(dir.path, 'no-such-model.gguf');

  it('lets a browser on this computer name paths (the error is about the file, not the permission)', async () => {
    expect(await ws.api.app.info({})).toMatchObject({ ok: true, value: { localPaths: true } });
    const result = await ws.api.models.import({ path: missingModel() });
    expect(result.ok).toBe(false);
    expect(result).not.toMatchObject({ error: { code: 'PERMISSION_DENIED' } });
  });

  it('refuses paths from a browser on another computer, even when the server allows local ones', async () => {
    const remote = await createHeadlessServer({
      core,
      rendererDir: `${dir.path}/no-ui`,
      host: externalAddress(),
      localPaths: true,
      insecureNoTls: true,
    });
    try {
      const other = await connect(remote.origin, await signIn(remote.signInUrl()));
      try {
        expect(await other.api.app.info({})).toMatchObject({ ok: true, value: { localPaths: false } });
        expect(await other.api.models.import({ path: missingModel() })).toMatchObject({
          ok: false,
          error: { code: 'PERMISSION_DENIED' },
        });
        expect(await other.api.library['watch.add']({ path: dir.path })).toMatchObject({
          ok: false,
          error: { code: 'PERMISSION_DENIED' },
        });
      } finally {
        await other.close();
      }
    } finally {
      await remote.close();
    }
  });

  it('refuses paths from every browser when started with --no-local-paths', async () => {
    const strict = await createHeadlessServer({ core, rendererDir: `${dir.path}/no-ui`, localPaths: false });
    try {
      const other = await connect(strict.origin, await signIn(strict.signInUrl()));
      try {
        expect(await other.api.app.info({})).toMatchObject({ ok: true, value: { localPaths: false } });
        expect(await other.api.models.import({ path: missingModel() })).toMatchObject({
          ok: false,
          error: { code: 'PERMISSION_DENIED' },
        });
      } finally {
        await other.close();
      }
    } finally {
      await strict.close();
    }
  });
});
