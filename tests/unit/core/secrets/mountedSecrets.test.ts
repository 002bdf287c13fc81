import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSecretsPart } from '../../../../electron/core/secrets/createSecretsPart';
import type { SecretBackend } from '../../../../electron/core/secrets/SecretBackend';
import { SecretsService } from '../../../../electron/core/secrets/SecretsService';
import { createSettingsPart } from '../../../../electron/core/settings/createSettingsPart';
import { createPartContext } from '../../../../electron/core/lifecycle/createPartContext';
import { HearthError } from '../../../../electron/shared/errors';
import { tempDir, testPlatform } from '../../../helpers/tempCore';

const logger = pino({ level: 'silent' });
const call = { origin: 'ipc' as const, signal: new AbortController().signal };

/** An in-memory keychain, so only the mounted files are under test. */
function memoryKeychain(): SecretBackend {
  const values = new Map<string, string>();
  return {
    kind: 'keychain',
    set: async (name, value) => void values.set(name, value),
    get: async (name) => values.get(name) ?? null,
    delete: async (name) => values.delete(name),
    list: async () => [...values.keys()],
  };
}

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  dir = await tempDir('hearth-mounted-');
});
afterEach(() => dir.remove());

describe('secrets mounted as files', () => {
  it('reads the file at every use (a rotated secret takes effect), lists it and refuses to change it', async () => {
    const file = join(dir.path, 'password');
    await writeFile(file, 'first\n');
    const secrets = await SecretsService.open({
      service: 'x',
      dataDir: dir.path,
      logger,
      keychain: memoryKeychain(),
      allowFileFallback: false,
      mounted: new Map([['postgres-password', { path: file, endpoint: null }]]),
    });
    expect(await secrets.reveal('postgres-password')).toBe('first');
    await writeFile(file, 'second');
    expect(await secrets.reveal('postgres-password')).toBe('second');
    expect(await secrets.has('postgres-password')).toBe(true);
    await secrets.set('openai', 'sk-1');
    expect((await secrets.list()).sort()).toEqual(['openai', 'postgres-password']);
    await expect(secrets.set('postgres-password', 'x')).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(secrets.delete('postgres-password')).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(await secrets.reveal('postgres-password')).toBe('second');
  });

  it('goes only to the endpoint it is bound to', async () => {
    const file = join(dir.path, 's3');
    await writeFile(file, 'secret-key');
    const secrets = await SecretsService.open({
      service: 'x',
      dataDir: dir.path,
      logger,
      keychain: memoryKeychain(),
      allowFileFallback: false,
      mounted: new Map([['s3-secret-key', { path: file, endpoint: 'https://s3.internal:8333' }]]),
    });
    expect(await secrets.revealFor('s3-secret-key', 'https://s3.internal:8333')).toBe('secret-key');
    expect(await secrets.revealFor('s3-secret-key', 'https://elsewhere.example')).toBeNull();
  });

  it('a file that went missing fails with KEYCHAIN_UNAVAILABLE naming the file, not with an empty secret', async () => {
    const file = join(dir.path, 'gone');
    const secrets = await SecretsService.open({
      service: 'x',
      dataDir: dir.path,
      logger,
      keychain: memoryKeychain(),
      allowFileFallback: false,
      mounted: new Map([['remote-endpoint-key', { path: file, endpoint: null }]]),
    });
    const failure = await secrets.reveal('remote-endpoint-key').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(HearthError);
    expect(failure).toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' });
    expect((failure as Error).message).toContain(file);
  });

  it('the secrets part binds a mounted secret to the endpoint the settings name at start', async () => {
    const file = join(dir.path, 'pg-password');
    await writeFile(file, 'hunter2\n');
    const platform = testPlatform(dir.path, {
      keychain: memoryKeychain(),
      mountedSecrets: { 'postgres-password': file },
    });
    const ctx = await createPartContext(platform);
    try {
      const settings = await createSettingsPart(ctx);
      await settings.services.settings.update({
        storage: { postgresUrl: 'postgres://hearth@db.internal:5432/hearth' },
      });
      const { services, handlers } = await createSecretsPart(ctx, settings.services);
      expect(await services.secrets.revealFor('postgres-password', 'db.internal:5432')).toBe('hunter2');
      expect(await services.secrets.revealFor('postgres-password', 'other:5432')).toBeNull();
      // Clients see that it is there (Settings shows it as set), never its value.
      expect(await handlers['secrets.has']({ name: 'postgres-password' }, call)).toEqual({
        name: 'postgres-password',
        exists: true,
      });
    } finally {
      await ctx.disposables.dispose();
    }
  });
});
