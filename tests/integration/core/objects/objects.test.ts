import { AsyncEntry } from '@napi-rs/keyring';
import { execFileSync } from 'node:child_process';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from 'minio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_PART_SIZE,
  DEV_SERVER_WARNING,
  externalConnection,
  ObjectServer,
  ObjectStore,
  ObjectWatcher,
  REMOTE_SECRET_DEFAULT,
  ROOT_PASSWORD_SECRET,
  ROOT_USER_SECRET,
  type ObjectChange,
  type UploadProgress,
} from '../../../../electron/core/objects';
import { HearthError } from '../../../../electron/shared/errors';
import { childPidOf, makeFile, repoRoot, sha256, startHarness, type Harness } from './objectsHarness';
import { sourceTreeSidecars } from '../../../helpers/sourceTreeSidecars';

const MiB = 1024 * 1024;
/** Over 64 MiB (the minio client's own multipart threshold) and not a multiple of the part size. */
const BIG = 65 * MiB + 12_345;

let h: Harness;
let big: { path: string; sha256: string };

beforeAll(async () => {
  h = await startHarness();
  const path = join(h.dataDir, 'big.bin');
  big = { path, sha256: await makeFile(path, BIG) };
}, 120_000);

afterAll(async () => {
  await h?.dispose();
});

async function expectHearthError(promise: Promise<unknown>, code: string): Promise<HearthError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(HearthError);
  expect((error as HearthError).code).toBe(code);
  return error as HearthError;
}

/** Every file under `dir`, recursively. */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

