import { createReadStream } from 'node:fs';
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { createHash } from 'node:crypto';
import type { BackupProgress, BackupRestoreResult } from '../../shared/backupSchemas';
import { HearthError } from '../../shared/errors';
import type { Catalog } from '../library/catalog/Catalog';
import type { ObjectStore } from '../objects/ObjectStore';
import type { IndexKey, VectorChunk, VectorStore } from '../vectors/VectorStore';
import { cancelled } from './backupErrors';
import type { BackupRepository, ManifestBody, ManifestEntry } from './BackupRepository';
import { parseVectorLine } from './backupSources';
import { loadCatalogDump } from './catalogDump';
import { corrupt } from './pieceCipher';

/** Pieces read ahead of the one being checked. */
const PARALLEL = 4;

/** Where a restore writes, and how it rebuilds search. */
export interface RestoreTargets {
  catalog: Pick<
    Catalog,
    'replaceFrom' | 'listDocuments' | 'listChunks' | 'conversations' | 'collectionTable' | 'indexes'
  >;
  objects: () => Promise<Pick<ObjectStore, 'upload'>>;
  vectorIndex: (key: IndexKey) => VectorStore;
  /** Applies the backup's settings (the caller keeps this computer's storage and server sections). */
  applySettings: (settings: unknown) => Promise<void>;
  /** Model ids installed here. */
  installedModels: () => string[];
  /**
   * Rebuilds what the backup could not bring: vectors of queued documents, or a re-embed when the default model
   * differs from the backup's index. Returns how many documents were embedded again.
   */
  rebuild: (onProgress: (done: number, total: number) => void, signal: AbortSignal) => Promise<number>;
  /** Tells clients and parts that the library changed. */
  announce: (documentIds: string[]) => void;
}

/** Options for verify and restore. */
export interface RestoreOptions {
  repo: BackupRepository;
  id: string;
  /** A folder outside the data dir for the checked plain files; removed afterwards. */
  workDir: string;
  signal: AbortSignal;
  onProgress: (progress: BackupProgress) => void;
}

/**
 * Reads every piece of a backup and checks it (stored checksum, GCM tag, content address), and every file against
 * its recorded size and SHA-256. With `keepFiles`, writes each checked file under the work dir and returns where.
 */
export async function verifyBackup(
  options: RestoreOptions,
  keepFiles = false,
): Promise<{ body: ManifestBody; files: Map<ManifestEntry, string>; bytes: number }> {
  const { repo, id, signal, onProgress } = options;
  const { body } = await repo.readManifest(id, signal);
  const total = Object.values(body.pieces).reduce((sum, p) => sum + p.size, 0);
  const files = new Map<ManifestEntry, string>();
  const work = join(options.workDir, `restore-${id}`);
  if (keepFiles) await mkdir(work, { recursive: true });
  let done = 0;
  const checked = new Set<string>();
  // Every piece in manifest order, with up to PARALLEL read ahead (small originals are one piece each); each file is
  // checked whole once its last piece is in.
  const order = body.entries.flatMap((entry) => entry.pieces);
  const reads = new Map<number, Promise<Buffer>>();
  const read = (i: number): void => {
    const address = order[i];
    if (address === undefined) return;
    const expected = body.pieces[address];
    const pending = expected
      ? repo.getPiece(address, expected, signal)
      : Promise.reject(corrupt(`the manifest of ${id}`));
    pending.catch(() => undefined);
    reads.set(i, pending);
  };
  for (let i = 0; i < PARALLEL; i++) read(i);
  let i = 0;
  for (const [n, entry] of body.entries.entries()) {
    const hash = createHash('sha256');
    let size = 0;
    const path = join(work, String(n));
    const file = keepFiles ? await open(path, 'w') : null;
    try {
      for (const address of entry.pieces) {
        if (signal.aborted) throw cancelled();
        const plain = await (reads.get(i) as Promise<Buffer>);
        reads.delete(i);
        read(i + PARALLEL);
        i++;
        if (!checked.has(address)) {
          checked.add(address);
          done += (body.pieces[address] as { size: number }).size;
        }
        hash.update(plain);
        size += plain.length;
        await file?.write(plain);
        onProgress({ phase: 'verify', done, total, uploadedBytes: 0, message: `Checking ${entry.name}` });
      }
    } finally {
      await file?.close();
    }
    if (size !== entry.size || hash.digest('hex') !== entry.sha256) throw corrupt(entry.name);
    if (keepFiles) files.set(entry, path);
  }
  return { body, files, bytes: total };
}

/**
 * Restores a backup into this (empty) library: everything is read and checked first, outside the data dir, so a
 * damaged backup or a wrong key changes nothing here. Then originals go into the object store, the catalogue's rows
 * are replaced in one transaction (documents, versions, conversations, collections; the keyword index rebuilds
 * itself), vectors go back into their indexes, settings are applied, and search is rebuilt where needed.
 */
