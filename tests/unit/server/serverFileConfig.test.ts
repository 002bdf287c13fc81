import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applySettingsFile } from '../../../electron/server/applySettingsFile';
import { readServerFileConfig } from '../../../electron/server/serverFileConfig';
import { tempDir } from '../../helpers/tempCore';

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  dir = await tempDir('hearth-file-config-');
});
afterEach(() => dir.remove());

describe('HEARTH_*_FILE variables', () => {
  it('map each mounted secret to the keychain entry the app uses, and name the other files', async () => {
    const file = (name: string) => join(dir.path, name);
    for (const name of ['pg', 's3', 'remote', 'keys', 'id', 'settings.json', 'crt', 'key', 'catalog'])
      await writeFile(file(name), 'x');
    const config = await readServerFileConfig({
      HEARTH_POSTGRES_PASSWORD_FILE: file('pg'),
      HEARTH_S3_SECRET_KEY_FILE: file('s3'),
      HEARTH_REMOTE_API_KEY_FILE: file('remote'),
      HEARTH_API_KEYS_FILE: file('keys'),
      HEARTH_S3_ACCESS_KEY_ID_FILE: file('id'),
      HEARTH_SETTINGS_FILE: file('settings.json'),
      HEARTH_TLS_CERT_FILE: file('crt'),
      HEARTH_TLS_KEY_FILE: file('key'),
      HEARTH_CATALOG_PASSWORD_FILE: file('catalog'),
      PATH: '/usr/bin',
    });
    expect(config).toEqual({
      mountedSecrets: {
        'postgres-password': file('pg'),
        's3-secret-key': file('s3'),
        'remote-endpoint-key': file('remote'),
      },
      apiKeysFile: file('keys'),
      s3AccessKeyIdFile: file('id'),
      settingsFile: file('settings.json'),
      tlsCertFile: file('crt'),
      tlsKeyFile: file('key'),
      catalogPasswordFile: file('catalog'),
    });
    expect(await readServerFileConfig({})).toEqual({ mountedSecrets: {} });
  });

  it('refuses a secret given as a plain value in the environment', async () => {
    await expect(readServerFileConfig({ HEARTH_POSTGRES_PASSWORD: 'hunter2' })).rejects.toThrow(
      /HEARTH_POSTGRES_PASSWORD is set: Hearth reads secrets only from files.*HEARTH_POSTGRES_PASSWORD_FILE/,
    );
  });

  it('stops the start naming the variable when its file is missing or a folder', async () => {
    await expect(readServerFileConfig({ HEARTH_S3_SECRET_KEY_FILE: join(dir.path, 'nope') })).rejects.toThrow(
      /HEARTH_S3_SECRET_KEY_FILE names .*nope, which cannot be read as a file \(ENOENT\)/,
    );
    await expect(readServerFileConfig({ HEARTH_API_KEYS_FILE: dir.path })).rejects.toThrow(/HEARTH_API_KEYS_FILE/);
  });
});

describe('applySettingsFile', () => {
  it('writes the operator settings and the access key id into settings.json before the core starts', async () => {
    const patch = join(dir.path, 'settings.json');
    const id = join(dir.path, 'access-key-id');
    await writeFile(
      patch,
      JSON.stringify({
        storage: { objectBackend: 'external', s3Endpoint: 'http://s3.hearth:8333', vectorBackend: 'pgvector' },
      }),
    );
    await writeFile(id, 'hearth-access\n');
    const data = join(dir.path, 'data');
    await applySettingsFile({ dataDir: data, settingsFile: patch, s3AccessKeyIdFile: id });
    const stored = JSON.parse(await readFile(join(data, 'settings.json'), 'utf8')) as {
      storage: Record<string, string>;
      answers: { sources: number };
    };
    expect(stored.storage).toMatchObject({
      objectBackend: 'external',
      s3Endpoint: 'http://s3.hearth:8333',
      vectorBackend: 'pgvector',
      s3AccessKeyId: 'hearth-access',
      s3Bucket: 'hearth',
    });
    expect(stored.answers.sources).toBe(6);
  });

  it('refuses an unknown key or a bad value, naming the file and the field, and leaves settings.json alone', async () => {
    const data = join(dir.path, 'data');
    const good = join(dir.path, 'good.json');
    await writeFile(good, JSON.stringify({ answers: { sources: 4 } }));
    await applySettingsFile({ dataDir: data, settingsFile: good });
    const before = await readFile(join(data, 'settings.json'), 'utf8');

    const unknown = join(dir.path, 'unknown.json');
    await writeFile(unknown, JSON.stringify({ storage: { bucket: 'x' } }));
    await expect(applySettingsFile({ dataDir: data, settingsFile: unknown })).rejects.toThrow(/unknown\.json.*bucket/s);
    const invalid = join(dir.path, 'invalid.json');
    await writeFile(invalid, JSON.stringify({ storage: { postgresUrl: 'postgres://u@db/x?sslkey=/etc/shadow' } }));
    await expect(applySettingsFile({ dataDir: data, settingsFile: invalid })).rejects.toThrow(/sslkey/);
    const broken = join(dir.path, 'broken.json');
    await writeFile(broken, '{ storage: ');
    await expect(applySettingsFile({ dataDir: data, settingsFile: broken })).rejects.toThrow(
      /broken\.json is not a JSON/,
    );
    expect(await readFile(join(data, 'settings.json'), 'utf8')).toBe(before);
  });
});
