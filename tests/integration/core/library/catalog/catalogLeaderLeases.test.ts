import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Catalog } from '../../../../../electron/core/library/catalog/Catalog';
import { openCatalog } from '../../../../helpers/catalogBackend';
import { tempDir } from '../../../../helpers/tempCore';

/* Leader leases as two replicas on one library see them, on a clock the test moves. */

let dir: Awaited<ReturnType<typeof tempDir>>;
let clock = 5_000_000;
let a: Catalog;
let b: Catalog;

beforeEach(async () => {
  clock = 5_000_000;
  dir = await tempDir('hearth-catalog-leaders-');
  a = openCatalog({ dataDir: dir.path, now: () => clock });
  b = openCatalog({ dataDir: dir.path, now: () => clock });
});
afterEach(async () => {
  a.dispose();
  b.dispose();
  await dir.remove();
});

describe('leader leases', () => {
  it('lets one replica lead at a time, renews the leader, and hands over when its lease runs out', () => {
    expect(a.leaders.tryAcquire('bucket-sync', 'a', 1000)).toBe(true);
    expect(b.leaders.tryAcquire('bucket-sync', 'b', 1000)).toBe(false);
    expect(b.leaders.leader('bucket-sync')).toEqual({ holder: 'a', until: clock + 1000 });
    clock += 900;
    expect(a.leaders.tryAcquire('bucket-sync', 'a', 1000)).toBe(true);
    clock += 900;
    expect(b.leaders.tryAcquire('bucket-sync', 'b', 1000)).toBe(false);
    clock += 101;
    expect(b.leaders.leader('bucket-sync')).toBeNull();
    expect(b.leaders.tryAcquire('bucket-sync', 'b', 1000)).toBe(true);
    expect(a.leaders.tryAcquire('bucket-sync', 'a', 1000)).toBe(false);
    // Tasks are led separately.
    expect(a.leaders.tryAcquire('other', 'a', 1000)).toBe(true);
  });

  it('releases on a graceful stop so another replica leads at once; a non-leader release changes nothing', () => {
    expect(a.leaders.tryAcquire('bucket-sync', 'a', 60_000)).toBe(true);
    b.leaders.release('bucket-sync', 'b');
    expect(b.leaders.tryAcquire('bucket-sync', 'b', 60_000)).toBe(false);
    a.leaders.release('bucket-sync', 'a');
    expect(a.leaders.leader('bucket-sync')).toBeNull();
    expect(b.leaders.tryAcquire('bucket-sync', 'b', 60_000)).toBe(true);
  });

  it('refuses a lease without holder or length', () => {
    expect(() => a.leaders.tryAcquire('bucket-sync', '', 1000)).toThrowError(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
    expect(() => a.leaders.tryAcquire('bucket-sync', 'a', 0)).toThrowError(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
  });
});
