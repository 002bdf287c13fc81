import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Catalog } from '../../../../../electron/core/library/catalog/Catalog';
import { openCatalog } from '../../../../helpers/catalogBackend';
import { tempDir } from '../../../../helpers/tempCore';

let dir: Awaited<ReturnType<typeof tempDir>>;
let catalog: Catalog | undefined;
beforeEach(async () => {
  dir = await tempDir('hearth-catalog-timings-');
});
afterEach(async () => {
  catalog?.dispose();
  catalog = undefined;
  await dir.remove();
});

/** A promise and the functions that settle it, for calls that must overlap in a known order. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('embedding timings in the catalogue', () => {
  it('keep the time of a call that ran alone, under the model that answered, across a reopen', async () => {
    catalog = openCatalog({ dataDir: dir.path });
    const result = await catalog.embedTimings.measure(32, async () => {
      await new Promise((r) => setTimeout(r, 20));
      return { model: 'bge-small', vectors: [] };
    });
    expect(result.model).toBe('bge-small');
    catalog.dispose();
    catalog = openCatalog({ dataDir: dir.path });
    const [kept] = catalog.embedTimings.list();
    expect(kept?.model).toBe('bge-small');
    expect(kept?.samples).toHaveLength(1);
    expect(kept?.samples[0]?.passages).toBe(32);
    expect(kept?.samples[0]?.ms).toBeGreaterThanOrEqual(15);
  });

  it('keep calls that overlapped (two files at once) as one sample over their whole stretch; a failed one spoils it', async () => {
    let clock = 0;
    catalog = openCatalog({ dataDir: dir.path, now: () => clock });
    const timings = catalog.embedTimings;
    const first = deferred<{ model: string }>();
    const second = deferred<{ model: string }>();
    const a = timings.measure(10, () => first.promise); // starts at 0
    clock = 100;
    const b = timings.measure(30, () => second.promise); // starts at 100, beside a
    clock = 300;
    first.resolve({ model: 'm' });
    await a;
    clock = 400;
    second.resolve({ model: 'm' });
    await b;
    // 40 passages from 0 to 400 ms: the throughput the two shared, 100 a second.
    expect(timings.forModel('m')).toEqual([{ passages: 40, ms: 400 }]);

    const third = deferred<{ model: string }>();
    const c = timings.measure(10, () => third.promise);
    await expect(timings.measure(10, () => Promise.reject(new Error('model gone')))).rejects.toThrow('model gone');
    third.resolve({ model: 'm' });
    await c;
    expect(timings.forModel('m')).toHaveLength(1);
  });

  it('keep the newest 20 samples per model', () => {
    catalog = openCatalog({ dataDir: dir.path });
    for (let i = 1; i <= 25; i++) catalog.embedTimings.record('m', { passages: i, ms: 100 });
    const samples = catalog.embedTimings.forModel('m');
    expect(samples.map((s) => s.passages)).toEqual(Array.from({ length: 20 }, (_, k) => k + 6));
  });
});
