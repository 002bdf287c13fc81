import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import {
  ensureRootCredentials,
  ROOT_PASSWORD_SECRET,
  ROOT_USER_SECRET,
} from '../../../../electron/core/objects/rootCredentials';
import type { SecretBackend } from '../../../../electron/core/secrets/SecretBackend';
import { SecretsService } from '../../../../electron/core/secrets/SecretsService';

/** An in-memory keychain (unit tier; the integration tests use the real one). */
function memoryKeychain(): SecretBackend & { values: Map<string, string> } {
  const values = new Map<string, string>();
  return {
    kind: 'keychain',
    values,
    set: async (account, value) => void values.set(account, value),
    get: async (account) => values.get(account) ?? null,
    delete: async (account) => values.delete(account),
    list: async () => [...values.keys()],
  };
}

async function open(keychain: SecretBackend): Promise<SecretsService> {
  return SecretsService.open({
    service: 'Hearth test',
    dataDir: '/nonexistent',
    logger: pino({ level: 'silent' }),
    keychain,
    allowFileFallback: false,
  });
}

describe('ensureRootCredentials', () => {
  it('generates strong credentials MinIO accepts on first start, then keeps returning them', async () => {
    const keychain = memoryKeychain();
    const secrets = await open(keychain);
    const first = await ensureRootCredentials(secrets);
    expect(first.accessKey).toMatch(/^hearth[0-9a-f]{12}$/); // MinIO: 3–20 characters
    expect(first.secretKey).toMatch(/^[0-9a-f]{40}$/); // MinIO: 8–40 characters; 160 random bits
    expect(keychain.values.get(ROOT_USER_SECRET)).toBe(first.accessKey);
    expect(keychain.values.get(ROOT_PASSWORD_SECRET)).toBe(first.secretKey);
    expect(await ensureRootCredentials(secrets)).toEqual(first);
    const other = await ensureRootCredentials(await open(memoryKeychain()));
    expect(other.secretKey).not.toBe(first.secretKey);
  });

  it('replaces half a pair whole', async () => {
    const keychain = memoryKeychain();
    keychain.values.set(ROOT_PASSWORD_SECRET, 'left-over-password');
    const credentials = await ensureRootCredentials(await open(keychain));
    expect(credentials.secretKey).not.toBe('left-over-password');
    expect(keychain.values.get(ROOT_USER_SECRET)).toBe(credentials.accessKey);
  });
});
