/**
 * Runs `work` over `items` with at most `concurrency` at once, so one slow file never holds up the rest and a big
 * batch never opens every file together. Resolves when all are done; `work` is expected not to throw.
 */
export async function runPool<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  };
  const n = Math.max(1, Math.min(Math.floor(concurrency), items.length));
  await Promise.all(Array.from({ length: n }, worker));
}
