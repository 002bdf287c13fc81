import { EventEmitter } from 'node:events';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { ObjectChange, ObjectInfo, ObjectStore } from '../../../../electron/core/objects';
import { ObjectWatcher } from '../../../../electron/core/objects/ObjectWatcher';

/** A poller like the minio client's NotificationPoller: an emitter with stop(). */
class FakePoller extends EventEmitter {
  stopped = false;
  stop(): void {
    this.stopped = true;
  }
}

/** The notification branch needs MinIO, which these machines lack: a stand-in store that says it is MinIO. */
function fakeMinioStore(listing: ObjectInfo[]) {
  const pollers: FakePoller[] = [];
  const signals: AbortSignal[] = [];
  const store = {
    listing,
    serverFlavor: async () => 'minio' as const,
    list: async () => store.listing,
    listenNotifications: async (_prefix: string, signal: AbortSignal) => {
      const poller = new FakePoller();
      pollers.push(poller);
      signals.push(signal);
      return poller;
    },
  };
  return { store, pollers, signals };
}

const info = (key: string, etag: string): ObjectInfo => ({ key, etag, size: 1, lastModified: new Date(0) });
const created = (key: string, eTag: string) => ({ eventName: 's3:ObjectCreated:Put', s3: { object: { key, eTag } } });

async function until(check: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('ObjectWatcher on MinIO', () => {
  it('uses bucket notifications and tells added from changed against the baseline', async () => {
    const { store, pollers } = fakeMinioStore([info('a', 'e1')]);
    const watcher = new ObjectWatcher({ store: store as unknown as ObjectStore, logger: pino({ level: 'silent' }) });
    const changes: ObjectChange[] = [];
    watcher.onChange((c) => changes.push(c));
    expect(await watcher.start()).toBe('notifications');
    pollers[0]!.emit('notification', created('a', 'e2'));
    pollers[0]!.emit('notification', created('b', 'e3'));
    pollers[0]!.emit('notification', { eventName: 's3:ObjectRemoved:Delete', s3: { object: { key: 'a' } } });
    expect(changes).toEqual([
      { type: 'changed', key: 'a', etag: 'e2' },
      { type: 'added', key: 'b', etag: 'e3' },
      { type: 'removed', key: 'a', etag: 'e2' },
    ]);
    watcher.dispose();
    expect(pollers[0]!.stopped).toBe(true);
  });

  it('after the stream breaks (sidecar restart), lists to catch what it missed and subscribes again', async () => {
    const { store, pollers, signals } = fakeMinioStore([info('a', 'e1')]);
    const watcher = new ObjectWatcher({
      store: store as unknown as ObjectStore,
      logger: pino({ level: 'silent' }),
      intervalMs: 50,
    });
    const changes: ObjectChange[] = [];
    watcher.onChange((c) => changes.push(c));
    await watcher.start();
    store.listing = [info('a', 'e9'), info('c', 'e4')];
    pollers[0]!.emit('error', Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));
    expect(signals[0]!.aborted).toBe(true);
    await until(() => pollers.length === 2);
    expect(changes).toEqual([
      { type: 'changed', key: 'a', etag: 'e9' },
      { type: 'added', key: 'c', etag: 'e4' },
    ]);
    pollers[1]!.emit('notification', created('c', 'e5'));
    expect(changes.at(-1)).toEqual({ type: 'changed', key: 'c', etag: 'e5' });
    watcher.dispose();
  });

  it('polls when asked to, even on MinIO', async () => {
    const { store, pollers } = fakeMinioStore([]);
    const watcher = new ObjectWatcher({
      store: store as unknown as ObjectStore,
      logger: pino({ level: 'silent' }),
      mode: 'poll',
    });
    expect(await watcher.start()).toBe('polling');
    expect(pollers).toEqual([]);
    watcher.dispose();
  });
});
