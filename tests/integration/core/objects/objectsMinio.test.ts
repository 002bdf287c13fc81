import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'minio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ObjectWatcher, type ObjectChange } from '../../../../electron/core/objects';
import { sourceTreeSidecars } from '../../../helpers/sourceTreeSidecars';
import type { HearthError } from '../../../../electron/shared/errors';
import { makeFile, repoRoot, sha256, startHarness, type Harness } from './objectsHarness';

// The real MinIO, where scripts/build-sidecars has built it (the macOS workflow does; these Linux machines cannot).
// It proves what s3rver cannot: AbortMultipartUpload and bucket notifications. vitest.config.ts runs this file
// only with HEARTH_MINIO_TESTS=1, and then a missing binary is a failure, not a skip.
const minioBinary = sourceTreeSidecars(repoRoot).minioBinary;
const MiB = 1024 * 1024;

describe('the bundled MinIO sidecar', () => {
  let h: Harness;
  let file: { path: string; sha256: string };

  beforeAll(async () => {
    if (!existsSync(minioBinary)) {
      throw new Error(`No MinIO binary at ${minioBinary}: run scripts/build-sidecars (needs Go ≥ 1.24) first.`);
    }
    h = await startHarness({ partSize: 5 * MiB }, { minioBinary });
    const path = join(h.dataDir, 'minio.bin');
    file = { path, sha256: await makeFile(path, 40 * MiB + 3) };
  }, 120_000);

  afterAll(async () => {
    await h?.dispose();
  });

  it('runs MinIO, not the dev server, and knows it is MinIO', async () => {
    expect(h.server.status).toMatchObject({ kind: 'minio', warning: null });
    expect(await h.store.serverFlavor()).toBe('minio');
  });

  it('uploads part by part and reads back identical bytes', async () => {
    const result = await h.store.upload('originals/minio.bin', file.path, { tags: { embedding_version: '1' } });
    expect(result.parts).toBe(9);
    expect(await sha256(await h.store.download('originals/minio.bin'))).toBe(file.sha256);
    expect(await h.store.getTags('originals/minio.bin')).toEqual({ embedding_version: '1' });
  });

  it('cancels an upload and MinIO drops its parts', async () => {
    const controller = new AbortController();
    const error = await h.store
      .upload('originals/cancelled.bin', file.path, {
        signal: controller.signal,
        onProgress: ({ sentBytes }) => {
          if (sentBytes >= 10 * MiB) controller.abort();
        },
      })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect((error as HearthError).code).toBe('CANCELLED');
    expect((error as HearthError).details?.['abort']).toBe('done');
    const url = new URL(h.connection.url);
    const admin = new Client({
      endPoint: url.hostname,
      port: Number(url.port),
      useSSL: false,
      accessKey: h.connection.accessKey,
      secretKey: h.connection.secretKey,
      region: 'us-east-1',
    });
    const pending: unknown[] = [];
    for await (const upload of admin.listIncompleteUploads('hearth', 'originals/', true)) pending.push(upload);
    expect(pending).toEqual([]);
  });

  it('watches through bucket notifications', async () => {
    const watcher = new ObjectWatcher({ store: h.store, logger: h.logger, prefix: 'watched/' });
    const changes: ObjectChange[] = [];
    watcher.onChange((c) => changes.push(c));
    try {
      expect(await watcher.start()).toBe('notifications');
      const url = new URL(h.connection.url);
      const other = new Client({
        endPoint: url.hostname,
        port: Number(url.port),
        useSSL: false,
        accessKey: h.connection.accessKey,
        secretKey: h.connection.secretKey,
        region: 'us-east-1',
      });
      // The subscription is a long poll opened asynchronously; give it a moment before writing.
      await new Promise((resolve) => setTimeout(resolve, 500));
      await other.putObject('hearth', 'watched/a.txt', Buffer.from('one'));
      await other.putObject('hearth', 'watched/a.txt', Buffer.from('two'));
      await other.removeObject('hearth', 'watched/a.txt');
      const deadline = Date.now() + 10_000;
      while (changes.length < 3 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(changes.map((c) => [c.type, c.key])).toEqual([
        ['added', 'watched/a.txt'],
        ['changed', 'watched/a.txt'],
        ['removed', 'watched/a.txt'],
      ]);
    } finally {
      watcher.dispose();
    }
  });
});
