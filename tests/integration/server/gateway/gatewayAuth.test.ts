import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HeadlessServer } from '../../../../electron/server/createHeadlessServer';
import { createHeadlessServer } from '../../../../electron/server/createHeadlessServer';
import type { TestCore } from '../../../helpers/tempCore';
import { startTestCore, tempDir, waitFor } from '../../../helpers/tempCore';
import { connect, signIn, type WsConnection } from '../../../helpers/wsClient';

let dir: Awaited<ReturnType<typeof tempDir>>;
let core: TestCore;
let server: HeadlessServer;
let browser: WsConnection;

beforeAll(async () => {
  dir = await tempDir('hearth-gateway-');
  core = await startTestCore(dir.path);
  server = await createHeadlessServer({ core, rendererDir: `${dir.path}/no-ui` });
  browser = await connect(server.origin, await signIn(server.signInUrl()));
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await core?.dispose();
  await dir?.remove();
});

/** A key made the way Settings makes one: through the contract, from a browser on this computer. */
async function makeKey(
  scopes: ('chat' | 'search' | 'ingest' | 'admin')[],
  limits?: { requestsPerMinute?: number },
): Promise<{ id: string; secret: string }> {
  const made = await browser.api.gateway['keys.create']({
    name: `test ${scopes.join('+')}`,
    scopes,
    ...(limits ? { limits } : {}),
  });
  if (!made.ok) throw new Error(made.error.message);
  return { id: made.value.key.id, secret: made.value.secret };
}

const models = (authorization?: string) =>
  fetch(`${server.origin}/v1/models`, authorization ? { headers: { authorization } } : {});

/** The refusal's JSON, checked for OpenAI's error shape and for anything of Hearth's inside. */
async function refusal(response: Response, status: number, code: string): Promise<void> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/application\/json/);
  const text = await response.text();
  expect(JSON.parse(text)).toEqual({
    error: { message: expect.any(String), type: expect.any(String), param: null, code },
  });
  expect(text).not.toMatch(/stack|\/work\/|node_modules|hk_live_|at [A-Za-z]+ \(/);
}