describe('the development S3 sidecar', () => {
  it('runs under the supervisor and announces that it is not MinIO', () => {
    const status = h.server.status;
    expect(status.kind).toBe('dev-s3');
    expect(status.warning).toBe(DEV_SERVER_WARNING);
    expect(status.child?.state).toBe('running');
    expect(status.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(h.logs.some((l) => l.level === 40 && l.msg === DEV_SERVER_WARNING)).toBe(true);
  });

  it('can run a configured S3-compatible command instead (here the dev server, started as one)', async () => {
    const custom = new ObjectServer({
      supervisor: h.supervisor,
      secrets: h.secrets,
      logger: h.logger,
      objectsDir: join(h.dataDir, 'objects'),
      node: { command: process.execPath },
      minioBinary: join(h.dataDir, 'no-minio-here'),
      devServerScript: '',
      name: 'objects-custom',
      command: {
        command: process.execPath,
        args: [sourceTreeSidecars(repoRoot).devServerScript, '--directory', '{dataDir}', '--port', '{port}'],
        healthPath: '/_hearth/health',
      },
    });
    try {
      const connection = await custom.start();
      expect(custom.status).toMatchObject({ kind: 'custom', child: { name: 'objects-custom', state: 'running' } });
      expect(connection.url).not.toBe(h.connection.url);
      const store = new ObjectStore({ connection, logger: h.logger });
      await store.ensureBucket();
      expect(await store.list()).toEqual([]);
      store.dispose();
    } finally {
      await custom.dispose();
    }
    expect(custom.status.child?.state).toBe('stopped');
  });

  it('refuses requests that are unsigned or signed with other credentials', async () => {
    const anonymous = await fetch(`${h.connection.url}/${h.store.bucket}?list-type=2`);
    expect(anonymous.status).toBe(403);
    const wrong = new ObjectStore({
      connection: { ...h.connection, secretKey: 'not-the-secret-key', waitUntilReady: undefined },
      logger: h.logger,
    });
    await expectHearthError(wrong.list(), 'SIDECAR_DOWN');
    wrong.dispose();
  });
});

describe('ObjectStore against the dev S3 sidecar', () => {
  it('uploads a file over 64 MiB part by part with monotonic progress, and downloads it back identical', async () => {
    const progress: UploadProgress[] = [];
    const result = await h.store.upload('originals/big.bin', big.path, {
      onProgress: (p) => progress.push(p),
      metadata: { 'original-name': 'big.bin' },
      contentType: 'application/octet-stream',
    });
    expect(result.size).toBe(BIG);
    expect(result.sha256).toBe(big.sha256);
    expect(result.parts).toBe(Math.ceil(BIG / DEFAULT_PART_SIZE));
    expect(progress.length).toBe(result.parts + 1);
    for (let i = 1; i < progress.length; i++) {
      expect(progress[i]!.sentBytes).toBeGreaterThan(progress[i - 1]!.sentBytes);
      expect(progress[i]!.totalBytes).toBe(BIG);
    }
    expect(progress.at(-1)).toEqual({ sentBytes: BIG, totalBytes: BIG });

    expect(await sha256(await h.store.download('originals/big.bin'))).toBe(big.sha256);
    const stat = await h.store.stat('originals/big.bin');
    expect(stat.size).toBe(BIG);
    expect(stat.metadata['original-name']).toBe('big.bin');
  });

  it('downloads an inclusive byte range', async () => {
    const file = await readFile(big.path);
    const start = 16 * MiB - 100; // across a part boundary
    const end = 16 * MiB + 99;
    const chunks: Buffer[] = [];
    for await (const chunk of await h.store.download('originals/big.bin', { range: { start, end } })) {
      chunks.push(chunk as Buffer);
    }
    const bytes = Buffer.concat(chunks);
    expect(bytes.length).toBe(200);
    expect(bytes.equals(file.subarray(start, end + 1))).toBe(true);
    await expectHearthError(h.store.download('originals/big.bin', { range: { start: 10, end: 5 } }), 'INVALID_INPUT');
    await expectHearthError(h.store.download('originals/not-there.bin'), 'NOT_FOUND');
  });

  it('stops a download when its signal fires', async () => {
    const controller = new AbortController();
    const stream = await h.store.download('originals/big.bin', { signal: controller.signal });
    let received = 0;
    const error = await (async () => {
      for await (const chunk of stream) {
        received += (chunk as Buffer).length;
        if (received >= MiB) controller.abort();
      }
    })().then(
      () => null,
      (e: unknown) => e,
    );
    expect((error as HearthError).code).toBe('CANCELLED');
    expect(received).toBeLessThan(BIG);
  });

  it('cancels mid-upload: the transfer stops, the abort is attempted and s3rver’s refusal is handled', async () => {
    const controller = new AbortController();
    const progress: UploadProgress[] = [];
    let progressAfterCancel = 0;
    const store = new ObjectStore({ connection: h.connection, logger: h.logger, partSize: 5 * MiB });
    const upload = store.upload('originals/cancelled.bin', big.path, {
      signal: controller.signal,
      onProgress: (p) => {
        if (controller.signal.aborted) progressAfterCancel++;
        progress.push(p);
        // Abort while the next part is on the wire.
        if (p.sentBytes >= 10 * MiB) setTimeout(() => controller.abort(), 5);
      },
    });
    const error = await expectHearthError(upload, 'CANCELLED');
    expect(error.details?.['abort']).toBe('refused');
    expect(progressAfterCancel).toBe(0);
    expect(progress.at(-1)!.sentBytes).toBeLessThan(BIG);
    expect(
      h.logs.some((l) => l.level === 40 && String(l.msg).includes('does not support aborting multipart uploads')),
    ).toBe(true);
    await expectHearthError(store.stat('originals/cancelled.bin'), 'NOT_FOUND');
    store.dispose();
  });

  it('round-trips tags (embedding_version, sha256) and merges updates', async () => {
    const path = join(h.dataDir, 'small.txt');
    await rm(path, { force: true });
    const hash = await makeFile(path, 1000);
    const result = await h.store.upload('originals/small.txt', path, {
      tags: { embedding_version: '1', sha256: hash },
    });
    expect(result.parts).toBe(0);
    expect(await h.store.getTags('originals/small.txt')).toEqual({ embedding_version: '1', sha256: hash });
    await h.store.setTags('originals/small.txt', { embedding_version: '2' }, { merge: true });
    expect(await h.store.getTags('originals/small.txt')).toEqual({ embedding_version: '2', sha256: hash });
    await h.store.setTags('originals/small.txt', { embedding_version: '3' });
    expect(await h.store.getTags('originals/small.txt')).toEqual({ embedding_version: '3' });
    await expectHearthError(h.store.setTags('originals/small.txt', { 'bad\nname': 'x' }), 'INVALID_INPUT');
  });

  it('stats, lists by prefix and deletes', async () => {
    const stat = await h.store.stat('originals/small.txt');
    expect(stat).toMatchObject({ key: 'originals/small.txt', size: 1000, contentType: 'application/octet-stream' });
    expect(stat.etag).toMatch(/^[0-9a-f]{32}/);

    const keys = (await h.store.list('originals/')).map((o) => o.key).sort();
    expect(keys).toEqual(['originals/big.bin', 'originals/small.txt']);
    expect(await h.store.list('nothing-here/')).toEqual([]);

    await h.store.delete('originals/small.txt');
    await expectHearthError(h.store.stat('originals/small.txt'), 'NOT_FOUND');
    await expectHearthError(h.store.getTags('originals/small.txt'), 'NOT_FOUND');
    await h.store.delete('originals/small.txt'); // deleting what is gone succeeds, as in S3
    await expectHearthError(h.store.upload('originals/x', join(h.dataDir, 'missing.bin')), 'NOT_FOUND');
  });
});

describe('ObjectWatcher against a server that is not MinIO', () => {
  it('polls, and sees objects added, replaced and removed by another client', async () => {
    const path = join(h.dataDir, 'watched.txt');
    await makeFile(path, 2000);
    await h.store.upload('watched/a.txt', path);
    const watcher = new ObjectWatcher({ store: h.store, logger: h.logger, prefix: 'watched/', intervalMs: 150 });
    const changes: ObjectChange[] = [];
    watcher.onChange((c) => changes.push(c));
    try {
      expect(await watcher.start()).toBe('polling');
      // Someone else, with their own client, behind Hearth's back.
      const url = new URL(h.connection.url);
      const other = new Client({
        endPoint: url.hostname,
        port: Number(url.port),
        useSSL: false,
        accessKey: h.connection.accessKey,
        secretKey: h.connection.secretKey,
        region: 'us-east-1',
        pathStyle: true,
      });
      const replaced = await other.putObject('hearth', 'watched/a.txt', Buffer.from('new content'));
      await waitForChange(changes, (c) => c.type === 'changed' && c.key === 'watched/a.txt');
      expect(changes.find((c) => c.type === 'changed')).toEqual({
        type: 'changed',
        key: 'watched/a.txt',
        etag: replaced.etag,
      });
      await other.putObject('hearth', 'watched/b c+d.txt', Buffer.from('b'));
      await waitForChange(changes, (c) => c.type === 'added' && c.key === 'watched/b c+d.txt');
      await other.removeObject('hearth', 'watched/a.txt');
      await waitForChange(changes, (c) => c.type === 'removed' && c.key === 'watched/a.txt');
      expect(changes.filter((c) => c.key.startsWith('originals/'))).toEqual([]);
    } finally {
      watcher.dispose();
    }
  });

  it('never takes the MinIO notification path, and the process stays alive', async () => {
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown): void => void uncaught.push(error);
    process.on('uncaughtException', onUncaught);
    process.on('unhandledRejection', onUncaught);
    try {
      expect(await h.store.serverFlavor()).toBe('other');
      // The one code path that would call listenBucketNotification refuses before sending anything.
      await expectHearthError(h.store.listenNotifications('', new AbortController().signal), 'INVALID_INPUT');
      const watcher = new ObjectWatcher({ store: h.store, logger: h.logger, intervalMs: 100 });
      expect(await watcher.start()).toBe('polling');
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      watcher.dispose();
      expect(uncaught).toEqual([]);
      expect(h.server.status.child?.state).toBe('running');
      expect(await h.store.list('watched/')).not.toBeNull();
    } finally {
      process.off('uncaughtException', onUncaught);
      process.off('unhandledRejection', onUncaught);
    }
  });
});

