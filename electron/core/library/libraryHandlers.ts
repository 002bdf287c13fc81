import { HearthError } from '../../shared/errors';
import { DOCUMENT_STATUSES } from '../../shared/librarySchemas';
import type { LibraryDocument, LibraryFilters, LibraryJob, LibraryOverview } from '../../shared/librarySchemas';
import type { Catalog } from './catalog/Catalog';
import type { DocumentRecord, JobRecord } from './catalog/catalogTypes';
import type { Library } from './Library';
import type { Handlers } from '../rpc/Dispatcher';
import { mayNamePaths } from '../rpc/Dispatcher';
import { refuseSharedPaths } from './refuseSharedPaths';
import { summariseOcr } from './summariseOcr';

type LibraryChannels =
  | 'library.ingest'
  | 'library.list'
  | 'library.documents'
  | 'library.get'
  | 'library.delete'
  | 'library.retry'
  | 'library.cancel'
  | 'library.dismiss';

/** Chunks shown in a document's detail view: enough to check what was indexed, not the whole text. */
const PREVIEW_CHUNKS = 20;

/** The Library screen's channels. */
export function libraryHandlers(deps: {
  library: Library;
  catalog: Catalog;
  /** Why ingestion cannot run now, shown above the list; null when it can. */
  blocker: () => string | null;
}): Pick<Handlers, LibraryChannels> {
  const { library, catalog } = deps;
  /** Totals, jobs, collections and blocker: what a page and a delta both carry, all from indexed aggregates. */
  const overview = (filters: LibraryFilters): LibraryOverview => {
    const whole = catalog.listing.countsByStatus({});
    const narrowed = filters.type?.length || filters.collection !== undefined || filters.text?.trim();
    // Counts leave the status filter out, so the total is the sum over the statuses chosen.
    const counts = narrowed ? catalog.listing.countsByStatus(filters) : whole;
    const statuses: readonly (typeof DOCUMENT_STATUSES)[number][] = filters.status?.length
      ? filters.status
      : DOCUMENT_STATUSES;
    return {
      total: statuses.reduce((sum, status) => sum + counts[status], 0),
      counts,
      library: { documents: DOCUMENT_STATUSES.reduce((sum, s) => sum + whole[s], 0), indexed: whole.indexed },
      jobs: catalog.jobs.listOpen().map((job) => toJob(job, catalog)),
      collections: catalog.collections(),
      blocker: deps.blocker(),
    };
  };
  return {
    'library.ingest': async (input, ctx) => {
      // A browser on another computer must not name files on the server's disk.
      if (input.paths?.length) refuseSharedPaths(catalog, 'files');
      if (input.paths?.length && !mayNamePaths(ctx)) {
        throw new HearthError('PERMISSION_DENIED', 'A browser cannot add files by path; upload them instead.');
      }
      // The batch runs on in the core when the caller stops following it (library.cancel stops it).
      return untilAborted(library.ingest(input, { onProgress: (event) => ctx.emit(event) }), ctx.signal);
    },
    'library.list': (input) => {
      const page = catalog.listing.page(input);
      return {
        ...overview(input.filters),
        items: page.items.map((d) => toDocument(d.record, d.chunks)),
        nextCursor: page.nextCursor,
      };
    },
    'library.documents': ({ ids, filters }) => ({
      ...overview(filters),
      documents: catalog.listing.byIds(ids, filters).map((d) => toDocument(d.record, d.chunks)),
    }),
    'library.get': ({ id }) => {
      const doc = catalog.getDocument(id);
      if (!doc) throw new HearthError('NOT_FOUND', 'That document is not in the library.');
      const chunks = catalog.listChunks(id);
      const ocr = summariseOcr(chunks);
      const parent = doc.parentId ? catalog.getDocument(doc.parentId) : undefined;
      const children = catalog.attachments.linked(id).map(toLinked);
      const notIndexed = catalog.attachments.skipped(id);
      const hasAttachments = children.length > 0 || notIndexed.length > 0;
      return {
        document: toDocument(doc, chunks.length),
        chunks: chunks
          .slice(0, PREVIEW_CHUNKS)
          .map((c) => ({ id: c.id, ordinal: c.ordinal, text: c.text, provenance: c.provenance })),
        jobs: catalog.jobs.list({ documentId: id }).map((job) => toJob(job, catalog)),
        ...(ocr ? { ocr } : {}),
        ...(parent ? { parent: toLinked(parent) } : {}),
        ...(hasAttachments ? { attachments: { documents: children, notIndexed } } : {}),
      };
    },
    'library.delete': async ({ id }) => {
      await library.delete(id);
      return { deleted: true as const };
    },
    'library.retry': (input, ctx) =>
      untilAborted(library.retry(input.jobId, { onProgress: (event) => ctx.emit(event) }), ctx.signal),
    'library.cancel': (input) => ({ cancelled: library.cancel(input) }),
    'library.dismiss': async ({ jobId }) => ({ dismissed: await library.dismiss(jobId) }),
  };
}

/** Settles with the work, or with CANCELLED as soon as the caller stops following; the work itself goes on. */
function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new HearthError('CANCELLED', 'Stopped following this batch.'));
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

function toDocument(d: DocumentRecord, chunks: number): LibraryDocument {
  return {
    id: d.id,
    name: d.name,
    sourcePath: d.sourcePath,
    sha256: d.sha256,
    size: d.size,
    type: d.type,
    collection: d.collection,
    status: d.status,
    error: d.error,
    version: d.version,
    embeddingVersion: d.embeddingVersion,
    parentId: d.parentId,
    attachedTo: d.attachedTo,
    chunks,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  };
}

function toLinked(d: DocumentRecord): { id: string; name: string; status: DocumentRecord['status'] } {
  return { id: d.id, name: d.name, status: d.status };
}

function toJob(job: JobRecord, catalog: Catalog): LibraryJob {
  const doc = job.documentId ? catalog.getDocument(job.documentId) : undefined;
  const name = job.input.kind === 'staging' ? job.input.name : (doc?.name ?? job.input.path.split(/[\\/]/).pop() ?? '');
  return {
    id: job.id,
    batchId: job.batchId,
    documentId: job.documentId,
    name,
    stage: job.stage,
    error: job.error,
    attempts: job.attempts,
    updatedAt: job.updatedAt,
  };
}
