import { describe, expect, it } from 'vitest';
import { EventBus } from '../../../../electron/core/rpc/EventBus';
import { startIngestionActivity } from '../../../../electron/main/ingestion/startIngestionActivity';

/** A contract-valid `library.progress` batch event. */
const batch = (done: number, files = 3) => ({
  kind: 'batch' as const,
  batchId: 'b1',
  files,
  done,
  failed: 0,
  cancelled: 0,
  bytes: done,
  totalBytes: files,
});

function setup() {
  const events = new EventBus();
  const active = new Set<number>();
  let next = 1;
  const notices: string[] = [];
  let changes = 0;
  const handle = startIngestionActivity({
    events,
    powerSaveBlocker: {
      start: () => {
        active.add(next);
        return next++;
      },
      stop: (id) => void active.delete(id),
      isStarted: (id) => active.has(id),
    },
    notify: (title, body) => notices.push(`${title}: ${body}`),
    onChange: () => changes++,
  });
  return { events, active, notices, handle, changes: () => changes };
}

describe('startIngestionActivity', () => {
  it("follows the core's batch progress: status, keep-awake while indexing, a notice when done", () => {
    const { events, active, notices, handle, changes } = setup();
    events.emit('library.progress', batch(1));
    expect(handle.activity.status).toEqual({ kind: 'indexing', done: 1, total: 3 });
    expect(active.size).toBe(1);
    events.emit('library.progress', batch(3));
    expect(handle.activity.status).toEqual({ kind: 'idle' });
    expect(active.size).toBe(0);
    expect(notices).toEqual(['Hearth finished indexing: 3 files are ready to ask about.']);
    expect(changes()).toBe(2);
  });

  it('releases the power blocker when stopped mid-batch (quit)', () => {
    const { events, active, handle } = setup();
    events.emit('library.progress', batch(1));
    handle.stop();
    expect(active.size).toBe(0);
  });
});