describe('an external S3 endpoint in place of the sidecar', () => {
  it('reads its secret key from the keychain, only when saved for this endpoint, and works as an external store', async () => {
    await expectHearthError(
      externalConnection(
        { endpoint: h.connection.url, bucket: 'hearth', accessKeyId: h.connection.accessKey },
        h.secrets,
        h.logger,
      ),
      'INVALID_INPUT',
    );
    // Here the "team endpoint" is the dev server itself, reached with its own credentials.
    const origin = new URL(h.connection.url).origin;
    // A key saved for another address (or before keys were bound to one) is never used to sign for this one.
    await h.secrets.setBound(REMOTE_SECRET_DEFAULT, h.connection.secretKey, 'https://s3.attacker.example');
    await expectHearthError(
      externalConnection(
        { endpoint: h.connection.url, bucket: 'hearth', accessKeyId: h.connection.accessKey },
        h.secrets,
        h.logger,
      ),
      'INVALID_INPUT',
    );
    await h.secrets.set(REMOTE_SECRET_DEFAULT, h.connection.secretKey);
    await expectHearthError(
      externalConnection(
        { endpoint: h.connection.url, bucket: 'hearth', accessKeyId: h.connection.accessKey },
        h.secrets,
        h.logger,
      ),
      'INVALID_INPUT',
    );
    await h.secrets.setBound(REMOTE_SECRET_DEFAULT, h.connection.secretKey, origin);
    const connection = await externalConnection(
      { endpoint: h.connection.url, bucket: 'hearth', accessKeyId: h.connection.accessKey },
      h.secrets,
      h.logger,
    );
    expect(connection).toMatchObject({ origin: 'external', region: 'us-east-1', pathStyle: true });
    expect(connection.waitUntilReady).toBeUndefined();
    const store = new ObjectStore({ connection, logger: h.logger });
    try {
      expect(store.origin).toBe('external');
      expect((await store.list('originals/')).map((o) => o.key)).toContain('originals/big.bin');
    } finally {
      store.dispose();
      await h.secrets.delete(REMOTE_SECRET_DEFAULT);
    }
    await expectHearthError(
      externalConnection({ endpoint: 'ftp://example.org', bucket: 'b', accessKeyId: 'k' }, h.secrets, h.logger),
      'INVALID_INPUT',
    );
  });
});

