import { watch, type FSWatcher } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { isHiddenOrSystem } from '../pipeline/isHiddenOrSystem';

/** What changed in a folder: some paths (absolute), or anything (rescan it all). */
export interface FolderChanges {
  full: boolean;
  paths: string[];
}

/** Options for watching one folder. */
export interface FolderWatcherOptions {
  /** The folder (absolute). */
  path: string;
  /** Quiet time after the last event before changes are handed over, so a file being written is read once. */
  debounceMs: number;
  /** Interval of full rescans when file events are unavailable, and of checks while the folder is missing. */
  pollMs: number;
  onChanges: (changes: FolderChanges) => void;
  /** 'events' (fs.watch), 'polling' (fs.watch failed: rescans), or 'missing' (the folder is not there). */
  onMode: (mode: FolderWatchMode) => void;
  logger: Logger;
}

export type FolderWatchMode = 'events' | 'polling' | 'missing';

/** Longest a burst of events may delay its changes: a file rewritten non-stop still gets looked at. */
const MAX_DELAY_FACTOR = 20;

/**
 * Watches a folder tree with `fs.watch(…, { recursive: true })` (native on macOS and Windows; on Linux Node 20+
 * emulates it with inotify per directory) and hands over debounced sets of changed paths. Events under hidden or
 * system names are ignored, as ingestion skips them. If watching fails (inotify limits, a removed folder) it falls
 * back to periodic full rescans, and tries events again whenever the folder is there.
 */
export class FolderWatcher {
  #fs: FSWatcher | null = null;
  #timer: NodeJS.Timeout | undefined;
  #poll: NodeJS.Timeout | undefined;
  #pending = new Set<string>();
  #full = false;
  #firstAt = 0;
  #closed = false;

  constructor(private readonly o: FolderWatcherOptions) {}

  /** Starts watching; a missing folder or unavailable events start polling instead. */
  async start(): Promise<void> {
    if (!(await isDirectory(this.o.path))) {
      if (this.#closed) return;
      this.o.onMode('missing');
      this.#schedulePoll();
      return;
    }
    this.#watch();
  }

  close(): void {
    this.#closed = true;
    clearTimeout(this.#timer);
    clearTimeout(this.#poll);
    this.#fs?.close();
    this.#fs = null;
  }

  #watch(): void {
    // close() may have come while start() was looking at the folder.
    if (this.#closed) return;
    try {
      // Persistent (a ref'd handle), so a watcher left open after dispose shows up as a leak instead of hiding.
      const fsWatcher = watch(this.o.path, { recursive: true }, (_type, name) =>
        this.#onEvent(name === null ? null : String(name)),
      );
      fsWatcher.on('error', (error) => {
        if (this.#closed) return;
        this.o.logger.warn({ err: error, path: this.o.path }, 'watching a folder failed; rescanning it periodically');
        fsWatcher.close();
        if (this.#fs === fsWatcher) this.#fs = null;
        this.o.onMode('polling');
        this.#schedulePoll();
        this.#onEvent(null);
      });
      this.#fs = fsWatcher;
      this.o.onMode('events');
    } catch (error) {
      this.o.logger.warn({ err: error, path: this.o.path }, 'cannot watch this folder for events; polling it');
      this.o.onMode('polling');
      this.#schedulePoll();
    }
  }

  #onEvent(name: string | null): void {
    if (this.#closed) return;
    if (name === null || name === '') this.#full = true;
    else {
      if (name.split(/[\\/]/).some(isHiddenOrSystem)) return;
      this.#pending.add(join(this.o.path, name));
    }
    const now = Date.now();
    if (!this.#timer) this.#firstAt = now;
    clearTimeout(this.#timer);
    const waited = now - this.#firstAt;
    const delay = waited > this.o.debounceMs * MAX_DELAY_FACTOR ? 0 : this.o.debounceMs;
    this.#timer = setTimeout(() => this.#flush(), delay);
    this.#timer.unref();
  }

  #flush(): void {
    this.#timer = undefined;
    if (this.#closed) return;
    const changes: FolderChanges = { full: this.#full, paths: [...this.#pending] };
    this.#pending = new Set();
    this.#full = false;
    if (changes.full || changes.paths.length > 0) this.o.onChanges(changes);
  }

  #schedulePoll(): void {
    clearTimeout(this.#poll);
    if (this.#closed) return;
    this.#poll = setTimeout(() => void this.#pollOnce(), this.o.pollMs);
    this.#poll.unref();
  }

  async #pollOnce(): Promise<void> {
    if (this.#closed) return;
    if (!(await isDirectory(this.o.path))) {
      this.o.onMode('missing');
      this.#schedulePoll();
      return;
    }
    // The folder is there: events may work again (it came back, or the limit that broke them was raised).
    if (!this.#fs) this.#watch();
    if (!this.#fs) this.#schedulePoll();
    this.o.onChanges({ full: true, paths: [] });
  }
}

export async function isDirectory(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null))?.isDirectory() ?? false;
}
