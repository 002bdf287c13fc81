import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applySettingsFile } from '../../../electron/server/applySettingsFile';
import { readServerFileConfig } from '../../../electron/server/serverFileConfig';
import { startTestPostgres, type TestPostgres } from '../../helpers/postgresServer';
import { startTestCore, tempDir } from '../../helpers/tempCore';

/*
 * Seed 1.3 end to end: a server configured only by files — the settings patch and the PostgreSQL password named by
 * HEARTH_*_FILE — reaches a real PostgreSQL server (Debian's postgresql, started here) with that password, and a
 * wrong password in the file is reported as such.
 */

let postgres: TestPostgres;
let dir: Awaited<ReturnType<typeof tempDir>>;

beforeAll(async () => {
  postgres = await startTestPostgres();
  dir = await tempDir('hearth-mounted-pg-');
}, 60_000);
afterAll(async () => {
  await postgres?.stop();
  await dir?.remove();
});

/** Starts a core the way the headless shell does from HEARTH_*_FILE variables, and reads its vector store's state. */
async function vectorsWith(password: string, name: string) {
  const secrets = join(dir.path, `${name}-secrets`);
  await mkdir(secrets, { recursive: true });
  await writeFile(join(secrets, 'postgres-password'), `${password}\n`, { mode: 0o600 });
  await writeFile(
    join(secrets, 'settings.json'),
    JSON.stringify({
      storage: {
        vectorBackend: 'pgvector',
        postgresUrl: postgres.url,
        objectBackend: 'external',
        s3Endpoint: 'http://127.0.0.1:9',
        s3AccessKeyId: 'unused',
      },
    }),
  );
  const files = await readServerFileConfig({
    HEARTH_POSTGRES_PASSWORD_FILE: join(secrets, 'postgres-password'),
    HEARTH_SETTINGS_FILE: join(secrets, 'settings.json'),
  });
  const data = join(dir.path, name);
  await applySettingsFile({ dataDir: data, settingsFile: files.settingsFile! });
  const core = await startTestCore(data, { startSidecars: true, mountedSecrets: files.mountedSecrets });
  try {
    await core.services.storage.ready;
    return (await core.services.storage.status()).vectors;
  } finally {
    await core.dispose();
  }
}

describe('a PostgreSQL password from a mounted file', () => {
  it('connects to the server the settings file names', async () => {
    expect(await vectorsWith(postgres.password, 'right')).toMatchObject({
      backend: 'pgvector',
      state: 'running',
      note: null,
    });
  });

  it('a wrong password in the file fails with the server saying so', async () => {
    const vectors = await vectorsWith('not-the-password', 'wrong');
    expect(vectors.state).toBe('failed');
    expect(vectors.note).toMatch(/password authentication failed for user "hearth"/);
  });
});
