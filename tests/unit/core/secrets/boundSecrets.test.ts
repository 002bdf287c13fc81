import pino from 'pino';
import { describe, expect, it } from 'vitest';
import type { SecretBackend } from '../../../../electron/core/secrets/SecretBackend';
import { SecretsService } from '../../../../electron/core/secrets/SecretsService';
import {
  boundEndpointOf,
  postgresEndpointOf,
  remoteEndpointOf,
} from '../../../../electron/core/secrets/secretBindings';
import { DEFAULT_SETTINGS } from '../../../../electron/shared/settings';

function memoryKeychain(): SecretBackend & { values: Map<string, string> } {
  const values = new Map<string, string>();
  return {
    values,
    kind: 'keychain',
    set: async (account, value) => void values.set(account, value),
    get: async (account) => values.get(account) ?? null,
    delete: async (account) => values.delete(account),
    list: async () => [...values.keys()],
  };
}

async function open() {
  const keychain = memoryKeychain();
  const secrets = await SecretsService.open({
    service: 'test',
    dataDir: '/nonexistent',
    logger: pino({ level: 'silent' }),
    keychain,
    allowFileFallback: false,
  });
  return { secrets, keychain };
}

describe('secrets bound to an endpoint', () => {
  it('are revealed only for the endpoint they were saved for', async () => {
    const { secrets } = await open();
    await secrets.setBound('remote-endpoint-key', 'sk-1', 'https://models.example');
    expect(await secrets.revealFor('remote-endpoint-key', 'https://models.example')).toBe('sk-1');
    expect(await secrets.revealFor('remote-endpoint-key', 'https://attacker.example')).toBeNull();
    expect(await secrets.revealFor('remote-endpoint-key', '')).toBeNull();
  });

  it('a value saved before binding (its endpoint unknown) is revealed to no endpoint', async () => {
    const { secrets } = await open();
    await secrets.set('remote-endpoint-key', 'sk-old');
    expect(await secrets.revealFor('remote-endpoint-key', 'https://models.example')).toBeNull();
    // A plain value shaped like a bound one is still not one (no marker).
    await secrets.set('remote-endpoint-key', JSON.stringify({ endpoint: 'https://models.example', value: 'x' }));
    expect(await secrets.revealFor('remote-endpoint-key', 'https://models.example')).toBeNull();
  });

  it('the endpoint is the server origin for model servers and host:port for PostgreSQL', () => {
    expect(remoteEndpointOf('https://Models.Example/v1')).toBe('https://models.example');
    expect(remoteEndpointOf('https://models.example:8443/other/v1')).toBe('https://models.example:8443');
    expect(remoteEndpointOf('')).toBe('');
    expect(postgresEndpointOf('postgres://hearth@DB.example/hearth')).toBe('db.example:5432');
    expect(postgresEndpointOf('postgresql://hearth@db.example:5433/notes?sslmode=require')).toBe('db.example:5433');
    expect(postgresEndpointOf('')).toBe('');
    const storage = { ...DEFAULT_SETTINGS.storage, s3Endpoint: 'https://S3.eu-west-1.example:9000' };
    expect(boundEndpointOf('s3-secret-key', { ...DEFAULT_SETTINGS, storage })).toBe(
      'https://s3.eu-west-1.example:9000',
    );
    const settings = {
      ...DEFAULT_SETTINGS,
      fallback: { ...DEFAULT_SETTINGS.fallback, remoteBaseUrl: 'http://127.0.0.1:8080/v1', remoteModel: 'm' },
    };
    expect(boundEndpointOf('remote-endpoint-key', settings)).toBe('http://127.0.0.1:8080');
    expect(boundEndpointOf('postgres-password', settings)).toBe('');
    expect(boundEndpointOf('gateway-token', settings)).toBeNull();
  });
});