describe('gateway keys on the headless server', () => {
  it('admits a live key with the scope: the route runs', async () => {
    const { secret } = await makeKey(['chat']);
    const response = await models(`Bearer ${secret}`);
    expect(response.status).toBe(200);
  });

  it('refuses no key, a malformed header and a wrong key with 401', async () => {
    await refusal(await models(), 401, 'missing_api_key');
    await refusal(await models('Token abc'), 401, 'missing_api_key');
    const { secret } = await makeKey(['chat']);
    await refusal(await models(`Bearer ${secret.slice(0, -2)}xx`), 401, 'invalid_api_key');
    await refusal(await models(`Bearer hk_live_${'a'.repeat(51)}`), 401, 'invalid_api_key');
  });

  it('refuses a revoked key at once', async () => {
    const { id, secret } = await makeKey(['chat']);
    expect((await models(`Bearer ${secret}`)).status).toBe(200);
    expect(await browser.api.gateway['keys.revoke']({ id })).toMatchObject({
      ok: true,
      value: { revokedAt: expect.any(String) },
    });
    await refusal(await models(`Bearer ${secret}`), 401, 'invalid_api_key');
  });

  it('a rotated key works during its grace period and is refused once it is over', async () => {
    const old = await makeKey(['chat']);
    const rotated = await browser.api.gateway['keys.rotate']({ id: old.id, graceHours: 1 });
    if (!rotated.ok) throw new Error(rotated.error.message);
    expect((await models(`Bearer ${old.secret}`)).status).toBe(200);
    expect((await models(`Bearer ${rotated.value.secret}`)).status).toBe(200);
    // The short grace is given to the store directly: the contract takes hours.
    const shortGrace = await makeKey(['chat']);
    const next = await core.services.apiKeys.rotate(shortGrace.id, 1);
    await waitFor('the grace period to end', async () => (await models(`Bearer ${shortGrace.secret}`)).status === 401);
    await refusal(await models(`Bearer ${shortGrace.secret}`), 401, 'invalid_api_key');
    expect((await models(`Bearer ${next.secret}`)).status).toBe(200);
  });

  it("refuses a key without the route's scope with 403", async () => {
    const { secret } = await makeKey(['search', 'ingest']);
    await refusal(await models(`Bearer ${secret}`), 403, 'insufficient_scope');
    const admin = await makeKey(['admin']);
    expect((await models(`Bearer ${admin.secret}`)).status).toBe(200);
  });

  it("answers 429 with Retry-After past the key's requests a minute, for that key only", async () => {
    const limited = await makeKey(['chat'], { requestsPerMinute: 3 });
    const other = await makeKey(['chat']);
    for (let i = 0; i < 3; i++) expect((await models(`Bearer ${limited.secret}`)).status).toBe(200);
    const response = await models(`Bearer ${limited.secret}`);
    const retryAfter = Number(response.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    await refusal(response, 429, 'rate_limit_exceeded');
    expect((await models(`Bearer ${other.secret}`)).status).toBe(200);
  });

  it('refuses an oversized body with 413 before reading it or checking the key', async () => {
    const { secret } = await makeKey(['search']);
    const body = JSON.stringify({ model: 'x', input: 'a'.repeat(core.gateway.maxBodyBytes + 1) });
    const response = await fetch(`${server.origin}/v1/embeddings`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body,
    });
    await refusal(response, 413, 'request_too_large');
    const anonymous = await fetch(`${server.origin}/v1/embeddings`, { method: 'POST', body });
    expect(anonymous.status).toBe(413);
  });

  it('keeps serving the UI transport and the gateway after all of that', async () => {
    expect((await fetch(`${server.origin}/api/health`)).status).toBe(200);
    expect(await browser.api.diagnostics.ping({ echo: 'still here' })).toMatchObject({ ok: true });
    const { secret } = await makeKey(['chat']);
    expect((await models(`Bearer ${secret}`)).status).toBe(200);
  });

  it('lists keys with prefixes, counts and limits, never the key; the UI learns the base URL', async () => {
    const { id, secret } = await makeKey(['search']);
    const listed = await browser.api.gateway['keys.list']({});
    if (!listed.ok) throw new Error(listed.error.message);
    const key = listed.value.keys.find((k) => k.id === id);
    expect(key).toMatchObject({ prefix: `${secret.slice(0, 16)}…`, useCount: 0, limits: core.gateway.defaults });
    expect(JSON.stringify(listed.value)).not.toContain(secret);
    expect(await browser.api.gateway.info({})).toMatchObject({
      ok: true,
      value: { openaiBaseUrl: `${server.origin}/v1` },
    });
  });

  it('audits every gateway request with the key id, scope, outcome and status, never the key', async () => {
    const { id, secret } = await makeKey(['chat']);
    await models(`Bearer ${secret}`);
    await models('Bearer nope');
    const entries = async () =>
      (await readFile(join(core.paths.audit, 'audit.jsonl'), 'utf8').catch(() => ''))
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as { actor: string; action: string; data?: { requests?: unknown[] } });
    await waitFor('the gateway audit batch', async () =>
      (await entries()).some((e) => e.actor === `gateway:${id}` && e.action === 'gateway.requests'),
    );
    const all = await entries();
    expect(all.find((e) => e.actor === `gateway:${id}`)?.data?.requests).toContainEqual(
      expect.objectContaining({ method: 'GET', route: '/v1/models', scope: 'chat', outcome: 'ok', status: 200 }),
    );
    expect(all.filter((e) => e.actor === 'gateway:no-key').flatMap((e) => e.data?.requests ?? [])).toContainEqual(
      expect.objectContaining({ outcome: 'refused', status: 401 }),
    );
    expect(all.some((e) => e.action === 'gateway.keys.create' && e.actor === 'local-browser')).toBe(true);
    expect(await readFile(join(core.paths.audit, 'audit.jsonl'), 'utf8')).not.toContain(secret);
  });
});

describe('gateway keys from a file (--api-keys-file)', () => {
  it("admits the file's keys with their scopes, lists them as file keys, and follows a replaced file", async () => {
    const path = join(dir.path, 'api-keys');
    const first = 'f'.repeat(40);
    const second = 's'.repeat(40);
    await writeFile(path, `${first} chat Deploy bot\n`);
    const fileServer = await createHeadlessServer({
      core,
      rendererDir: `${dir.path}/no-ui`,
      apiKeysFile: { path, graceMs: 3_600_000 },
    });
    try {
      const get = (secret: string) =>
        fetch(`${fileServer.origin}/v1/models`, { headers: { authorization: `Bearer ${secret}` } });
      expect((await get(first)).status).toBe(200);
      expect((await get(second)).status).toBe(401);
      const listed = await browser.api.gateway['keys.list']({});
      expect(listed.ok && listed.value.keys.filter((k) => k.source === 'file')).toEqual([
        expect.objectContaining({ name: 'Deploy bot', scopes: ['chat'], useCount: 1 }),
      ]);
      await writeFile(path, `${second} search Deploy bot\n`);
      await waitFor('the replaced key file', async () => (await get(second)).status === 403);
      // The removed key is in its grace period.
      expect((await get(first)).status).toBe(200);
    } finally {
      await fileServer.close();
    }
    const listed = await browser.api.gateway['keys.list']({});
    expect(listed.ok && listed.value.keys.some((k) => k.source === 'file')).toBe(false);
  });
});
