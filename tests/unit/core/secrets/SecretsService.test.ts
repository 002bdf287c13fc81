import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SecretBackend } from '../../../../electron/core/secrets/SecretBackend';
import { FILE_FALLBACK_WARNING, SecretsService } from '../../../../electron/core/secrets/SecretsService';
import { keychainServiceName } from '../../../../electron/core/secrets/keychainServiceName';
import { tempDir } from '../../../helpers/tempCore';

const logger = pino({ level: 'silent' });
const broken: SecretBackend = {
  kind: 'keychain',
  set: () => Promise.reject(new Error('org.freedesktop.DBus.Error.ServiceUnknown')),
  get: () => Promise.reject(new Error('no keychain')),
  delete: () => Promise.reject(new Error('no keychain')),
  list: () => Promise.reject(new Error('no keychain')),
};

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  dir = await tempDir('hearth-secrets-');
});
afterEach(() => dir.remove());

describe('SecretsService without a keychain', () => {
  it('falls back to a 0600 file with a loud warning where that is allowed (Linux servers)', async () => {
    const secrets = await SecretsService.open({
      service: 'x',
      dataDir: dir.path,
      logger,
      keychain: broken,
      allowFileFallback: true,
    });
    expect(secrets.kind).toBe('file');
    expect(secrets.warning).toBe(FILE_FALLBACK_WARNING);
    await secrets.set('openai', 'sk-123');
    expect(await secrets.has('openai')).toBe(true);
    expect(await secrets.list()).toEqual(['openai']);
    expect((await stat(join(dir.path, 'secrets.insecure.json'))).mode & 0o777).toBe(0o600);
    expect(await secrets.delete('openai')).toBe(true);
    expect(await secrets.has('openai')).toBe(false);
  });

  it('never falls back silently where a keychain must exist: calls fail with KEYCHAIN_UNAVAILABLE', async () => {
    const secrets = await SecretsService.open({
      service: 'x',
      dataDir: dir.path,
      logger,
      keychain: broken,
      allowFileFallback: false,
    });
    expect(secrets.kind).toBe('keychain');
    expect(secrets.warning).toMatch(/unavailable/);
    await expect(secrets.set('openai', 'v')).rejects.toMatchObject({ code: 'KEYCHAIN_UNAVAILABLE' });
  });

  it('rejects names that are not safe identifiers', async () => {
    const secrets = await SecretsService.open({
      service: 'x',
      dataDir: dir.path,
      logger,
      keychain: broken,
      allowFileFallback: true,
    });
    await expect(secrets.set('../etc', 'v')).rejects.toThrow();
  });
});

describe('keychainServiceName', () => {
  it('is "Hearth" for the default data dir and a stable, distinct name for any other', () => {
    expect(keychainServiceName('/home/a/.local/share/hearth', '/home/a/.local/share/hearth')).toBe('Hearth');
    const a = keychainServiceName('/tmp/one', '/default');
    expect(a).toMatch(/^Hearth [0-9a-f]{10}$/);
    expect(keychainServiceName('/tmp/one/', '/default')).toBe(a);
    expect(keychainServiceName('/tmp/two', '/default')).not.toBe(a);
  });
});
