import { lstat, realpath, stat } from 'node:fs/promises';
import { basename } from 'node:path';
import type { Logger } from 'pino';
import type { ErrorCode } from '../../../shared/errors';
import type { Catalog } from '../catalog/Catalog';
import type { DocumentRecord } from '../catalog/catalogTypes';
import { isWithin, type WatchedFileRecord, type WatchedFolderRecord } from '../catalog/WatchedFolders';
import type { Library } from '../Library';
import type { DocumentReviser } from '../living/DocumentReviser';
import { checkWithinRoot } from '../pipeline/checkWithinRoot';
import { hashFile } from '../pipeline/hashFile';
import { walkInputs } from '../pipeline/walkInputs';
import type { FolderChanges } from './FolderWatcher';
import { isDirectory } from './FolderWatcher';

/** What reconciling needs. */
export interface ReconcileDeps {
  catalog: Catalog;
  library: Pick<Library, 'ingest' | 'delete'>;
  reviser: Pick<DocumentReviser, 'revise'>;
  /** Why ingestion cannot run now; new files wait for the next scan while it says so. */
  blocker: () => string | null;
  signal: AbortSignal;
  logger: Logger;
}

/** Documents a reconcile changed in place (new version, renamed, moved) or removed. */
export interface ReconcileOutcome {
  updated: string[];
  deleted: string[];
  /** False when the folder was not there: nothing was removed, since a drive may just be unmounted. */
  present: boolean;
}

/** What was seen of a file when it was handed to ingestion; `sha256` is null for a link out, which is never read. */
interface FileStamp {
  size: number;
  mtimeMs: number;
  sha256: string | null;
}

/** Failures that will happen again for the same bytes: the file is remembered and left alone until it changes. */
const PERMANENT: ReadonlySet<ErrorCode> = new Set(['UNSUPPORTED_FILE', 'FILE_TOO_LARGE', 'PERMISSION_DENIED']);

/**
 * Makes the catalogue agree with a watched folder, for all of it or for the paths that changed. New files are
 * ingested into the folder's collection; a changed file becomes a new version of its document; a file whose content
 * is indexed under a path that no longer exists was renamed (its document follows it); documents whose file is gone
 * are deleted everywhere. Size and mtime decide whether a file is hashed at all.
 *
 * Only what leads inside the folder's real root is read: a link out is never stat'ed through, hashed or ingested; it
 * goes to the pipeline, which records it as a failed file with a note saying why, once until the link changes.
 */
export async function reconcileFolder(
  d: ReconcileDeps,
  folder: WatchedFolderRecord,
  changes: FolderChanges,
): Promise<ReconcileOutcome> {
  const outcome: ReconcileOutcome = { updated: [], deleted: [], present: true };
  const realRoot = await realpath(folder.path).catch(() => null);
  if (realRoot === null || !(await isDirectory(realRoot))) return { ...outcome, present: false };
  const scope = await scopeOf(d.catalog, folder, changes);
  const toIngest = new Map<string, FileStamp>();

  for (const path of scope.present) {
    if (d.signal.aborted) return outcome;
    const check = await checkWithinRoot(path, realRoot);
    if (check.kind === 'outside') {
      await noteLinkOut(d, path, outcome, toIngest);
      continue;
    }
    if (check.kind !== 'inside') continue;
    const s = await stat(path).catch(() => null);
    if (!s?.isFile()) continue;
    const seen = d.catalog.folders.file(path);
    const doc = d.catalog.folders.documentsAt(path)[0];
    if (seen && seen.size === s.size && seen.mtimeMs === s.mtimeMs) continue;
    // The pipeline is still working on it; the next scan looks again.
    if (doc && (doc.status === 'indexing' || doc.status === 'pending')) continue;
    const sha256 = await hashFile(path, { signal: d.signal }).catch(() => null);
    if (!sha256) continue;
    const remember = (sha: string | null): void =>
      d.catalog.folders.putFile({ path, folderId: folder.id, size: s.size, mtimeMs: s.mtimeMs, sha256: sha });

    if (doc?.status === 'indexed') {
      if (doc.sha256 === sha256) {
        remember(sha256);
        continue;
      }
      const result = await d.reviser.revise(doc.id, path, 'disk', { signal: d.signal, sha256, name: basename(path) });
      if (result.kind === 'revised') outcome.updated.push(doc.id);
      if (result.kind === 'duplicate') {
        // The file now holds content indexed as another document, which stays the one copy of it.
        await d.library.delete(doc.id);
        outcome.deleted.push(doc.id);
      }
      if (result.kind === 'failed') {
        d.logger.warn({ path, error: result.error }, 'a changed file could not be indexed; keeping its last version');
        if (!PERMANENT.has(result.error.code)) continue;
      }
      remember(sha256);
      continue;
    }
    // A failed document from an earlier attempt makes way for a fresh one.
    if (doc) await d.library.delete(doc.id);
    const renamed = await followRename(d, folder, path, sha256);
    if (renamed) {
      remember(sha256);
      outcome.updated.push(renamed);
      continue;
    }
    toIngest.set(path, { size: s.size, mtimeMs: s.mtimeMs, sha256 });
  }

  if (toIngest.size > 0 && !d.blocker() && !d.signal.aborted) await ingest(d, folder, toIngest);

  // Removals last, so a rename seen as "new path + missing path" has already moved its document.
  if (!(await isDirectory(folder.path))) return { ...outcome, present: false };
  for (const candidate of scope.candidates) {
    if (d.signal.aborted) return outcome;
    const doc = d.catalog.getDocument(candidate.id);
    if (!doc?.sourcePath || !isWithin(doc.sourcePath, folder.path) || (await exists(doc.sourcePath))) continue;
    await d.library.delete(doc.id);
    outcome.deleted.push(doc.id);
  }
  for (const file of scope.remembered) if (!(await exists(file.path))) d.catalog.folders.removeFile(file.path);
  return outcome;
}