export async function restoreBackup(options: RestoreOptions, targets: RestoreTargets): Promise<BackupRestoreResult> {
  const { signal, onProgress } = options;
  if (targets.catalog.listDocuments().length > 0 || targets.catalog.conversations.list().length > 0) {
    throw new HearthError(
      'CONFLICT',
      'A backup is restored into an empty library. This library already has documents or conversations: start ' +
        'Hearth with an empty data folder, or erase the library first.',
    );
  }
  const work = join(options.workDir, `restore-${options.id}`);
  try {
    const { files } = await verifyBackup(options, true);
    const entries = [...files.keys()];
    const fileOf = (entry: ManifestEntry): string => files.get(entry) as string;
    const report = (phase: BackupProgress['phase'], done: number, total: number, message: string): void =>
      onProgress({ phase, done, total, uploadedBytes: 0, message });

    // The catalogue is rebuilt in the work folder first: a dump this Hearth cannot read stops here, untouched.
    const catalogEntry = entries.find((e) => e.kind === 'catalog');
    if (!catalogEntry) throw corrupt(`the manifest of ${options.id}`);
    const catalogFile = await loadCatalogDump(fileOf(catalogEntry), join(work, 'catalog'));

    const originals = entries.filter((e) => e.kind === 'original');
    if (originals.length > 0) {
      const objects = await targets.objects();
      let next = 0;
      let put = 0;
      await Promise.all(
        Array.from({ length: Math.min(PARALLEL, originals.length) }, async () => {
          while (next < originals.length) {
            const entry = originals[next++] as ManifestEntry;
            if (signal.aborted) throw cancelled();
            await objects.upload(entry.objectKey as string, fileOf(entry), {
              signal,
              ...(entry.tags ? { tags: entry.tags } : {}),
            });
            report('apply', ++put, originals.length, 'Putting back originals');
          }
        }),
      );
    }

    report('apply', 0, 1, 'Restoring the catalogue');
    targets.catalog.replaceFrom(catalogFile);
    const documents = targets.catalog.listDocuments({ status: 'indexed' });
    const chunkIds = new Map<string, string>();
    for (const doc of documents) for (const chunk of targets.catalog.listChunks(doc.id)) chunkIds.set(chunk.id, doc.id);

    let vectors = 0;
    const covered = new Map<string, Set<string>>();
    for (const entry of entries.filter((e) => e.kind === 'vectors')) {
      const key = entry.index as IndexKey;
      const store = targets.vectorIndex(key);
      const ids = new Set<string>();
      let batch: VectorChunk[] = [];
      const flush = async (): Promise<void> => {
        if (batch.length > 0) await store.upsert(batch);
        vectors += batch.length;
        report('apply', vectors, vectors, `Restoring vectors of ${key.model}`);
        batch = [];
      };
      for await (const line of createInterface({ input: createReadStream(fileOf(entry)), crlfDelay: Infinity })) {
        if (signal.aborted) throw cancelled();
        if (!line) continue;
        const chunk = parseVectorLine(line);
        // Vectors of a document the snapshot did not hold whole (it was being ingested) stay out.
        if (chunkIds.get(chunk.id) !== chunk.documentId) continue;
        ids.add(chunk.id);
        batch.push(chunk);
        if (batch.length >= 500) await flush();
      }
      await flush();
      covered.set(`${key.model}\u0000${key.version}`, ids);
    }

    const settingsEntry = entries.find((e) => e.kind === 'settings');
    if (settingsEntry) await targets.applySettings(JSON.parse(await readText(fileOf(settingsEntry))));
    const modelsEntry = entries.find((e) => e.kind === 'models');
    const installed = new Set(targets.installedModels());
    const models = modelsEntry
      ? ((JSON.parse(await readText(fileOf(modelsEntry))) as { models?: { id?: unknown }[] }).models ?? [])
      : [];
    const missingModels = models.map((m) => String(m.id)).filter((id) => !installed.has(id));

    // A document the active index lacks vectors for (it changed while the backup ran) is embedded again.
    const lacking = new Set<string>();
    const active = targets.catalog.indexes.active();
    const ids = active ? covered.get(`${active.model}\u0000${active.version}`) : undefined;
    if (ids) for (const [chunkId, documentId] of chunkIds) if (!ids.has(chunkId)) lacking.add(documentId);
    if (lacking.size > 0) targets.catalog.collectionTable.queueRefresh([...lacking]);
    const reembedded = await targets.rebuild(
      (done, total) => report('reembed', done, total, 'Embedding again'),
      signal,
    );
    targets.announce(documents.map((d) => d.id));
    return {
      id: options.id,
      documents: documents.length,
      conversations: targets.catalog.conversations.list().length,
      vectors,
      reembedded,
      missingModels,
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

function readText(path: string): Promise<string> {
  return readFile(path, 'utf8');
}
