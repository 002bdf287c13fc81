import type { NotificationPoller } from 'minio';
import type { Logger } from 'pino';
import { HearthError } from '../../shared/errors';
import type { Disposable } from '../supervisor';
import {
  diffListings,
  notificationToChange,
  type ListingEntry,
  type NotificationRecord,
  type ObjectChange,
} from './diffListings';
import type { ObjectStore } from './ObjectStore';
import type { ObjectInfo } from './objectTypes';

export type { ObjectChange } from './diffListings';

/** Options for watching the bucket for changes made behind Hearth's back (SEED 3.2). */
export interface ObjectWatcherOptions {
  store: ObjectStore;
  logger: Logger;
  /** Only keys under this prefix. Default '' (the whole bucket). */
  prefix?: string;
  /** 'auto' (default): MinIO bucket notifications when the server is MinIO, polling otherwise. 'poll': always poll. */
  mode?: 'auto' | 'poll';
  /** Polling interval; also the pause before re-subscribing after a lost notification stream. Default 5000. */
  intervalMs?: number;
}

export type WatchMode = 'notifications' | 'polling';

/**
 * Reports objects added, replaced or removed by anyone. On MinIO it listens to bucket notifications; on any other
 * server it compares listings (ETag, size, LastModified) every interval, because the minio client's notification
 * listener throws an uncaught error against non-MinIO servers. The first listing is the baseline and reports nothing.
 */
export class ObjectWatcher {
  readonly #store: ObjectStore;
  readonly #log: Logger;
  readonly #prefix: string;
  readonly #requested: 'auto' | 'poll';
  readonly #intervalMs: number;
  readonly #listeners = new Set<(change: ObjectChange) => void>();
  #known = new Map<string, ListingEntry>();
  #mode: WatchMode | null = null;
  #timer: NodeJS.Timeout | undefined;
  #controller: AbortController | undefined;
  #poller: NotificationPoller | undefined;
  #failing = false;
  #disposed = false;

  constructor(options: ObjectWatcherOptions) {
    this.#store = options.store;
    this.#log = options.logger.child({ component: 'objects-watch' });
    this.#prefix = options.prefix ?? '';
    this.#requested = options.mode ?? 'auto';
    this.#intervalMs = Math.max(50, options.intervalMs ?? 5_000);
  }

  /** How changes are being detected; null before start. */
  get mode(): WatchMode | null {
    return this.#mode;
  }

  onChange(listener: (change: ObjectChange) => void): Disposable {
    this.#listeners.add(listener);
    return { dispose: () => this.#listeners.delete(listener) };
  }

  /** Takes the baseline listing and starts watching; resolves with the mode chosen. */
  async start(): Promise<WatchMode> {
    if (this.#mode || this.#disposed) throw new HearthError('CONFLICT', 'This watcher has already been started.');
    const flavor = this.#requested === 'poll' ? 'other' : await this.#store.serverFlavor();
    this.#mode = flavor === 'minio' ? 'notifications' : 'polling';
    this.#known = await this.#listing();
    if (this.#mode === 'notifications') await this.#listen();
    else this.#schedule(() => this.#poll());
    this.#log.info({ mode: this.#mode, prefix: this.#prefix }, 'watching the bucket for changes');
    return this.#mode;
  }

  dispose(): void {
    this.#disposed = true;
    clearTimeout(this.#timer);
    this.#stopListening();
    this.#listeners.clear();
  }

  async #listing(): Promise<Map<string, ListingEntry>> {
    const items = await this.#store.list(this.#prefix);
    // Notifications carry only the ETag, so in that mode only ETags are compared (size and time would always differ).
    const etagOnly = this.#mode === 'notifications';
    return new Map(items.map((item: ObjectInfo) => [item.key, entryOf(item, etagOnly)]));
  }

  async #poll(): Promise<void> {
    try {
      const next = await this.#listing();
      if (this.#disposed) return;
      const changes = diffListings(this.#known, next);
      this.#known = next;
      if (this.#failing) this.#log.info('polling the bucket works again');
      this.#failing = false;
      for (const change of changes) this.#emit(change);
    } catch (error) {
      // One line per outage, not one per interval.
      if (!this.#failing) this.#log.warn({ err: error }, 'polling the bucket failed; will keep trying');
      this.#failing = true;
    } finally {
      this.#schedule(() => this.#poll());
    }
  }

  async #listen(): Promise<void> {
    const controller = new AbortController();
    this.#controller = controller;
    const poller = await this.#store.listenNotifications(this.#prefix, controller.signal);
    this.#poller = poller;
    const etags = new Map([...this.#known].map(([key, entry]) => [key, entry.etag]));
    poller.on('notification', (record: unknown) => {
      const change = notificationToChange(record as NotificationRecord, etags);
      if (!change) return;
      if (change.type === 'removed') this.#known.delete(change.key);
      else this.#known.set(change.key, { etag: change.etag ?? '', size: 0, lastModified: 0 });
      this.#emit(change);
    });
    // The poller stops for good on an error (a sidecar restart drops its long poll): list again to catch what was
    // missed meanwhile, then subscribe again.
    poller.on('error', (error: unknown) => {
      if (this.#disposed || this.#poller !== poller) return;
      this.#log.warn({ err: error }, 'the bucket notification stream ended; resubscribing');
      this.#stopListening();
      this.#schedule(() => this.#resubscribe());
    });
  }

  async #resubscribe(): Promise<void> {
    try {
      const next = await this.#listing();
      if (this.#disposed) return;
      const changes = diffListings(this.#known, next);
      this.#known = next;
      for (const change of changes) this.#emit(change);
      await this.#listen();
      this.#log.info('subscribed to bucket notifications again');
    } catch (error) {
      if (this.#disposed) return;
      this.#log.warn({ err: error }, 'could not resubscribe to bucket notifications; retrying');
      this.#stopListening();
      this.#schedule(() => this.#resubscribe());
    }
  }

  #stopListening(): void {
    const poller = this.#poller;
    this.#poller = undefined;
    poller?.stop();
    poller?.removeAllListeners('notification');
    // Ends the long poll now rather than at the server's next flush; the resulting 'error' is ignored above.
    this.#controller?.abort();
    this.#controller = undefined;
  }

  #schedule(task: () => Promise<void>): void {
    if (this.#disposed) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void task(), this.#intervalMs);
  }

  #emit(change: ObjectChange): void {
    for (const listener of this.#listeners) {
      try {
        listener(change);
      } catch (error) {
        this.#log.error({ err: error }, 'an object change listener threw');
      }
    }
  }
}

function entryOf(item: ObjectInfo, etagOnly: boolean): ListingEntry {
  return etagOnly
    ? { etag: item.etag, size: 0, lastModified: 0 }
    : { etag: item.etag, size: item.size, lastModified: item.lastModified.getTime() };
}
