import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiKeyFile } from '../../../../electron/server/gateway/ApiKeyFile';

const defaults = { requestsPerMinute: 60, concurrentStreams: 2 };
const oldKey = 'o'.repeat(40);
const newKey = 'n'.repeat(40);
const HOUR = 3600_000;
let dir: string;
let path: string;
let now: number;
let file: ApiKeyFile | undefined;

const open = () =>
  ApiKeyFile.open({
    path,
    defaults,
    graceMs: HOUR,
    pollMs: 3_600_000,
    logger: pino({ level: 'silent' }),
    now: () => now,
  });

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'hearth-keyfile-'));
  path = join(dir, 'keys');
  now = 1_000_000;
});
afterEach(async () => {
  file?.dispose();
  file = undefined;
  await rm(dir, { recursive: true, force: true });
});

describe('ApiKeyFile', () => {
  it('verifies the keys it lists and answers null for keys that are not its own', async () => {
    await writeFile(path, `${oldKey} search,chat Team\n`);
    file = await open();
    const check = file.verify(oldKey);
    expect(check).toMatchObject({ ok: true, key: { name: 'Team', scopes: ['search', 'chat'], limits: defaults } });
    expect(check?.ok && check.key.id).toMatch(/^file_[0-9a-f]{12}$/);
    expect(file.verify(newKey)).toBeNull();
    expect(file.list()).toEqual([
      expect.objectContaining({
        name: 'Team',
        source: 'file',
        useCount: 1,
        expiresAt: null,
        prefix: expect.stringMatching(/^sha256:[0-9a-f]{8}…$/),
      }),
    ]);
    expect(JSON.stringify(file.list())).not.toContain(oldKey);
  });

  it('rotation by replacing the file: the removed key works through the grace period, then is expired', async () => {
    await writeFile(path, `${oldKey} chat\n`);
    file = await open();
    await writeFile(path, `${newKey} chat\n`);
    await file.reload();
    expect(file.verify(newKey)?.ok).toBe(true);
    expect(file.verify(oldKey)?.ok).toBe(true);
    expect(file.list().find((k) => k.expiresAt !== null)?.expiresAt).toBe(new Date(now + HOUR).toISOString());
    now += HOUR;
    expect(file.verify(oldKey)).toEqual({ ok: false, reason: 'expired' });
    // A key put back into the file is live again.
    await writeFile(path, `${newKey} chat\n${oldKey} chat\n`);
    await file.reload();
    expect(file.verify(oldKey)?.ok).toBe(true);
  });

  it('a malformed or missing file keeps the keys read before', async () => {
    await writeFile(path, `${oldKey} chat\n`);
    file = await open();
    await writeFile(path, `${oldKey} root\n`);
    await file.reload();
    expect(file.verify(oldKey)?.ok).toBe(true);
    await rm(path);
    await file.reload();
    expect(file.verify(oldKey)?.ok).toBe(true);
  });

  it('picks up a replaced file by itself (watch or poll)', async () => {
    await writeFile(path, `${oldKey} chat\n`);
    file = await ApiKeyFile.open({ path, defaults, pollMs: 50, logger: pino({ level: 'silent' }) });
    await writeFile(path, `${oldKey} chat\n${newKey} search\n`);
    await expect.poll(() => file?.verify(newKey)?.ok, { timeout: 5_000 }).toBe(true);
  });

  it('refuses to start on a file it cannot read', async () => {
    await expect(open()).rejects.toThrow();
    await writeFile(path, 'short chat\n');
    await expect(open()).rejects.toThrow(/32 characters/);
  });
});
