import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Catalog } from '../../../../../electron/core/library/catalog/Catalog';
import { openCatalog } from '../../../../helpers/catalogBackend';
import { tempDir } from '../../../../helpers/tempCore';

/*
 * Job leases as two replicas see them: two catalogue connections on one library (one SQLite file, or one PostgreSQL
 * schema), each with its own replica id and a clock the test moves.
 */

let dir: Awaited<ReturnType<typeof tempDir>>;
let clock = 1_000_000;
let a: Catalog;
let b: Catalog;
const LEASE = 10_000;

beforeEach(async () => {
  clock = 1_000_000;
  dir = await tempDir('hearth-catalog-leases-');
  const now = () => clock;
  a = openCatalog({ dataDir: dir.path, now, replica: { id: 'replica-a', leaseMs: LEASE } });
  b = openCatalog({ dataDir: dir.path, now, replica: { id: 'replica-b', leaseMs: LEASE } });
});
afterEach(async () => {
  a.dispose();
  b.dispose();
  await dir.remove();
});

const path = (n: number) => ({ kind: 'path' as const, path: `/files/${n}.txt` });
const code = (c: string) => expect.objectContaining({ code: c });

describe('ingestion job leases', () => {
  it('leases a job to the replica that creates it, and no other replica claims it while the lease runs', () => {
    const job = a.jobs.create({ batchId: 'b1', input: path(1) });
    expect(job.lease).toEqual({ holder: 'replica-a', until: clock + LEASE });
    expect(b.jobs.hasClaimable()).toBe(false);
    expect(b.jobs.claim()).toEqual([]);
    // A restart of the same replica takes its own jobs back at once.
    expect(a.jobs.claim().map((j) => j.id)).toEqual([job.id]);
  });

  it('lets another replica take a job over once its lease runs out, and stops the old holder moving it on', () => {
    const job = a.jobs.create({ batchId: 'b1', input: path(1) });
    a.jobs.advance(job.id, 'admitted');
    clock += LEASE + 1;
    expect(b.jobs.hasClaimable()).toBe(true);
    const [taken] = b.jobs.claim();
    expect(taken).toMatchObject({
      id: job.id,
      stage: 'admitted',
      lease: { holder: 'replica-b', until: clock + LEASE },
    });
    // A woke up after its lease ran out: its renewal finds the job gone, and a move it still tries is refused.
    expect(a.jobs.renew([job.id])).toEqual(new Set());
    expect(() => a.jobs.advance(job.id, 'hashed')).toThrowError(code('CONFLICT'));
    expect(b.jobs.advance(job.id, 'hashed').stage).toBe('hashed');
  });

  it('renews a lease so the job is not taken over while work goes on', () => {
    const job = a.jobs.create({ batchId: 'b1', input: path(1) });
    clock += LEASE - 1;
    expect(a.jobs.renew([job.id])).toEqual(new Set([job.id]));
    clock += LEASE - 1;
    expect(b.jobs.claim()).toEqual([]);
    expect(a.jobs.get(job.id)?.lease).toEqual({ holder: 'replica-a', until: clock + 1 });
  });

  it('releases leases on a graceful stop, so another replica claims the jobs at once', () => {
    const jobs = [1, 2, 3].map((n) => a.jobs.create({ batchId: 'b1', input: path(n) }));
    expect(a.jobs.release()).toBe(3);
    expect(b.jobs.claim().map((j) => j.id)).toEqual(jobs.map((j) => j.id));
    expect(a.jobs.release()).toBe(0);
  });

  it('hands each free job to one replica only, oldest first, up to the limit asked', () => {
    const jobs = [1, 2, 3, 4, 5].map((n) => {
      clock += 1;
      return a.jobs.create({ batchId: 'b1', input: path(n) });
    });
    a.jobs.release();
    const first = b.jobs.claim(2).map((j) => j.id);
    const rest = a.jobs.claim(10).map((j) => j.id);
    expect(first).toEqual([jobs[0]!.id, jobs[1]!.id]);
    expect(rest).toEqual(jobs.slice(2).map((j) => j.id));
    // Claiming again, B finds only its own jobs: none of A's.
    expect(b.jobs.claim().map((j) => j.id)).toEqual(first);
  });

  it('clears the lease of a finished job, never claims it, and leases a retried job to the replica retrying it', () => {
    const done = a.jobs.create({ batchId: 'b1', input: path(1) });
    const failed = a.jobs.create({ batchId: 'b1', input: path(2) });
    a.jobs.fail(failed.id, { code: 'UNSUPPORTED_FILE', message: 'bad' });
    a.jobs.cancel(done.id);
    expect(a.jobs.get(done.id)?.lease).toBeNull();
    expect(a.jobs.get(failed.id)?.lease).toBeNull();
    clock += LEASE + 1;
    expect(b.jobs.claim()).toEqual([]);
    expect(b.jobs.retry(failed.id).lease).toEqual({ holder: 'replica-b', until: clock + LEASE });
    expect(a.jobs.claim()).toEqual([]);
  });

  it('refuses an empty replica id and a lease too short to renew', () => {
    expect(() => openCatalog({ dataDir: `${dir.path}-x`, replica: { id: '' } })).toThrowError(code('INVALID_INPUT'));
    expect(() => openCatalog({ dataDir: `${dir.path}-y`, replica: { id: 'r', leaseMs: 5 } })).toThrowError(
      code('INVALID_INPUT'),
    );
  });
});
