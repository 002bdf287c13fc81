import { Client } from 'minio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourceTreeSidecars } from '../../../helpers/sourceTreeSidecars';
import { repoRoot, startHarness, type HarnessOptions } from './objectsHarness';

// A library of thousands of documents lists its bucket in pages of 1,000 keys. s3rver's own continuation tokens need
// DES, which OpenSSL 3 refuses, so every listing past the first page failed with a 500 and the living library could
// not start; the dev server now pages with its own tokens.
const COUNT = 5_000;
// Every character S3 allows in a key that a file name can carry, in one place or another across the keys.
const ODD = [' ', '+', '%', '&', '<', '>', '"', "'", '!', '*', '(', ')', '=', ',', ';', ':', '@', '$', '~', '#'];
const NAMES = ['é', 'ß', '中文', 'Ωμέγα', '🙂', 'a b', 'x%2Fy', 'trailing.'];

function keyFor(i: number): string {
  const odd = ODD[i % ODD.length] ?? '';
  const name = NAMES[i % NAMES.length] ?? '';
  const folder = i % 3 === 0 ? `sub ${i % 11}/` : '';
  return `documents/${folder}${String(i).padStart(5, '0')}${odd}${name}.txt`;
}

/** The same listing checks against one server: the dev server always, the real MinIO in the macOS workflow. */
function listingSuite(server: string, options: HarnessOptions): void {
  describe(`listing a bucket of 5,000 objects on ${server}`, () => {
    let h: Awaited<ReturnType<typeof startHarness>>;
    let client: Client;
    const keys = Array.from({ length: COUNT }, (_, i) => keyFor(i));

    beforeAll(async () => {
      h = await startHarness({}, options);
      const url = new URL(h.connection.url);
      client = new Client({
        endPoint: url.hostname,
        port: Number(url.port),
        useSSL: false,
        accessKey: h.connection.accessKey,
        secretKey: h.connection.secretKey,
        region: h.connection.region,
        pathStyle: true,
      });
      for (let i = 0; i < keys.length; i += 100) {
        await Promise.all(keys.slice(i, i + 100).map((key, j) => client.putObject(h.store.bucket, key, `#${i + j}`)));
      }
      // A neighbour prefix that must stay out of the listing.
      await client.putObject(h.store.bucket, 'documents-old/x.txt', 'x');
    }, 300_000);

    afterAll(async () => {
      await h?.dispose();
    });

    it('ObjectStore.list returns every key once, with odd characters intact and sizes right', async () => {
      const listed = await h.store.list('documents/');
      expect(listed).toHaveLength(COUNT);
      expect(listed.map((o) => o.key).sort()).toEqual([...keys].sort());
      const sizes = new Map(listed.map((o) => [o.key, o.size]));
      expect(sizes.get(keyFor(0))).toBe('#0'.length);
      expect(sizes.get(keyFor(4_321))).toBe('#4321'.length);
    });

    it('pages ListObjectsV2 by 1,000 keys with continuation tokens, in key order, without gaps or repeats', async () => {
      const seen: string[] = [];
      let token = '';
      let pages = 0;
      for (;;) {
        const page = await client.listObjectsV2Query(h.store.bucket, 'documents/', token, '', 1000, '');
        pages++;
        seen.push(...page.objects.map((o) => o.name ?? ''));
        if (!page.isTruncated) break;
        expect(page.objects).toHaveLength(1000);
        expect(page.nextContinuationToken).not.toBe('');
        token = page.nextContinuationToken;
      }
      expect(pages).toBe(5);
      expect(new Set(seen).size).toBe(COUNT);
      expect(seen.sort()).toEqual([...keys].sort());
    });

    it('starts after a given key', async () => {
      const sorted = [...keys].sort();
      const after = sorted[COUNT - 3] ?? '';
      const page = await client.listObjectsV2Query(h.store.bucket, 'documents/', '', '', 1000, after);
      expect(page.objects.map((o) => o.name)).toEqual(sorted.slice(COUNT - 2));
      expect(page.isTruncated).toBe(false);
    });

    it('refuses a continuation token it did not make with a 400, not a server error', async () => {
      const error = await client.listObjectsV2Query(h.store.bucket, 'documents/', 'bm90LW91cnM', '', 1000, '').then(
        () => null,
        (e: unknown) => e as { code?: string; message?: string },
      );
      expect(error?.code).toBe('InvalidArgument');
      expect(error?.message).toMatch(/continuation token/i);
    });
  });
}

listingSuite('the dev S3 server', {});
// vitest.config.ts runs objectsMinio.test.ts only with HEARTH_MINIO_TESTS=1 (the macOS workflow builds MinIO).
if (process.env.HEARTH_MINIO_TESTS === '1')
  listingSuite('MinIO', { minioBinary: sourceTreeSidecars(repoRoot).minioBinary });
