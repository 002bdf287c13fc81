import { randomUUID } from 'node:crypto';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TestCore } from '../../../helpers/tempCore';
import { DEFAULT_SETTINGS } from '../../../../electron/shared/settings';
import { startTestCore, tempDir, waitFor } from '../../../helpers/tempCore';
import { startPasswordGate } from '../vectors/passwordGate';
import { startPglite, type PgliteServer } from '../vectors/pgliteServer';

let dir: Awaited<ReturnType<typeof tempDir>>;
let core: TestCore | undefined;

beforeEach(async () => {
  dir = await tempDir('hearth-storage-');
});
afterEach(async () => {
  await core?.dispose();
  core = undefined;
  await dir.remove();
});

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('storage services started with the core', () => {
  it('run Chroma and the dev S3 server, report them, and leave no process after dispose', async () => {
    core = await startTestCore(dir.path, { startSidecars: true });
    await core.services.storage.ready;
    const status = await core.services.storage.status();
    expect(status.objects).toMatchObject({ kind: 'dev-s3', state: 'running', bucket: 'hearth' });
    expect(status.objects.note).toMatch(/development S3 server/);
    expect(status.objects.endpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(status.vectors).toMatchObject({ backend: 'chroma', state: 'running', note: null });
    expect(status.locations.map((l) => l.name)).toEqual(expect.arrayContaining(['Models', 'Vectors (Chroma)']));
    expect(status.locations.find((l) => l.name === 'Vectors (Chroma)')!.bytes).toBeGreaterThan(0);
    const pids = core.services.supervisor.list().map((c) => c.pid!);
    expect(pids).toHaveLength(2);
    await core.dispose();
    core = undefined;
    await waitFor('sidecars gone', () => pids.every((pid) => !alive(pid)));
  });
});

describe('PostgreSQL backend status', () => {
  let pglite: PgliteServer | undefined;
  afterEach(async () => {
    await pglite?.stop();
    pglite = undefined;
  });

  const configure = (postgresUrl: string) =>
    writeFile(
      join(dir.path, 'settings.json'),
      JSON.stringify({
        ...DEFAULT_SETTINGS,
        storage: { ...DEFAULT_SETTINGS.storage, vectorBackend: 'pgvector', postgresUrl },
      }),
    );

  it('is running when the configured database answers', async () => {
    pglite = await startPglite();
    await configure(pglite.url);
    core = await startTestCore(dir.path, { startSidecars: true });
    await core.services.storage.ready;
    const { vectors } = await core.services.storage.status();
    expect(vectors).toMatchObject({ backend: 'pgvector', state: 'running', note: null });
  });

  it('is failed, with the reason in words, when nothing listens there', async () => {
    await configure('postgres://hearth@127.0.0.1:1/hearth');
    core = await startTestCore(dir.path, { startSidecars: true });
    await core.services.storage.ready;
    const { vectors } = await core.services.storage.status();
    expect(vectors.state).toBe('failed');
    expect(vectors.note).toMatch(/PostgreSQL did not answer/);
  });

  it('sends the password saved in the keychain, which no file holds', async () => {
    pglite = await startPglite();
    const secret = `kc-${randomUUID()}`;
    const gate = await startPasswordGate(Number(new URL(pglite.url).port), secret);
    try {
      await configure(gate.url);
      core = await startTestCore(dir.path, { startSidecars: true });
      await core.services.storage.ready;
      // No password saved yet: the database refuses, and Settings says so.
      expect((await core.services.storage.status()).vectors).toMatchObject({ state: 'failed' });
      const saved = await core.services.dispatcher.call(
        'secrets.set',
        { name: 'postgres-password', value: secret },
        { origin: 'internal', signal: new AbortController().signal },
      );
      expect(saved).toMatchObject({ ok: true });
      await core.dispose();

      core = await startTestCore(dir.path, { startSidecars: true });
      await core.services.storage.ready;
      expect((await core.services.storage.status()).vectors).toMatchObject({ backend: 'pgvector', state: 'running' });
      expect(gate.seen.at(-1)).toBe(secret);
      const store = core.services.library.indexFor({ model: 'kc', version: 1, dimensions: 3 });
      await store.upsert([{ id: 'a', documentId: 'd', vector: [1, 0, 0], metadata: {} }]);
      expect(await store.count()).toBe(1);
      for (const file of await readdir(dir.path, { recursive: true })) {
        const path = join(dir.path, file);
        if (!(await stat(path)).isFile()) continue;
        expect((await readFile(path)).includes(secret), file).toBe(false);
      }
    } finally {
      await gate.close();
    }
  });
});
