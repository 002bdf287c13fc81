import { writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readSharedCatalog } from '../../../electron/server/sharedCatalogConfig';
import { tempDir } from '../../helpers/tempCore';

let dir: Awaited<ReturnType<typeof tempDir>>;
beforeEach(async () => {
  dir = await tempDir('hearth-shared-catalog-');
});
afterEach(() => dir.remove());

describe('readSharedCatalog', () => {
  it('connects to the address with the password from its file (trailing newline dropped) and a 30 s lease', async () => {
    const passwordFile = join(dir.path, 'password');
    await writeFile(passwordFile, 's3cret\n');
    const shared = await readSharedCatalog({ url: 'postgres://hearth@db.internal:6543/library', passwordFile });
    expect(shared.postgres.connection).toMatchObject({
      host: 'db.internal',
      port: 6543,
      user: 'hearth',
      database: 'library',
      password: 's3cret',
    });
    expect(shared).toMatchObject({ password: 's3cret', leaseMs: 30_000, replicaId: `${hostname()}-${process.pid}` });
  });

  it('takes a replica id and a lease length, and refuses bad ones', async () => {
    const url = 'postgres://hearth@db/library';
    expect(await readSharedCatalog({ url, replicaId: 'hearth-7f9c:1', leaseSeconds: '2' })).toMatchObject({
      replicaId: 'hearth-7f9c:1',
      leaseMs: 2000,
      password: null,
    });
    await expect(readSharedCatalog({ url, replicaId: 'a b' })).rejects.toThrow(/--replica-id/);
    await expect(readSharedCatalog({ url, leaseSeconds: '0' })).rejects.toThrow(/--lease-seconds/);
  });

  it('refuses an address with a password in it, or one that is not PostgreSQL', async () => {
    await expect(readSharedCatalog({ url: 'postgres://hearth:pw@db/library' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(readSharedCatalog({ url: 'mysql://hearth@db/library' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
  });
});
