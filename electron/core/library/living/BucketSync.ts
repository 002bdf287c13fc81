import { randomUUID } from 'node:crypto';
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Logger } from 'pino';
import type { ObjectStore } from '../../objects/ObjectStore';
import { ObjectWatcher, type ObjectChange } from '../../objects/ObjectWatcher';
import type { Catalog } from '../catalog/Catalog';
import type { DocumentReviser } from './DocumentReviser';

/** Options for following the bucket. */
export interface BucketSyncOptions {
  catalog: Catalog;
  reviser: Pick<DocumentReviser, 'revise'>;
  /** Where replaced objects are downloaded before they are re-ingested (emptied at start). */
  tempDir: string;
  /** Listing interval where the server has no notifications (anything but MinIO). */
  pollMs: number;
  /** Documents given a new version from the bucket. */
  onUpdated: (documentIds: string[]) => void;
  logger: Logger;
  /**
   * On a team server, where every replica sees the same bucket: only the replica holding the `bucket-sync` leader
   * lease (`holder`, renewed every third of `leaseMs`) re-ingests replaced objects; the others take over when it
   * stops. Absent: this process always leads (the desktop).
   */
  leader?: { holder: string; leaseMs: number };
}

/** The leader lease's task name in the catalogue. */
export const BUCKET_SYNC_TASK = 'bucket-sync';

const ETAG_QUOTES = /^"|"$/g;
const sameEtag = (a: string | null | undefined, b: string | null | undefined): boolean =>
  !!a && !!b && a.replace(ETAG_QUOTES, '') === b.replace(ETAG_QUOTES, '');

/**
 * Re-ingests a document whose original was replaced in the bucket behind Hearth's back (SEED 3.2): the object is
 * downloaded, and if its bytes differ from the catalogue's they become the document's next version (SEED 3.3: its
 * new object carries matching `sha256` and `embedding_version` tags). Hearth's own writes are recognised by the
 * ETag recorded with each version, or else by hashing the object. At start, a listing finds objects replaced while
 * Hearth was closed, for versions whose ETag is known.
 */
export class BucketSync {
  #watcher: ObjectWatcher | null = null;
  #store: ObjectStore | null = null;
  #tail: Promise<void> = Promise.resolve();
  readonly #controller = new AbortController();
  #leading = false;
  #leaderTimer: NodeJS.Timeout | undefined;

  constructor(private readonly o: BucketSyncOptions) {}