/** The files to look at, the documents that may have lost their file, and the remembered files in scope. */
async function scopeOf(
  catalog: Catalog,
  folder: WatchedFolderRecord,
  changes: FolderChanges,
): Promise<{ present: string[]; candidates: DocumentRecord[]; remembered: WatchedFileRecord[] }> {
  const roots = changes.full ? [folder.path] : changes.paths;
  const present: string[] = [];
  const candidates: DocumentRecord[] = [];
  const remembered: WatchedFileRecord[] = [];
  for (const root of roots) {
    const info = await lstat(root).catch(() => null);
    if (info?.isDirectory() || (info?.isSymbolicLink() && (await isDirectory(root)))) {
      present.push(...(await walkInputs([root], { within: folder.path })).map((input) => input.path));
    } else if (info) present.push(root);
    candidates.push(...catalog.folders.documentsUnder(root));
    remembered.push(...catalog.folders.filesUnder(root));
  }
  return { present: [...new Set(present)], candidates, remembered };
}

/** Moves the indexed document with this content to `path` if its own file is gone; returns its id if it did. */
async function followRename(
  d: ReconcileDeps,
  folder: WatchedFolderRecord,
  path: string,
  sha256: string,
): Promise<string | null> {
  const moved = d.catalog.findIndexedBySha256(sha256);
  if (!moved?.sourcePath || moved.sourcePath === path || (await exists(moved.sourcePath))) return null;
  const from = moved.sourcePath;
  d.catalog.updateDocument(moved.id, { sourcePath: path, name: basename(path) });
  d.catalog.folders.removeFile(from);
  // Out of one watched folder into another: it joins the collection the new folder feeds.
  const fromWatched = d.catalog.folders.list().some((f) => isWithin(from, f.path));
  if (fromWatched && moved.collection !== folder.collection) {
    d.catalog.collectionTable.move([moved.id], folder.collection);
  }
  return moved.id;
}

/**
 * A path that leads out of the folder: a document made from the file the link replaced goes (its file is no longer
 * in the folder), and the link is queued for the pipeline to refuse with its note, unless it was refused unchanged.
 */
async function noteLinkOut(
  d: ReconcileDeps,
  path: string,
  outcome: ReconcileOutcome,
  toIngest: Map<string, FileStamp>,
): Promise<void> {
  const link = await lstat(path).catch(() => null);
  if (!link) return;
  for (const doc of d.catalog.folders.documentsAt(path)) {
    await d.library.delete(doc.id);
    outcome.deleted.push(doc.id);
  }
  const seen = d.catalog.folders.file(path);
  if (seen?.sha256 === null && seen.size === link.size && seen.mtimeMs === link.mtimeMs) return;
  toIngest.set(path, { size: link.size, mtimeMs: link.mtimeMs, sha256: null });
}

async function ingest(d: ReconcileDeps, folder: WatchedFolderRecord, files: Map<string, FileStamp>): Promise<void> {
  let result;
  try {
    const collection = folder.collection ? { collection: folder.collection } : {};
    result = await untilAborted(
      d.library.ingest({ paths: [...files.keys()], within: folder.path, ...collection }),
      d.signal,
    );
  } catch (error) {
    d.logger.warn({ err: error, folder: folder.path }, 'could not ingest new files of a watched folder');
    return;
  }
  if (!result) return;
  for (const file of result.files) {
    const job = d.catalog.jobs.get(file.jobId);
    const path = job?.input.kind === 'path' ? job.input.path : undefined;
    const seen = path ? files.get(path) : undefined;
    if (!path || !seen) continue;
    const settled = file.stage === 'indexed' || (file.error && PERMANENT.has(file.error.code));
    if (settled) d.catalog.folders.putFile({ path, folderId: folder.id, ...seen });
  }
}

/** The work's result, or null as soon as the signal aborts (the work itself goes on, or is cancelled elsewhere). */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T | null> {
  if (signal.aborted) return Promise.resolve(null);
  return new Promise<T | null>((resolve, reject) => {
    const onAbort = (): void => resolve(null);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

async function exists(path: string): Promise<boolean> {
  return (await stat(path).catch(() => null)) !== null;
}
