import { isAbsolute, resolve } from 'node:path';
import { HearthError } from '../../../shared/errors';
import type { WatchedFolderRecord } from '../catalog/WatchedFolders';
import type { VectorRefresher } from '../living/VectorRefresher';
import { FolderWatcher, isDirectory, type FolderChanges, type FolderWatchMode } from './FolderWatcher';
import { reconcileFolder, type ReconcileDeps } from './reconcileFolder';

/** How a watched folder is doing, for the Library screen. */
type FolderState = 'watching' | 'polling' | 'scanning' | 'paused' | 'missing';

export interface WatchedFolderInfo extends WatchedFolderRecord {
  state: FolderState;
  /** Why new files wait (no embedding model), in words; null when nothing does. */
  note: string | null;
  /** Documents whose file lies in the folder. */
  documents: number;
}

/** Options for the watch service. */
export interface WatchServiceOptions extends Omit<ReconcileDeps, 'signal'> {
  /** Rewrites vectors of documents a rename moved between collections. */
  refresher: Pick<VectorRefresher, 'drain'>;
  /** Quiet time after a folder's last file event before it is reconciled. */
  debounceMs: number;
  /** Rescan interval where file events are unavailable, and check interval for a missing folder. */
  pollMs: number;
  /** Documents revised, renamed or moved by a reconcile (ingests and deletes announce themselves). */
  onUpdated: (documentIds: string[]) => void;
  /** The folders' states changed. */
  onFolders: (folders: WatchedFolderInfo[]) => void;
}

interface Live {
  watcher: FolderWatcher | null;
  mode: FolderWatchMode | null;
  scanning: boolean;
  pending: FolderChanges | null;
  queued: boolean;
}

/**
 * Keeps the library true to watched folders: a watcher per folder feeds debounced changes into one queue of
 * reconciles (one at a time, so a file renamed from one folder into another is seen consistently). At start every
 * folder is scanned in full, which finds what changed while Hearth was closed.
 */
export class WatchService {
  readonly #o: WatchServiceOptions;
  readonly #live = new Map<string, Live>();
  readonly #controller = new AbortController();
  #tail: Promise<void> = Promise.resolve();

  constructor(options: WatchServiceOptions) {
    this.#o = options;
  }

