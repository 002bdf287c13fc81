import { randomUUID } from 'node:crypto';
import { sep } from 'node:path';
import type { SqlDatabase } from './sql/SqlDatabase';
import { HearthError } from '../../../shared/errors';
import { toDocument, toHearthError, type Row } from './catalogRows';
import type { DocumentRecord } from './catalogTypes';

/** A folder the library follows. */
export interface WatchedFolderRecord {
  id: string;
  /** Absolute path. */
  path: string;
  /** The collection its new files join; null for none. */
  collection: string | null;
  paused: boolean;
  createdAt: number;
  /** When a full scan last finished; null before the first. */
  lastScanAt: number | null;
}

/** What a scan last saw of a file. */
export interface WatchedFileRecord {
  path: string;
  folderId: string;
  size: number;
  mtimeMs: number;
  /** Null when the file could not be hashed or ingested (it is left alone until it changes). */
  sha256: string | null;
}

/** True when `path` is `dir` or lies inside it. */
export function isWithin(path: string, dir: string): boolean {
  return path === dir || path.startsWith(dir.endsWith(sep) ? dir : dir + sep);
}

/** Watched folders and what was last seen in them. Reached through `Catalog.folders`. */
export class WatchedFolders {
  constructor(
    private readonly db: SqlDatabase,
    private readonly now: () => number,
  ) {}

  list(): WatchedFolderRecord[] {
    return (this.db.prepare('SELECT * FROM watched_folders ORDER BY created_at, path').all() as Row[]).map(toFolder);
  }

  get(id: string): WatchedFolderRecord | undefined {
    const row = this.db.prepare('SELECT * FROM watched_folders WHERE id = ?').get(id) as Row | undefined;
    return row ? toFolder(row) : undefined;
  }

  /** Adds a folder; CONFLICT when it is, holds or lies in a folder already watched (files would be seen twice). */
  add(input: { path: string; collection: string | null }): WatchedFolderRecord {
    const clash = this.list().find((f) => isWithin(input.path, f.path) || isWithin(f.path, input.path));
    if (clash) {
      throw new HearthError('CONFLICT', `"${clash.path}" is already watched, and overlaps this folder.`, {
        folderId: clash.id,
      });
    }
    const id = randomUUID();
    this.#write('add watched folder', () =>
      this.db
        .prepare('INSERT INTO watched_folders (id, path, collection, paused, created_at) VALUES (?, ?, ?, 0, ?)')
        .run(id, input.path, input.collection, this.now()),
    );
    return this.get(id) as WatchedFolderRecord;
  }

  /** Forgets a folder and what was seen in it; false when it was not there. */
  remove(id: string): boolean {
    return this.#write('remove watched folder', () => {
      this.db.prepare('DELETE FROM watched_files WHERE folder_id = ?').run(id);
      return this.db.prepare('DELETE FROM watched_folders WHERE id = ?').run(id).changes > 0;
    });
  }

  setPaused(id: string, paused: boolean): WatchedFolderRecord {
    const changed = this.#write('pause watched folder', () =>
      this.db.prepare('UPDATE watched_folders SET paused = ? WHERE id = ?').run(paused ? 1 : 0, id),
    );
    if (changed.changes === 0) throw new HearthError('NOT_FOUND', 'That folder is not watched.', { folderId: id });
    return this.get(id) as WatchedFolderRecord;
  }

  markScanned(id: string): void {
    this.db.prepare('UPDATE watched_folders SET last_scan_at = ? WHERE id = ?').run(this.now(), id);
  }

  file(path: string): WatchedFileRecord | undefined {
    const row = this.db.prepare('SELECT * FROM watched_files WHERE path = ?').get(path) as Row | undefined;
    return row ? toFile(row) : undefined;
  }

  /** Remembered files under a path (a folder or a subfolder of it). */
  filesUnder(dir: string): WatchedFileRecord[] {
    const rows = this.db
      .prepare('SELECT * FROM watched_files WHERE path = ?1 OR substr(path, 1, length(CAST(?2 AS TEXT))) = ?2')
      .all(dir, withSep(dir)) as Row[];
    return rows.map(toFile);
  }

  putFile(file: WatchedFileRecord): void {
    this.#write('remember watched file', () =>
      this.db
        .prepare(
          `INSERT INTO watched_files (path, folder_id, size, mtime_ms, sha256, updated_at) VALUES (?, ?, ?, ?, ?, ?)
           ON CONFLICT (path) DO UPDATE SET folder_id = excluded.folder_id, size = excluded.size,
             mtime_ms = excluded.mtime_ms, sha256 = excluded.sha256, updated_at = excluded.updated_at`,
        )
        .run(file.path, file.folderId, file.size, file.mtimeMs, file.sha256, this.now()),
    );
  }

  removeFile(path: string): void {
    this.db.prepare('DELETE FROM watched_files WHERE path = ?').run(path);
  }

  /** Documents ingested from exactly this path, newest first. */
  documentsAt(path: string): DocumentRecord[] {
    const rows = this.db
      .prepare('SELECT * FROM documents WHERE source_path = ? ORDER BY created_at DESC, rowid DESC')
      .all(path) as Row[];
    return rows.map(toDocument);
  }

  /** Documents ingested from a path at or under `dir`. */
  documentsUnder(dir: string): DocumentRecord[] {
    const rows = this.db
      .prepare(
        'SELECT * FROM documents WHERE source_path = ?1 OR substr(source_path, 1, length(CAST(?2 AS TEXT))) = ?2',
      )
      .all(dir, withSep(dir)) as Row[];
    return rows.map(toDocument);
  }

  #write<T>(what: string, fn: () => T): T {
    try {
      return fn();
    } catch (error) {
      throw toHearthError(error, what);
    }
  }
}

function withSep(dir: string): string {
  return dir.endsWith(sep) ? dir : dir + sep;
}

function toFolder(r: Row): WatchedFolderRecord {
  return {
    id: String(r['id']),
    path: String(r['path']),
    collection: r['collection'] === null ? null : String(r['collection']),
    paused: Number(r['paused']) === 1,
    createdAt: Number(r['created_at']),
    lastScanAt: r['last_scan_at'] === null ? null : Number(r['last_scan_at']),
  };
}

function toFile(r: Row): WatchedFileRecord {
  return {
    path: String(r['path']),
    folderId: String(r['folder_id']),
    size: Number(r['size']),
    mtimeMs: Number(r['mtime_ms']),
    sha256: r['sha256'] === null ? null : String(r['sha256']),
  };
}
