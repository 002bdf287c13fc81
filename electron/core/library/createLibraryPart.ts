import { MEGABYTE } from '../../shared/formatBytes';
import { libraryHandlers } from './libraryHandlers';
import type { CoreSignalMap, Part, PartContext } from '../lifecycle/PartContext';
import type { RuntimeServices } from '../runtime/createRuntimePart';
import type { SettingsService } from '../settings/SettingsService';
import type { StagingArea } from '../staging/StagingArea';
import type { StorageServices } from '../storage/StorageServices';
import { Catalog } from './catalog/Catalog';
import { Library, type LibraryOptions } from './Library';
import { disposeSharedOcrEngine } from './parse/ocr/OcrEngine';
import { parseFile } from './parse/parseFile';
import { ParserPool } from './parse/pool/ParserPool';

/** Job and leader leases on a team server unless the shell says otherwise: a dead replica's work waits this long. */
export const SHARED_LEASE_MS = 30_000;

/** The longest a replica waits before looking for jobs to take over (released ones are free at once). */
const TAKEOVER_POLL_MS = 5_000;

/** Part of every vector index key; bump when chunking or the way texts are embedded changes. */
export const LIBRARY_EMBEDDING_VERSION = 1;

/** The services of the library part. */
export interface LibraryServices {
  /** Documents, passages, jobs, versions, collections and conversations (SQLite). */
  libraryCatalog: Catalog;
  library: Library;
  /** Parses a file: in worker threads when the shell provides one, else in the core's own thread. */
  parse: LibraryOptions['parse'];
  /** Why ingestion cannot run now (no embedding model), or null. */
  blocker: () => string | null;
  /** The largest file the library accepts now, in bytes. */
  maxBytes: () => number;
}

type LibraryChannels = keyof ReturnType<typeof libraryHandlers>;

/** The library: catalogue, ingestion pipeline and parsers; ingestion resumes once storage and a model are there. */
export function createLibraryPart(
  ctx: PartContext,
  deps: { settings: SettingsService; staging: StagingArea; storage: StorageServices; runtime: RuntimeServices },
): Part<LibraryServices, LibraryChannels> {
  const { platform, paths, logger, events, signals, disposables } = ctx;
  const { settings, storage, runtime } = deps;
  // Parsers read hostile files: in worker threads they can be timed out, memory-capped and killed.
  const pool = platform.parseWorker
    ? disposables.add(
        'parsers',
        new ParserPool({
          entry: platform.parseWorker.entry,
          execArgv: platform.parseWorker.execArgv ?? [],
          logger: logger.child({ component: 'parsers' }),
        }),
      )
    : null;
  const parseIn = pool ? pool.parse : parseFile;
  // Without a pool, OCR runs in this thread: its tesseract thread must end with the core.
  if (!pool) disposables.add('ocr engine', { dispose: disposeSharedOcrEngine });
  // Each file reads the OCR languages as set at that moment, like the size limit.
  const parse: LibraryOptions['parse'] = (path, options) =>
    parseIn(path, { ...options, ocr: { ...options.ocr, languages: settings.get().library.ocrLanguages } });
  const shared = platform.sharedCatalog;
  const libraryCatalog = disposables.add(
    'library catalogue',
    Catalog.open({
      dataDir: paths.root,
      ...(shared
        ? { postgres: shared.postgres, replica: { id: shared.replicaId, leaseMs: shared.leaseMs ?? SHARED_LEASE_MS } }
        : {}),
    }),
  );
  const blocker = (): string | null =>
    runtime.preferred().embedding.length === 0
      ? 'Hearth needs an embedding model to index documents. Download or import one on the Models screen.'
      : null;
  const maxBytes = () => settings.get().library.maxFileSizeMB * MEGABYTE;
  const library = disposables.add(
    'library',
    new Library({
      catalog: libraryCatalog,
      storage,
      embed: runtime.embed,
      parse,
      staging: deps.staging,
      incomingDir: paths.incoming,
      maxBytes,
      embeddingVersion: LIBRARY_EMBEDDING_VERSION,
      blocker,
      onProgress: (event) => events.emit('library.progress', event),
      onChanged: (change) => announceLibraryChange(ctx, change),
      logger: logger.child({ component: 'library' }),
      shared: shared !== undefined,
    }),
  );
  const resume = (): void => {
    if (blocker()) return;
    library.resume().catch((error: unknown) => logger.error({ err: error }, 'resuming ingestion failed'));
  };
  void storage.ready.then(resume);
  signals.on('models.changed', resume);
  // Replicas share the jobs: one that died leaves its jobs leased until the leases run out, then another takes them.
  if (shared)
    void storage.ready.then(() =>
      library.startTakeover(Math.min(libraryCatalog.jobs.leaseMs / 2, TAKEOVER_POLL_MS), () => !blocker()),
    );
  return {
    services: { libraryCatalog, library, parse, blocker, maxBytes },
    handlers: libraryHandlers({ library, catalog: libraryCatalog, blocker }),
  };
}

/** Tells clients (contract event) and the other parts (internal event) that documents changed. */
export function announceLibraryChange(
  ctx: Pick<PartContext, 'events' | 'signals'>,
  change: CoreSignalMap['library.changed'],
): void {
  ctx.events.emit('library.changed', change);
  ctx.signals.emit('library.changed', change);
}
