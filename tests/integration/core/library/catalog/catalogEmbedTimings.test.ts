import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Catalog } from '../../../../../electron/core/library/catalog/Catalog';
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
    catalog = Catalog.open({ dataDir: dir.path });
    const result = await catalog.embedTimings.measure(32, async () => {
      await new Promise((r) => setTimeout(r, 20));
      return { model: 'bge-small', vectors: [] };
    });
    expect(result.model).toBe('bge-small');
    catalog.dispose();
    catalog = Catalog.open({ dataDir: dir.path });
    const [kept] = catalog.embedTimings.list();
    expect(kept?.model).toBe('bge-small');
    expect(kept?.samples).toHaveLength(1);
    expect(kept?.samples[0]?.passages).toBe(32);
    expect(kept?.samples[0]?.ms).toBeGreaterThanOrEqual(15);
  });

  it('keep neither of two calls that overlapped (they shared the machine), nor a failed one', async () => {
    catalog = Catalog.open({ dataDir: dir.path });
    const first = deferred<{ model: string }>();
    const second = deferred<{ model: string }>();
    const a = catalog.embedTimings.measure(10, () => first.promise);
    const b = catalog.embedTimings.measure(10, () => second.promise);
    first.resolve({ model: 'm' });
    second.resolve({ model: 'm' });
    await Promise.all([a, b]);
    await expect(catalog.embedTimings.measure(10, () => Promise.reject(new Error('model gone')))).rejects.toThrow(
      'model gone',
    );
    expect(catalog.embedTimings.list()).toEqual([]);
    // Alone again: kept.
    await catalog.embedTimings.measure(10, async () => ({ model: 'm' }));
    expect(catalog.embedTimings.forModel('m')).toHaveLength(1);
  });

  it('keep the newest 20 samples per model', () => {
    catalog = Catalog.open({ dataDir: dir.path });
    for (let i = 1; i <= 25; i++) catalog.embedTimings.record('m', { passages: i, ms: 100 });
    const samples = catalog.embedTimings.forModel('m');
    expect(samples.map((s) => s.passages)).toEqual(Array.from({ length: 20 }, (_, k) => k + 6));
  });
});
