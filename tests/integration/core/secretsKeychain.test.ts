import { AsyncEntry, findCredentialsAsync } from '@napi-rs/keyring';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestCore } from '../../helpers/tempCore';
import { keychainServiceName } from '../../../electron/core/secrets/keychainServiceName';
import { startTestCore, tempDir, testPlatform } from '../../helpers/tempCore';

let dir: Awaited<ReturnType<typeof tempDir>>;
let core: TestCore;
let service: string;

beforeAll(async () => {
  dir = await tempDir('hearth-keychain-');
  try {
    await findCredentialsAsync('Hearth probe');
  } catch (error) {
    throw new Error(
      `No Secret Service is reachable (${String(error)}). Run the tests through "npm test", which starts ` +
        'dbus-run-session with gnome-keyring (Debian packages dbus, dbus-x11, gnome-keyring).',
      { cause: error },
    );
  }
  core = await startTestCore(dir.path);
  service = keychainServiceName(dir.path, testPlatform(dir.path).defaultDataDir);
});

afterAll(async () => {
  for (const credential of await findCredentialsAsync(service))
    await new AsyncEntry(service, credential.account).deleteCredential();
  await core?.dispose();
  await dir?.remove();
});

const call = (channel: string, input: unknown) =>
  core.services.dispatcher.call(channel, input, { origin: 'internal', signal: new AbortController().signal });

describe('secrets in the real keychain', () => {
  it('uses the keychain, namespaced to this data dir', async () => {
    expect(core.services.secrets.kind).toBe('keychain');
    expect(core.services.secrets.warning).toBeNull();
    expect(service).toMatch(/^Hearth [0-9a-f]{10}$/);
  });

  it('stores a value in the keychain and only ever reports its name', async () => {
    const set = await call('secrets.set', { name: 'openai-endpoint', value: 'sk-test-4242' });
    expect(set).toEqual({ ok: true, value: { name: 'openai-endpoint', exists: true } });
    expect(await new AsyncEntry(service, 'openai-endpoint').getPassword()).toBe('sk-test-4242');
    const list = await call('secrets.list', {});
    expect(list).toEqual({ ok: true, value: { backend: 'keychain', warning: null, names: ['openai-endpoint'] } });
    expect(JSON.stringify(list)).not.toContain('sk-test-4242');
    expect(await call('secrets.has', { name: 'openai-endpoint' })).toEqual({
      ok: true,
      value: { name: 'openai-endpoint', exists: true },
    });
  });

  it('deletes it from the keychain', async () => {
    expect(await call('secrets.delete', { name: 'openai-endpoint' })).toEqual({
      ok: true,
      value: { name: 'openai-endpoint', deleted: true },
    });
    expect(await new AsyncEntry(service, 'openai-endpoint').getPassword()).toBeNull();
    expect(await call('secrets.delete', { name: 'openai-endpoint' })).toEqual({
      ok: true,
      value: { name: 'openai-endpoint', deleted: false },
    });
  });

  it('records secret changes in the audit log by name only', async () => {
    const verify = await core.services.audit.verify();
    expect(verify.ok).toBe(true);
    expect(verify.entries).toBeGreaterThanOrEqual(2);
  });
});
