import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HeadlessServer } from '../../../electron/server/createHeadlessServer';
import { createHeadlessServer } from '../../../electron/server/createHeadlessServer';
import { LOCAL_ONLY_MESSAGE } from '../../../electron/shared/contractTypes';
import type { TestCore } from '../../helpers/tempCore';
import { startTestCore, tempDir } from '../../helpers/tempCore';
import { connect, signIn, type WsConnection } from '../../helpers/wsClient';

/** A non-loopback address of this machine: a browser connecting to it is a browser on another computer. */
function externalAddress(): string {
  const found = Object.values(networkInterfaces())
    .flat()
    .find((i) => i && !i.internal && i.family === 'IPv4');
  if (!found) throw new Error('this test needs a network interface with an IPv4 address besides loopback');
  return found.address;
}

/** An OpenAI-compatible server that records the headers of every request and answers one streamed word. */
async function recordingModelServer(): Promise<{ url: string; seen: IncomingHttpHeaders[]; close(): Promise<void> }> {
  const seen: IncomingHttpHeaders[] = [];
  const server: Server = createServer((request, response) => {
    seen.push(request.headers);
    request.resume();
    request.on('end', () => {
      response.writeHead(200, { 'content-type': 'text/event-stream' });
      response.write(`data: ${JSON.stringify({ choices: [{ delta: { content: 'hi' }, finish_reason: 'stop' }] })}\n\n`);
      response.end('data: [DONE]\n\n');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    seen,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

let dir: Awaited<ReturnType<typeof tempDir>>;
let core: TestCore;
let localServer: HeadlessServer;
let remoteServer: HeadlessServer;
let local: WsConnection;
let remote: WsConnection;

beforeAll(async () => {
  dir = await tempDir('hearth-callers-');
  core = await startTestCore(dir.path);
  localServer = await createHeadlessServer({ core, rendererDir: `${dir.path}/no-ui` });
  remoteServer = await createHeadlessServer({
    core,
    rendererDir: `${dir.path}/no-ui`,
    host: externalAddress(),
    localPaths: true,
    insecureNoTls: true,
  });
  local = await connect(localServer.origin, await signIn(localServer.signInUrl()));
  remote = await connect(remoteServer.origin, await signIn(remoteServer.signInUrl()));
});

afterAll(async () => {
  await local?.close();
  await remote?.close();
  await localServer?.close();
  await remoteServer?.close();
  await core?.dispose();
  await dir?.remove();
});

const denied = { ok: false, error: { code: 'PERMISSION_DENIED', message: LOCAL_ONLY_MESSAGE } };

async function auditEntries(): Promise<Array<{ actor: string; action: string; data?: Record<string, unknown> }>> {
  const text = await readFile(join(core.paths.audit, 'audit.jsonl'), 'utf8').catch(() => '');
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { actor: string; action: string; data?: Record<string, unknown> });
}

describe('a browser on another computer', () => {
  it.each([
    ['the fallback endpoint', { fallback: { remoteBaseUrl: 'https://attacker.example/v1' } }],
    ['the fallback model', { fallback: { remoteModel: 'x' } }],
    ['the PostgreSQL address', { storage: { postgresUrl: 'postgres://me@attacker.example/db' } }],
    ['the object store', { storage: { objectBackend: 'external', s3Endpoint: 'https://attacker.example' } }],
    ['the bind address', { server: { host: '0.0.0.0' } }],
    ['the port, alongside an open setting', { appearance: { theme: 'dark' }, server: { port: 8080 } }],
  ] as const)('cannot change %s', async (_what, patch) => {
    const before = core.services.settings.get();
    expect(await remote.api.settings.update(patch)).toEqual(denied);
    expect(core.services.settings.get()).toEqual(before);
  });

  it('cannot reset settings, set or delete secrets, or delete models', async () => {
    expect(await remote.api.settings.reset({})).toEqual(denied);
    expect(await remote.api.secrets.set({ name: 'gateway-token', value: 'x' })).toEqual(denied);
    expect(await remote.api.secrets.delete({ name: 'gateway-token' })).toEqual(denied);
    expect(await remote.api.models.delete({ id: 'a'.repeat(16) })).toEqual(denied);
    expect(await core.services.secrets.has('gateway-token')).toBe(false);
  });

  it('still changes appearance and answers, and the change is audited as a remote browser', async () => {
    expect(await remote.api.settings.update({ appearance: { theme: 'dark' }, answers: { sources: 4 } })).toMatchObject({
      ok: true,
      value: { appearance: { theme: 'dark' }, answers: { sources: 4 } },
    });
    expect((await auditEntries()).at(-1)).toMatchObject({
      actor: 'remote-browser',
      action: 'settings.update',
      data: { keys: ['answers.sources', 'appearance.theme'] },
    });
  });
});

describe('a browser on this computer', () => {
  it('changes endpoints, storage and the bind address, audited with its class and the keys only', async () => {
    const patch = {
      fallback: { remoteBaseUrl: 'https://models.example/v1' },
      storage: { postgresUrl: 'postgres://hearth@db.example:5433/hearth?sslmode=require' },
      server: { host: '127.0.0.1' },
    };
    expect(await local.api.settings.update(patch)).toMatchObject({ ok: true, value: patch });
    expect((await auditEntries()).at(-1)).toEqual(
      expect.objectContaining({
        actor: 'local-browser',
        action: 'settings.update',
        data: { keys: ['fallback.remoteBaseUrl', 'server.host', 'storage.postgresUrl'] },
      }),
    );
    expect(JSON.stringify(await auditEntries())).not.toContain('db.example');
  });

  it('sets and deletes secrets, audited with its class and never the value', async () => {
    expect(await local.api.secrets.set({ name: 'gateway-token', value: 'tok-5b1e' })).toMatchObject({ ok: true });
    expect(await local.api.secrets.delete({ name: 'gateway-token' })).toMatchObject({
      ok: true,
      value: { deleted: true },
    });
    const entries = await auditEntries();
    expect(entries.slice(-2)).toMatchObject([
      { actor: 'local-browser', action: 'secrets.set', data: { name: 'gateway-token' } },
      { actor: 'local-browser', action: 'secrets.delete', data: { name: 'gateway-token', deleted: true } },
    ]);
    expect(JSON.stringify(entries)).not.toContain('tok-5b1e');
  });

  it('refuses a PostgreSQL address whose options would read files, in words', async () => {
    for (const key of ['sslkey', 'sslcert', 'sslrootcert', 'sslcrl', 'passfile', 'service', 'host']) {
      const result = await local.api.settings.update({
        storage: { postgresUrl: `postgres://hearth@db.example/hearth?sslmode=require&${key}=/nonexistent` },
      });
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      expect(result.ok ? '' : result.error.message).toContain(`"${key}"`);
    }
  });

  it("cannot reach Hearth's own secrets: not listed, not checked, not set, not deleted", async () => {
    await core.services.secrets.set('objects-root-password', 'root-secret');
    const listed = await local.api.secrets.list({});
    expect(listed.ok && listed.value.names).not.toContain('objects-root-password');
    for (const name of ['objects-root-password', 'objects-root-user', 'hearth.audit-key']) {
      expect(await local.api.secrets.has({ name })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      expect(await local.api.secrets.set({ name, value: 'mine' })).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      });
      expect(await local.api.secrets.delete({ name })).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    expect(await core.services.secrets.reveal('objects-root-password')).toBe('root-secret');
    await core.services.secrets.delete('objects-root-password');
  });
});

describe('a secret is bound to the endpoint it was saved for', () => {
  it('a changed endpoint never receives the old key, and the key shows as not set until saved again', async () => {
    const first = await recordingModelServer();
    const second = await recordingModelServer();
    try {
      expect(
        await local.api.settings.update({ fallback: { remoteBaseUrl: first.url, remoteModel: 'm' } }),
      ).toMatchObject({ ok: true });
      expect(await local.api.secrets.set({ name: 'remote-endpoint-key', value: 'sk-first-7c1' })).toMatchObject({
        ok: true,
      });
      expect(await local.api.secrets.has({ name: 'remote-endpoint-key' })).toMatchObject({ value: { exists: true } });
      const ask = () => local.api.chat.send({ message: 'hello' }, () => undefined).done;
      expect(await ask()).toMatchObject({ ok: true });
      expect(first.seen.at(-1)?.authorization).toBe('Bearer sk-first-7c1');

      // Re-pointed (by this computer, the only caller that may): the old key stays behind.
      expect(await local.api.settings.update({ fallback: { remoteBaseUrl: second.url } })).toMatchObject({ ok: true });
      expect(await ask()).toMatchObject({ ok: true });
      expect(second.seen).toHaveLength(1);
      expect(second.seen[0]?.authorization).toBeUndefined();
      expect(await local.api.secrets.has({ name: 'remote-endpoint-key' })).toMatchObject({ value: { exists: false } });
      const listed = await local.api.secrets.list({});
      expect(listed.ok && listed.value.names).not.toContain('remote-endpoint-key');

      // Saved again for the new server, it goes there.
      await local.api.secrets.set({ name: 'remote-endpoint-key', value: 'sk-second-9d2' });
      expect(await ask()).toMatchObject({ ok: true });
      expect(second.seen.at(-1)?.authorization).toBe('Bearer sk-second-9d2');
    } finally {
      await local.api.settings.update({ fallback: { remoteBaseUrl: '', remoteModel: '' } });
      await core.services.secrets.delete('remote-endpoint-key');
      await first.close();
      await second.close();
    }
  });

  it('a key cannot be saved before its server address, which it is bound to', async () => {
    expect(await local.api.secrets.set({ name: 'remote-endpoint-key', value: 'sk-x' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', message: expect.stringMatching(/server address first/) },
    });
  });
});
