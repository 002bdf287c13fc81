import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { PartStarts } from '../../../../electron/core/lifecycle/PartStarts';
import type { EventBus } from '../../../../electron/core/rpc/EventBus';

interface Emitted {
  event: string;
  payload: unknown;
}

function setup() {
  const emitted: Emitted[] = [];
  const events = { emit: (event: string, payload: unknown) => emitted.push({ event, payload }) } as unknown as EventBus;
  const starts = new PartStarts({ logger: pino({ level: 'silent' }), events, initialDelayMs: 1000, maxDelayMs: 4000 });
  const notices = () => emitted.filter((e) => e.event === 'core.notice').map((e) => e.payload);
  return { starts, emitted, notices };
}

/** A start that fails `failures` times, then succeeds. */
function flaky(failures: number) {
  let calls = 0;
  const start = vi.fn(async () => {
    calls++;
    if (calls <= failures) throw new Error(`The bucket could not be listed (attempt ${calls})`);
  });
  return start;
}

beforeEach(() => {
  vi.useFakeTimers({ now: 1_000_000 });
});
afterEach(() => {
  vi.useRealTimers();
});

describe('PartStarts', () => {
  it('marks a part running when its start succeeds, with no notice', async () => {
    const { starts, notices } = setup();
    starts.run({ name: 'living-library', label: 'Folder watching', start: flaky(0) });
    await starts.settled();
    expect(starts.list()).toEqual([expect.objectContaining({ state: 'running', failures: 0, message: null })]);
    expect(notices()).toEqual([]);
  });

  it('retries with doubling delays up to the cap, one notice per streak and one when it is back', async () => {
    const { starts, notices } = setup();
    const start = flaky(4);
    starts.run({ name: 'living-library', label: 'Folder watching', start });
    await starts.settled();
    expect(starts.list()[0]).toMatchObject({
      state: 'retrying',
      failures: 1,
      message: 'The bucket could not be listed (attempt 1)',
      nextRetryAt: 1_000_000 + 1000,
    });
    expect(notices()).toEqual([
      {
        level: 'warning',
        message:
          'Folder watching is off: The bucket could not be listed (attempt 1). Hearth keeps retrying; Diagnostics has "Retry now".',
      },
    ]);
    const delays: number[] = [];
    for (let failures = 2; failures <= 4; failures++) {
      const status = starts.list()[0]!;
      delays.push(status.nextRetryAt! - Date.now());
      await vi.advanceTimersByTimeAsync(status.nextRetryAt! - Date.now());
      await starts.settled();
      expect(starts.list()[0]).toMatchObject({ state: 'retrying', failures });
    }
    expect(delays).toEqual([1000, 2000, 4000]);
    expect(starts.list()[0]!.nextRetryAt! - Date.now()).toBe(4000); // capped
    await vi.advanceTimersByTimeAsync(4000);
    await starts.settled();
    expect(start).toHaveBeenCalledTimes(5);
    expect(starts.list()[0]).toMatchObject({ state: 'running', failures: 0, message: null, nextRetryAt: null });
    expect(notices()).toHaveLength(2);
    expect(notices()[1]).toEqual({ level: 'info', message: 'Folder watching is on again.' });
  });

  it('"Retry now" attempts at once instead of waiting, and leaves a running part alone', async () => {
    const { starts } = setup();
    const start = flaky(1);
    starts.run({ name: 'living-library', label: 'Folder watching', start });
    await starts.settled();
    expect(starts.retry('living-library').state).toBe('starting');
    await starts.settled();
    expect(starts.list()[0]!.state).toBe('running');
    expect(starts.retry('living-library').state).toBe('running');
    expect(start).toHaveBeenCalledTimes(2);
    // The cancelled timer does not fire a third attempt.
    await vi.advanceTimersByTimeAsync(10_000);
    expect(start).toHaveBeenCalledTimes(2);
    expect(() => starts.retry('nothing')).toThrow(/no background service/);
  });

  it('stops retrying once its handle is disposed, and aborts the attempt under way', async () => {
    const { starts } = setup();
    let seen: AbortSignal | null = null;
    const start = vi.fn(async (signal: AbortSignal) => {
      seen = signal;
      throw new Error('down');
    });
    const handle = starts.run({ name: 'living-library', label: 'Folder watching', start });
    await starts.settled();
    await handle.dispose();
    expect(seen!.aborted).toBe(true);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(start).toHaveBeenCalledTimes(1);
  });

  it('emits every state change as core.parts.changed', async () => {
    const { starts, emitted } = setup();
    starts.run({ name: 'living-library', label: 'Folder watching', start: flaky(1) });
    await starts.settled();
    starts.retry('living-library');
    await starts.settled();
    const states = emitted
      .filter((e) => e.event === 'core.parts.changed')
      .map((e) => (e.payload as { state: string }).state);
    expect(states).toEqual(['starting', 'retrying', 'starting', 'running']);
  });
});
