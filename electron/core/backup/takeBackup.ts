import { createHash, randomBytes } from 'node:crypto';
import { mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { BackupProgress, BackupSummary } from '../../shared/backupSchemas';
import type { Catalog } from '../library/catalog/Catalog';
import type { ObjectStore } from '../objects/ObjectStore';
import type { IndexKey, VectorStore } from '../vectors/VectorStore';
import { cancelled } from './backupErrors';
import type { BackupRepository, ManifestBody, ManifestEntry } from './BackupRepository';
import { exportVectors, readSnapshotFacts } from './backupSources';
import { dumpCatalog } from './catalogDump';
import { cutPieces, PIECE_SIZES } from './cutPieces';

/** What a backup reads from the running library. */
export interface BackupSources {
  catalog: Pick<Catalog, 'snapshotTo'>;
  objects: () => Promise<Pick<ObjectStore, 'download'>>;
  vectorIndex: (key: IndexKey) => VectorStore;
  /** Settings as saved (they hold no secrets: those are in the keychain). */
  settings: () => unknown;
  /** Installed models and defaults, without their files. */
  models: () => { models: unknown[]; defaults: unknown };
}

/** Options for one backup run. */
export interface TakeBackupOptions {
  repo: BackupRepository;
  sources: BackupSources;
  /** A folder for the catalogue snapshot; emptied afterwards. */
  workDir: string;
  appVersion: string;
  signal: AbortSignal;
  onProgress: (progress: BackupProgress) => void;
  now?: () => number;
}

/** Pieces sent at once: enough to hide a remote server's latency, few enough to hold little memory. */
const PARALLEL = 4;

/**
 * One backup: a catalogue snapshot first (consistent while ingestion runs: one read transaction), then what it
 * names — every index's vectors and the originals of its whole documents — then settings and the model list. Each is
 * cut into content-defined pieces; only pieces the repository lacks are sealed and sent. The manifest goes last, so
 * a cancelled or failed run leaves no backup (its pieces are reused by the next).
 */
export async function takeBackup(options: TakeBackupOptions): Promise<BackupSummary> {
  const { repo, sources, signal, onProgress } = options;
  const now = options.now ?? Date.now;
  const createdAt = now();
  const id = `${new Date(createdAt).toISOString().replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}`;
  const work = join(options.workDir, id);
  await mkdir(work, { recursive: true });
  let uploadedBytes = 0;
  const report = (phase: BackupProgress['phase'], done: number, total: number, message: string): void =>
    onProgress({ phase, done, total, uploadedBytes, message });
  try {
    report('snapshot', 0, 1, 'Taking a snapshot of the catalogue');
    const snapshot = join(work, 'catalog.db');
    sources.catalog.snapshotTo(snapshot);
    const facts = readSnapshotFacts(snapshot);
    report('snapshot', 1, 1, 'Snapshot taken');

    // Pieces the repository holds whose stored checksums the newest manifest knows.
    const stored = await repo.storedPieces(signal);
    const latest = (await repo.list())[0];
    const known: ManifestBody['pieces'] = {};
    let previous: ManifestEntry[] = [];
    if (latest) {
      const manifest = await repo.readManifest(latest.id, signal);
      for (const [address, info] of Object.entries(manifest.body.pieces)) {
        if (stored.get(address) === info.size) known[address] = info;
      }
      previous = manifest.body.entries;
    }
    const pieces: ManifestBody['pieces'] = {};
    const inFlight = new Set<Promise<void>>();
    let failure: { error: unknown } | null = null;

    /** Cuts a source into pieces, sending the new ones; returns the entry's piece list, size and hash. */
    const store = async (
      source: AsyncIterable<Buffer | string>,
      average: number = PIECE_SIZES.small,
    ): Promise<{ pieces: string[]; size: number; sha256: string }> => {
      const list: string[] = [];
      let size = 0;
      const hash = createHash('sha256');
      for await (const plain of cutPieces(source, average)) {
        if (signal.aborted) throw cancelled();
        if (failure) throw failure.error;
        size += plain.length;
        hash.update(plain);
        const address = repo.address(plain);
        list.push(address);
        if (pieces[address]) continue;
        const existing = known[address];
        if (existing) {
          pieces[address] = existing;
          continue;
        }
        pieces[address] = { size: 0, sha256: '' };
        while (inFlight.size >= PARALLEL) await Promise.race(inFlight);
        const put: Promise<void> = repo
          .putPiece(address, plain, signal)
          .then((info) => {
            pieces[address] = info;
            uploadedBytes += info.size;
          })
          .catch((error: unknown) => {
            failure ??= { error };
          })
          .finally(() => inFlight.delete(put));
        inFlight.add(put);
      }
      return { pieces: list, size, sha256: hash.digest('hex') };
    };

    const entries: ManifestEntry[] = [];
    report('upload', 0, (await stat(snapshot)).size, 'Backing up the catalogue');
    entries.push({ kind: 'catalog', name: 'catalog.jsonl', ...(await store(dumpCatalog(snapshot))) });

    let vectors = 0;
    for (const [i, key] of facts.indexes.entries()) {
      report('vectors', i, facts.indexes.length, `Backing up vectors of ${key.model}`);
      const source = exportVectors(sources.vectorIndex(key), (n) => (vectors += n), signal);
      entries.push({
        kind: 'vectors',
        name: `vectors/${key.model}/${key.version}`,
        index: key,
        ...(await store(source)),
      });
    }

    const originalsTotal = facts.originals.reduce((sum, o) => sum + o.size, 0);
    let originalsDone = 0;
    const objects = facts.originals.length > 0 ? await sources.objects() : null;
    const previousOriginals = new Map(previous.filter((e) => e.kind === 'original').map((e) => [e.objectKey, e]));
    const originalEntries: ManifestEntry[] = new Array<ManifestEntry>(facts.originals.length);
    const backUpOriginal = async (n: number): Promise<void> => {
      const original = facts.originals[n] as (typeof facts.originals)[number];
      // An original never changes under its key: an unchanged one is taken from the last backup without reading it.
      const before = previousOriginals.get(original.objectKey);
      if (before && before.size === original.size && before.pieces.every((address) => known[address])) {
        for (const address of before.pieces) pieces[address] = known[address] as { size: number; sha256: string };
        originalEntries[n] = before;
      } else {
        const stream: Readable = await (objects as Pick<ObjectStore, 'download'>).download(original.objectKey, {
          signal,
        });
        const result = await store(stream, PIECE_SIZES.large);
        originalEntries[n] = {
          kind: 'original',
          name: original.objectKey,
          objectKey: original.objectKey,
          tags: original.tags,
          ...result,
        };
      }
      originalsDone += original.size;
      report('originals', originalsDone, originalsTotal, 'Backing up originals');
    };
    // Small originals cost a request each: a few are read at once (their pieces share the upload window).
    let next = 0;
    await Promise.all(
      Array.from({ length: Math.min(PARALLEL, facts.originals.length) }, async () => {
        while (next < facts.originals.length) await backUpOriginal(next++);
      }),
    );
    entries.push(...originalEntries);

    entries.push({ kind: 'settings', name: 'settings.json', ...(await store(jsonSource(sources.settings()))) });
    const models = sources.models();
    entries.push({ kind: 'models', name: 'models.json', ...(await store(jsonSource(models))) });

    await Promise.all(inFlight);
    if (failure) throw (failure as { error: unknown }).error;
    if (signal.aborted) throw cancelled();

    const summary: BackupSummary = {
      id,
      createdAt,
      appVersion: options.appVersion,
      totalBytes: entries.reduce((sum, e) => sum + e.size, 0),
      uploadedBytes,
      counts: {
        documents: facts.documents,
        versions: facts.versions,
        conversations: facts.conversations,
        originals: facts.originals.length,
        indexes: facts.indexes.length,
        vectors,
        models: models.models.length,
      },
    };
    await repo.writeManifest(summary, { entries, pieces });
    report('upload', summary.totalBytes, summary.totalBytes, 'Backup written');
    return summary;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

async function* jsonSource(value: unknown): AsyncGenerator<Buffer> {
  yield Buffer.from(JSON.stringify(value, null, 2));
}