  /** Starts every folder that is not paused, each with a full scan. */
  /** Opens every unpaused folder not open yet (a retried start opens only what the failed one did not). */
  async start(): Promise<void> {
    for (const folder of this.#o.catalog.folders.list()) {
      if (!folder.paused && !this.#live.has(folder.id)) await this.#open(folder);
    }
  }

  list(): WatchedFolderInfo[] {
    const blocker = this.#o.blocker();
    return this.#o.catalog.folders.list().map((folder) => {
      const live = this.#live.get(folder.id);
      const state: FolderState = folder.paused
        ? 'paused'
        : live?.scanning
          ? 'scanning'
          : live?.mode === 'missing'
            ? 'missing'
            : live?.mode === 'polling'
              ? 'polling'
              : 'watching';
      return {
        ...folder,
        state,
        note: folder.paused ? null : blocker,
        documents: this.#o.catalog.folders.documentsUnder(folder.path).length,
      };
    });
  }

  async add(path: string, collection: string | null): Promise<WatchedFolderInfo> {
    if (!isAbsolute(path)) throw new HearthError('INVALID_INPUT', 'Give the folder as an absolute path.');
    const abs = resolve(path);
    if (!(await isDirectory(abs))) throw new HearthError('NOT_FOUND', 'That folder does not exist.', { path: abs });
    if (collection) this.#o.catalog.collectionTable.ensure(collection);
    const folder = this.#o.catalog.folders.add({ path: abs, collection });
    await this.#open(folder);
    return this.#info(folder.id);
  }

  /** Stops watching a folder; its documents stay unless `deleteDocuments`. False if it was not watched. */
  async remove(id: string, deleteDocuments: boolean): Promise<boolean> {
    const folder = this.#o.catalog.folders.get(id);
    if (!folder) return false;
    this.#close(id);
    // Through the queue, so a reconcile of this folder in progress finishes first.
    return this.#serial(async () => {
      if (deleteDocuments) {
        for (const doc of this.#o.catalog.folders.documentsUnder(folder.path)) await this.#o.library.delete(doc.id);
      }
      const removed = this.#o.catalog.folders.remove(id);
      this.#emitFolders();
      return removed;
    });
  }

  pause(id: string): WatchedFolderInfo {
    this.#o.catalog.folders.setPaused(id, true);
    this.#close(id);
    this.#emitFolders();
    return this.#info(id);
  }

  /** Watches a paused folder again; a full scan picks up what changed meanwhile. */
  async resume(id: string): Promise<WatchedFolderInfo> {
    const folder = this.#o.catalog.folders.setPaused(id, false);
    if (!this.#live.get(id)?.watcher) await this.#open(folder);
    return this.#info(id);
  }

  /** Scans every watched folder in full (e.g. once an embedding model makes ingestion possible). */
  rescanAll(): void {
    for (const id of this.#live.keys()) this.#enqueue(id, { full: true, paths: [] });
  }

  /** Resolves once every reconcile queued so far is done (tests, and `erase`). */
  idle(): Promise<void> {
    return this.#serial(async () => undefined);
  }

  /** Closes every watcher and stops reconciling; an ingest in progress is left to the library to cancel. */
  async dispose(): Promise<void> {
    this.#controller.abort();
    for (const id of [...this.#live.keys()]) this.#close(id);
    await this.#tail;
  }

  #info(id: string): WatchedFolderInfo {
    const info = this.list().find((f) => f.id === id);
    if (!info) throw new HearthError('NOT_FOUND', 'That folder is not watched.', { folderId: id });
    return info;
  }

  async #open(folder: WatchedFolderRecord): Promise<void> {
    if (this.#controller.signal.aborted) return;
    const live: Live = { watcher: null, mode: null, scanning: false, pending: null, queued: false };
    this.#live.set(folder.id, live);
    const watcher = new FolderWatcher({
      path: folder.path,
      debounceMs: this.#o.debounceMs,
      pollMs: this.#o.pollMs,
      logger: this.#o.logger,
      onChanges: (changes) => this.#enqueue(folder.id, changes),
      onMode: (mode) => {
        live.mode = mode;
        this.#emitFolders();
      },
    });
    live.watcher = watcher;
    // Watching starts before the scan, so nothing that happens during the scan is missed.
    await watcher.start();
    this.#enqueue(folder.id, { full: true, paths: [] });
  }

  #close(id: string): void {
    this.#live.get(id)?.watcher?.close();
    this.#live.delete(id);
  }

  #enqueue(id: string, changes: FolderChanges): void {
    const live = this.#live.get(id);
    if (!live || this.#controller.signal.aborted) return;
    const pending = live.pending ?? { full: false, paths: [] };
    live.pending = {
      full: pending.full || changes.full,
      paths: [...new Set([...pending.paths, ...changes.paths])],
    };
    if (live.queued) return;
    live.queued = true;
    void this.#serial(() => this.#run(id, live));
  }

  #serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#tail.then(task);
    this.#tail = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  async #run(id: string, live: Live): Promise<void> {
    live.queued = false;
    const changes = live.pending;
    live.pending = null;
    const folder = this.#o.catalog.folders.get(id);
    const signal = this.#controller.signal;
    if (!changes || !folder || folder.paused || signal.aborted || this.#live.get(id) !== live) return;
    live.scanning = true;
    this.#emitFolders();
    try {
      const outcome = await reconcileFolder({ ...this.#o, signal }, folder, changes);
      if (!outcome.present && live.mode !== 'missing') {
        // Gone (unmounted, deleted): stop the file watcher and check for it periodically; nothing is removed.
        this.#close(id);
        await this.#open(folder);
      } else if (changes.full && outcome.present) this.#o.catalog.folders.markScanned(id);
      await this.#o.refresher.drain();
      if (outcome.updated.length > 0) this.#o.onUpdated(outcome.updated);
    } catch (error) {
      if (!signal.aborted) this.#o.logger.warn({ err: error, folder: folder.path }, 'reconciling a folder failed');
    } finally {
      live.scanning = false;
      this.#emitFolders();
    }
  }

  #emitFolders(): void {
    if (this.#controller.signal.aborted) return;
    try {
      this.#o.onFolders(this.list());
    } catch (error) {
      this.#o.logger.warn({ err: error }, 'a watched-folder listener failed');
    }
  }
}
