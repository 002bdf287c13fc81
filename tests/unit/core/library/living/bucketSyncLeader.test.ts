import { join } from 'node:path';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Catalog } from '../../../../../electron/core/library/catalog/Catalog';
import { BucketSync } from '../../../../../electron/core/library/living/BucketSync';
import type { ObjectStore } from '../../../../../electron/core/objects/ObjectStore';
import { tempDir, waitFor } from '../../../../helpers/tempCore';

/*
 * Bucket sync on a team server: every replica watches the bucket, one at a time (the `bucket-sync` leader lease in
 * the catalogue) acts on it, and another takes over when the leader stops or dies.
 */

const LEASE = 300;
let dir: Awaited<ReturnType<typeof tempDir>>;
const opened: { catalog: Catalog; sync: BucketSync }[] = [];

/** An S3 server that is not MinIO (so the watcher polls) with an empty bucket. */
const store = {
  serverFlavor: async () => 'other',
  list: async () => [],
} as unknown as ObjectStore;

beforeEach(async () => {
  dir = await tempDir('hearth-bucket-leader-');
});
afterEach(async () => {
  for (const { catalog, sync } of opened.splice(0)) {
    await sync.dispose();
    catalog.dispose();
  }
  await dir.remove();
});

function replica(id: string): { catalog: Catalog; sync: BucketSync } {
  const catalog = Catalog.open({ dataDir: join(dir.path, 'library') });
  const sync = new BucketSync({
    catalog,
    reviser: { revise: () => Promise.reject(new Error('nothing changes in this bucket')) },
    tempDir: join(dir.path, `temp-${id}`),
    pollMs: 60_000,
    onUpdated: () => undefined,
    logger: pino({ level: 'silent' }),
    leader: { holder: id, leaseMs: LEASE },
  });
  const entry = { catalog, sync };
  opened.push(entry);
  return entry;
}

describe('bucket sync leadership', () => {
  it('one replica leads at a time; a graceful stop hands the lead to another at its next renewal', async () => {
    const a = replica('a');
    const b = replica('b');
    await a.sync.start(store);
    await b.sync.start(store);
    expect([a.sync.leading, b.sync.leading]).toEqual([true, false]);
    await new Promise((resolve) => setTimeout(resolve, LEASE * 2));
    // A renews its lease: B has not taken over.
    expect([a.sync.leading, b.sync.leading]).toEqual([true, false]);
    await a.sync.dispose();
    expect(a.sync.leading).toBe(false);
    await waitFor('B to lead', () => b.sync.leading, LEASE * 3);
    expect(b.catalog.leaders.leader('bucket-sync')?.holder).toBe('b');
  });

  it('a leader that dies (its catalogue connection gone) is replaced once its lease runs out', async () => {
    const a = replica('a');
    const b = replica('b');
    await a.sync.start(store);
    await b.sync.start(store);
    expect(a.sync.leading).toBe(true);
    const until = b.catalog.leaders.leader('bucket-sync')!.until;
    a.catalog.dispose();
    await waitFor('B to lead', () => b.sync.leading, LEASE * 5);
    // Not before A's last lease ran out.
    expect(Date.now()).toBeGreaterThanOrEqual(until);
    expect(a.sync.leading).toBe(false);
  });
});
