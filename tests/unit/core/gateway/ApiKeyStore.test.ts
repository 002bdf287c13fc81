import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiKeyStore, DAY_MS } from '../../../../electron/core/gateway/ApiKeyStore';

const defaults = { requestsPerMinute: 60, concurrentStreams: 2 };
let dir: string;
let now: number;
const open = (flushMs = 60_000) =>
  ApiKeyStore.open({ file: join(dir, 'gateway', 'keys.json'), defaults, flushMs, now: () => now });

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hearth-keys-'));
  now = Date.parse('2026-01-01T00:00:00Z');
});
afterEach(() => rm(dir, { recursive: true, force: true }));

describe('ApiKeyStore', () => {
  it('returns the key once, stores only its hash, and verifies it after a restart', async () => {
    const store = await open();
    const { key, secret } = await store.create({ name: 'Editor', scopes: ['search', 'search', 'chat'] });
    expect(key).toMatchObject({ name: 'Editor', scopes: ['search', 'chat'], limits: defaults, source: 'app' });
    expect(key.prefix).toBe(`${secret.slice(0, 16)}…`);
    expect(JSON.stringify(store.list())).not.toContain(secret);
    await store.dispose();
    const text = await readFile(join(dir, 'gateway', 'keys.json'), 'utf8');
    expect(text).not.toContain(secret);
    expect(text).not.toContain(secret.slice(16));
    const reopened = await open();
    expect(reopened.verify(secret)).toEqual({
      ok: true,
      key: { id: key.id, name: 'Editor', scopes: ['search', 'chat'], limits: defaults },
    });
    expect(reopened.verify(`${secret.slice(0, -1)}x`)).toEqual({ ok: false, reason: 'unknown' });
    expect(reopened.verify('hk_live_nope')).toEqual({ ok: false, reason: 'unknown' });
    await reopened.dispose();
  });

  it('refuses a revoked key at once', async () => {
    const store = await open();
    const { key, secret } = await store.create({ name: 'CI', scopes: ['ingest'] });
    const revoked = await store.revoke(key.id);
    expect(revoked.revokedAt).toBe(new Date(now).toISOString());
    expect(store.verify(secret)).toEqual({ ok: false, reason: 'revoked' });
    await expect(store.revoke('key_missing0')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await store.dispose();
  });

  it('rotation: the old key works through the grace period, then is expired; the new one keeps name and scopes', async () => {
    const store = await open();
    const old = await store.create({ name: 'Cursor', scopes: ['chat'], limits: { requestsPerMinute: 5 } });
    const rotated = await store.rotate(old.key.id, DAY_MS);
    expect(rotated.key).toMatchObject({ name: 'Cursor', scopes: ['chat'], limits: { requestsPerMinute: 5 } });
    expect(rotated.key.id).not.toBe(old.key.id);
    expect(rotated.previous.expiresAt).toBe(new Date(now + DAY_MS).toISOString());
    now += DAY_MS - 1;
    expect(store.verify(old.secret).ok).toBe(true);
    expect(store.verify(rotated.secret).ok).toBe(true);
    now += 1;
    expect(store.verify(old.secret)).toEqual({ ok: false, reason: 'expired' });
    expect(store.verify(rotated.secret).ok).toBe(true);
    await expect(store.rotate(old.key.id, DAY_MS)).rejects.toMatchObject({ code: 'CONFLICT' });
    await store.dispose();
  });

  it('rotation with no grace ends the old key now', async () => {
    const store = await open();
    const old = await store.create({ name: 'x', scopes: ['admin'] });
    await store.rotate(old.key.id, 0);
    expect(store.verify(old.secret)).toEqual({ ok: false, reason: 'revoked' });
    await store.dispose();
  });

  it('counts uses and the last use in memory and writes them in one batch', async () => {
    const store = await open();
    const { key, secret } = await store.create({ name: 'x', scopes: ['search'] });
    const file = join(dir, 'gateway', 'keys.json');
    for (let i = 0; i < 3; i++) store.verify(secret);
    expect(store.list()[0]).toMatchObject({ useCount: 3, lastUsedAt: new Date(now).toISOString() });
    const written = () => readFile(file, 'utf8').then((t) => JSON.parse(t) as { keys: { useCount: number }[] });
    expect((await written()).keys[0]?.useCount).toBe(0);
    await store.flush();
    expect((await written()).keys[0]?.useCount).toBe(3);
    store.verify(secret);
    await store.dispose();
    expect((await written()).keys[0]?.useCount).toBe(4);
    expect(key.useCount).toBe(0);
  });

  it('refuses to start on a key file it cannot read rather than overwrite it', async () => {
    const file = join(dir, 'gateway', 'keys.json');
    await open().then((s) => s.create({ name: 'x', scopes: ['chat'] }).then(() => s.dispose()));
    await writeFile(file, '{"version":1,"keys":[{"id":1}]}');
    await expect(open()).rejects.toThrow(/not readable/);
    expect(await readFile(file, 'utf8')).toBe('{"version":1,"keys":[{"id":1}]}');
  });
});