describe('after all of the above', () => {
  it('keeps generated root credentials in the keychain and in no file, argument or log line', async () => {
    const user = await new AsyncEntry(h.keychainService, ROOT_USER_SECRET).getPassword();
    const password = await new AsyncEntry(h.keychainService, ROOT_PASSWORD_SECRET).getPassword();
    expect(user).toMatch(/^hearth[0-9a-f]{12}$/);
    expect(password).toMatch(/^[0-9a-f]{40}$/);
    expect(h.connection.secretKey).toBe(password);

    // Objects, tags, pid records and logs were written by the tests above, so the scan is not vacuous.
    const files = await filesUnder(h.dataDir);
    expect(files.some((f) => f.includes(`${join('objects', 'dev-s3')}`))).toBe(true);
    expect(files.some((f) => f.endsWith('hearth.log'))).toBe(true);
    for (const file of files) {
      if (file === big.path) continue;
      const text = await readFile(file, 'latin1');
      expect(text.includes(password!), file).toBe(false);
      expect(text.includes(user!), file).toBe(false);
    }
    // `ps` shows arguments to every user; the credentials travel in the environment only.
    const pid = childPidOf(h.server.status.child!.pid!)!;
    const cmdline = execFileSync('ps', ['-ww', '-o', 'args=', '-p', String(pid)], { encoding: 'utf8' });
    expect(cmdline).toContain('devS3Server.mjs');
    expect(cmdline).not.toContain(password!);
  });
});

async function waitForChange(changes: ObjectChange[], match: (c: ObjectChange) => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!changes.some(match)) {
    if (Date.now() > deadline) throw new Error(`no matching change; saw ${JSON.stringify(changes)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
