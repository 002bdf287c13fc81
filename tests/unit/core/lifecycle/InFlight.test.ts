import { describe, expect, it } from 'vitest';
import { InFlight } from '../../../../electron/core/lifecycle/InFlight';

describe('InFlight', () => {
  it('aborts running work on dispose, waits for it to settle, then refuses new work', async () => {
    const inFlight = new InFlight('Answers');
    let settled = false;
    const running = inFlight.run(
      (signal) =>
        new Promise<string>((resolve) =>
          signal.addEventListener('abort', () =>
            setTimeout(() => {
              settled = true;
              resolve('stopped');
            }, 10),
          ),
        ),
    );
    expect(inFlight.size).toBe(1);
    await inFlight.dispose();
    expect(settled).toBe(true);
    await expect(running).resolves.toBe('stopped');
    expect(inFlight.size).toBe(0);
    await expect(inFlight.run(async () => 'late')).rejects.toMatchObject({
      code: 'CANCELLED',
      message: expect.stringContaining('Answers'),
    });
  });

  it("follows the caller's signal too", async () => {
    const inFlight = new InFlight('Search');
    const caller = new AbortController();
    const seen = inFlight.run(
      (signal) => new Promise<boolean>((resolve) => signal.addEventListener('abort', () => resolve(signal.aborted))),
      caller.signal,
    );
    caller.abort();
    await expect(seen).resolves.toBe(true);
  });
});