  async start(store: ObjectStore): Promise<void> {
    // A start that failed after its watcher began (the first listing, say) is tried again with a new one.
    this.#watcher?.dispose();
    this.#watcher = null;
    this.#store = store;
    await rm(this.o.tempDir, { recursive: true, force: true });
    await mkdir(this.o.tempDir, { recursive: true, mode: 0o700 });
    if (this.#controller.signal.aborted) return;
    const watcher = new ObjectWatcher({
      store,
      logger: this.o.logger,
      prefix: 'documents/',
      intervalMs: this.o.pollMs,
    });
    watcher.onChange((change) => this.#enqueue(change));
    this.#watcher = watcher;
    await watcher.start();
    // dispose() during start cannot stop a watcher that only starts polling afterwards.
    if (this.#controller.signal.aborted) return watcher.dispose();
    if (!this.o.leader) {
      this.#leading = true;
      return this.#checkWhileClosed(store);
    }
    this.#contendForLead(store);
    clearInterval(this.#leaderTimer);
    this.#leaderTimer = setInterval(() => this.#contendForLead(store), this.o.leader.leaseMs / 3);
    this.#leaderTimer.unref();
  }

  /** Whether this replica follows the bucket now (always, without a leader lease). */
  get leading(): boolean {
    return this.#leading;
  }

  /**
   * Takes or renews the leader lease. A replica that becomes leader first compares the listing with the catalogue,
   * catching what changed while nobody led; one that lost the lease (it stalled) stops handling changes.
   */
  #contendForLead(store: ObjectStore): void {
    const leader = this.o.leader;
    if (!leader || this.#controller.signal.aborted) return;
    const was = this.#leading;
    try {
      this.#leading = this.o.catalog.leaders.tryAcquire(BUCKET_SYNC_TASK, leader.holder, leader.leaseMs);
    } catch (error) {
      this.#leading = false;
      this.o.logger.warn({ err: error }, 'could not renew the bucket-sync leader lease');
    }
    if (this.#leading === was) return;
    this.o.logger.info(
      { leading: this.#leading },
      this.#leading ? 'leading bucket sync' : 'no longer leading bucket sync',
    );
    if (this.#leading) {
      this.#tail = this.#tail
        .then(() => this.#checkWhileClosed(store))
        .catch((error: unknown) =>
          this.o.logger.warn({ err: error }, 'could not compare the bucket with the catalogue'),
        );
    }
  }

  /** Resolves once every change seen so far is handled (tests). */
  idle(): Promise<void> {
    return this.#tail;
  }

  async dispose(): Promise<void> {
    this.#controller.abort();
    clearInterval(this.#leaderTimer);
    this.#watcher?.dispose();
    await this.#tail;
    if (this.o.leader && this.#leading) {
      this.#leading = false;
      try {
        this.o.catalog.leaders.release(BUCKET_SYNC_TASK, this.o.leader.holder);
      } catch (error) {
        // The lease runs out by itself: another replica leads a little later.
        this.o.logger.warn({ err: error }, 'could not release the bucket-sync leader lease');
      }
    }
  }

  /**
   * Compares the listing with the ETags recorded for current versions. Where none was recorded yet, an object whose
   * `sha256` tag matches the catalogue is taken as Hearth's own (its ETag is recorded); any other is looked at.
   */
  async #checkWhileClosed(store: ObjectStore): Promise<void> {
    const { catalog } = this.o;
    for (const item of await store.list('documents/')) {
      const doc = catalog.versions.documentByObjectKey(item.key);
      if (doc?.status !== 'indexed') continue;
      catalog.versions.recordCurrent(doc);
      const row = catalog.versions.get(doc.id, doc.version);
      if (row?.etag && sameEtag(row.etag, item.etag)) continue;
      const tags = row?.etag ? {} : await store.getTags(item.key).catch(() => ({}) as Record<string, string>);
      if (tags['sha256'] === doc.sha256) catalog.versions.setEtag(doc.id, doc.version, item.etag);
      else this.#enqueue({ type: 'changed', key: item.key, etag: item.etag });
    }
  }

  #enqueue(change: ObjectChange): void {
    // Added keys are Hearth's own (a new document or version); removed ones leave the catalogue's copy as it is.
    if (change.type !== 'changed' || this.#controller.signal.aborted || !this.#leading) return;
    this.#tail = this.#tail
      .then(() => this.#handle(change))
      .catch((error: unknown) => {
        if (!this.#controller.signal.aborted) {
          this.o.logger.warn({ err: error, key: change.key }, 'could not re-ingest a replaced object');
        }
      });
  }

  async #handle(change: ObjectChange): Promise<void> {
    const { catalog } = this.o;
    const signal = this.#controller.signal;
    const doc = catalog.versions.documentByObjectKey(change.key);
    if (!doc || doc.status !== 'indexed' || !this.#store || signal.aborted) return;
    const row = catalog.versions.get(doc.id, doc.version);
    if (sameEtag(row?.etag, change.etag)) return;
    const temp = join(this.o.tempDir, randomUUID());
    try {
      const hash = createHash('sha256');
      const tap = new Transform({
        transform(chunk: Buffer, _encoding, callback) {
          hash.update(chunk);
          callback(null, chunk);
        },
      });
      await pipeline(await this.#store.download(change.key, { signal }), tap, createWriteStream(temp), { signal });
      const sha256 = hash.digest('hex');
      if (sha256 === doc.sha256) {
        // Same bytes (re-tagged, or rewritten by Hearth): remember this ETag as its own.
        catalog.versions.recordCurrent(doc);
        if (change.etag) catalog.versions.setEtag(doc.id, doc.version, change.etag);
        return;
      }
      this.o.logger.info({ documentId: doc.id, key: change.key }, 'an original was replaced in the bucket');
      const result = await this.o.reviser.revise(doc.id, temp, 'bucket', { signal, sha256, name: doc.name });
      if (result.kind === 'revised') this.o.onUpdated([doc.id]);
      else if (result.kind !== 'unchanged') {
        this.o.logger.warn({ documentId: doc.id, result }, 'the replaced object could not become a new version');
      }
    } finally {
      await rm(temp, { force: true });
    }
  }
}
