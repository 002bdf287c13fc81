import { spawn, type ChildProcess } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { request as httpsRequest } from 'node:https';
import type { Socket } from 'node:net';
import { join } from 'node:path';
import type { TLSSocket } from 'node:tls';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { descendantsOf, stillRunning, type ProcessInfo } from '../../../scripts/orphans.mjs';
import type { HeadlessServer } from '../../../electron/server/createHeadlessServer';
import { createHeadlessServer } from '../../../electron/server/createHeadlessServer';
import { selfSignedCertificate } from '../../../electron/server/serverCertificate';
import type { TestCore } from '../../helpers/tempCore';
import { repoRoot, startTestCore, tempDir, waitFor } from '../../helpers/tempCore';
import { connect, signIn } from '../../helpers/wsClient';

let dir: Awaited<ReturnType<typeof tempDir>>;
let core: TestCore;

beforeAll(async () => {
  dir = await tempDir('hearth-transport-');
  core = await startTestCore(dir.path);
});

afterAll(async () => {
  await core?.dispose();
  await dir?.remove();
});

/** GET over https, trusting nothing but reporting the certificate the server showed. */
function httpsGet(url: string): Promise<{ status: number; setCookie: string; fingerprint: string }> {
  return new Promise((resolve, reject) => {
    const req = httpsRequest(url, { rejectUnauthorized: false }, (res) => {
      const fingerprint = (res.socket as TLSSocket).getPeerCertificate().fingerprint256;
      res.resume();
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, setCookie: String(res.headers['set-cookie'] ?? ''), fingerprint }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

describe('TLS', () => {
  it('with a generated certificate speaks https, sets a Secure cookie and shows the fingerprint it reports', async () => {
    const tlsDir = join(dir.path, 'tls');
    const tls = await selfSignedCertificate(tlsDir, ['127.0.0.1', 'localhost']);
    expect((await stat(join(tlsDir, 'key.pem'))).mode & 0o777).toBe(0o600);
    expect((await stat(join(tlsDir, 'cert.pem'))).mode & 0o777).toBe(0o600);
    // Reused at the next start: the fingerprint the user checked stays the same.
    expect((await selfSignedCertificate(tlsDir, ['127.0.0.1'])).fingerprint).toBe(tls.fingerprint);
    const server = await createHeadlessServer({ core, rendererDir: dir.path, tls });
    try {
      expect(server.origin).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      expect(server.fingerprint).toBe(new X509Certificate(tls.cert).fingerprint256);
      const answer = await httpsGet(await server.signInUrl());
      expect(answer.status).toBe(303);
      expect(answer.setCookie).toMatch(/; Secure/i);
      expect(answer.fingerprint).toBe(server.fingerprint);
    } finally {
      await server.close();
    }
  });
});

describe('the printed sign-in line', () => {
  let shell: ChildProcess | undefined;
  let tree: ProcessInfo[] = [];
  afterAll(() => {
    if (shell?.exitCode === null) {
      tree = [...tree, ...descendantsOf(shell.pid!)];
      shell.kill('SIGKILL');
    }
    for (const p of tree.filter(stillRunning)) process.kill(p.pid, 'SIGKILL');
  });

  it('with --tls-self-signed carries an https link and the fingerprint of the certificate served', async () => {
    const home = join(dir.path, 'shell-home');
    const tsx = pathToFileURL(join(repoRoot, 'node_modules/tsx/dist/loader.mjs')).href;
    const args = ['--import', tsx, join(repoRoot, 'electron/server/main.ts'), '--json', '--tls-self-signed'];
    shell = spawn(process.execPath, [...args, '--port', '0'], {
      cwd: repoRoot,
      env: { ...process.env, HEARTH_HOME: home },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    shell.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    shell.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const child = shell;
    await waitFor(
      'the shell to print its link',
      () => {
        if (child.exitCode !== null) throw new Error(`the shell exited with ${child.exitCode}: ${stderr}`);
        return stdout.includes('\n');
      },
      60_000,
    );
    tree = descendantsOf(child.pid!);
    const printed = JSON.parse(stdout.split('\n')[0]!) as { url: string; fingerprint: string };
    expect(printed.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+\/\?token=/);
    expect(printed.fingerprint).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    const answer = await httpsGet(printed.url);
    expect(answer.fingerprint).toBe(printed.fingerprint);
    expect(answer.setCookie).toMatch(/; Secure/i);
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }, 90_000);
});

describe('backpressure', () => {
  let server: HeadlessServer;
  beforeAll(async () => {
    server = await createHeadlessServer({ core, rendererDir: dir.path, flow: { stallMs: 3000 } });
  });
  afterAll(() => server?.close());

  it('a client that keeps reading gets every item of a stream larger than the high-water mark', async () => {
    const client = await connect(server.origin, await signIn(server.signInUrl()));
    try {
      let received = 0;
      const result = await client.api.diagnostics.loopback({ count: 400, payloadBytes: 65_536 }, () => received++).done;
      expect(result).toEqual({ ok: true, value: { sent: 400 } });
      expect(received).toBe(400);
    } finally {
      await client.close();
    }
  });

  it('a client that stops reading pauses the producer at a bound, and is cut off after the stall limit', async () => {
    const cookie = await signIn(server.signInUrl());
    const socket = new WebSocket(`${server.origin.replace('http', 'ws')}/api/ws`, {
      headers: { cookie, origin: server.origin },
    });
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    // Stop reading at the TCP level: what the server sends piles up in kernel buffers, then in the server.
    (socket as unknown as { _socket: Socket })._socket.pause();
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    const before = core.services.diagnostics.loopbackItemsProduced;
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 50);
    // 1,000,000 × 64 KiB: 64 GB, what the old transport would have tried to buffer.
    socket.send(
      JSON.stringify({
        t: 'stream',
        id: 1,
        ch: 'diagnostics.loopback',
        in: { count: 1_000_000, payloadBytes: 65_536 },
      }),
    );
    const produced = () => core.services.diagnostics.loopbackItemsProduced - before;
    await waitFor('the producer to start', () => produced() > 0);
    await new Promise((r) => setTimeout(r, 1500));
    const paused = produced();
    await new Promise((r) => setTimeout(r, 500));
    clearInterval(sampler);
    const producedBytes = produced() * 65_536;
    console.log(
      `backpressure: produced ${produced()} items (${(producedBytes / 2 ** 20).toFixed(1)} MiB) before pausing; ` +
        `RSS +${((rssPeak - rssBefore) / 2 ** 20).toFixed(1)} MiB at peak`,
    );
    expect(produced()).toBe(paused);
    expect(producedBytes).toBeLessThan(32 * 2 ** 20);
    expect(rssPeak - rssBefore).toBeLessThan(256 * 2 ** 20);
    // Still not reading after the stall limit: the server cuts the client off and the stream ends in the core.
    await waitFor('the stream to end in the core', () => core.services.dispatcher.activeStreams === 0, 10_000);
    // A paused socket sees its end only once it reads again.
    (socket as unknown as { _socket: Socket })._socket.resume();
    await closed;
  }, 30_000);
});
