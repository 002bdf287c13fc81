import { createHash } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { HearthError } from '../../../shared/errors';
import type { DocumentRecord, JobRecord, NewDocument } from '../catalog/catalogTypes';
import { isTerminal } from './pipelineHelpers';
import type { PipelineCatalog } from './pipelineTypes';
import type { ParsedDocument } from '../parse/ParsedDocument';

/**
 * The job id (and so the document id) of an email's nth attachment: derived from the mail and its version, so a
 * mail parsed again after a crash finds the jobs it already made instead of making them twice.
 */
export function childJobId(parentId: string, version: number, ordinal: number): string {
  const h = createHash('sha256')
    .update(`attachment:${parentId}:${String(version)}:${String(ordinal)}`)
    .digest('hex');
  // UUID-shaped (version nibble 5, as name-based UUIDs are), which the contract's id pattern accepts.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Whether a job is an email attachment's (a child document's). */
export function parentOf(job: JobRecord): string | null {
  return job.input.kind === 'staging' ? (job.input.parentId ?? null) : null;
}

/** Options for `spawnAttachmentJobs`. */
export interface SpawnOptions {
  catalog: PipelineCatalog;
  /** Where each attachment waits as a file until its own job has stored it. */
  dir: string;
  /** The mail parsed with `attachmentsAsDocuments`. */
  parsed: ParsedDocument;
  /** The batch the new jobs join. */
  batchId: string;
  /** The mail's document. */
  parent: DocumentRecord;
  /** Deletes a document (the pipeline's delete: vectors, original, rows). */
  remove: (documentId: string) => Promise<void>;
}

/**
 * Writes an email's readable attachments to files and gives each a job of its own (the path
 * of an upload: sniffed, bounded, stored and parsed like any file), and records the attachments left out. Files
 * are written before their jobs, so a job never names a half-written file; jobs that already exist (the mail
 * parsed again on resume or retry) are kept. Children of an older version of the mail are deleted.
 */
export async function spawnAttachmentJobs(o: SpawnOptions): Promise<JobRecord[]> {
  const { catalog, parent, parsed } = o;
  const attachments = parsed.attachments ?? [];
  const ids = attachments.map((_, n) => childJobId(parent.id, parent.version, n));
  if (attachments.length > 0) await mkdir(o.dir, { recursive: true, mode: 0o700 });
  for (const [n, attachment] of attachments.entries()) {
    // A job that exists has its whole file already, and may be reading it right now (both resumed together).
    if (!catalog.jobs.get(ids[n]!)) await writeFile(join(o.dir, ids[n]!), attachment.bytes, { mode: 0o600 });
  }
  const created = catalog.transaction(() => {
    catalog.attachments.replaceSkipped(parent.id, parsed.skippedAttachments ?? []);
    const jobs: JobRecord[] = [];
    for (const [n, attachment] of attachments.entries()) {
      const id = ids[n]!;
      if (catalog.jobs.get(id)) continue;
      const attachedTo = `attached to ${attachment.subject} (${parent.name})`;
      const input = { kind: 'staging' as const, handle: join(o.dir, id), name: attachment.name };
      jobs.push(catalog.jobs.create({ id, batchId: o.batchId, input: { ...input, parentId: parent.id, attachedTo } }));
    }
    return jobs;
  });
  const keep = new Set(ids);
  for (const child of catalog.attachments.children(parent.id)) if (!keep.has(child.id)) await o.remove(child.id);
  return created;
}

/** What an attachment's document records of its mail: parent, provenance and the mail's collection. */
export function childFields(
  catalog: PipelineCatalog,
  job: JobRecord,
): Pick<NewDocument, 'parentId' | 'attachedTo' | 'collection'> {
  if (job.input.kind !== 'staging' || !job.input.parentId) return {};
  const parent = catalog.getDocument(job.input.parentId);
  if (!parent) throw new HearthError('NOT_FOUND', 'The email this file was attached to is no longer in the library.');
  return { parentId: parent.id, attachedTo: job.input.attachedTo ?? null, collection: parent.collection };
}

/**
 * Stops and forgets the jobs of a mail's attachments with their waiting files; a job whose document exists stays
 * for that document's own delete. `abort` stops one that is running now.
 */
export async function forgetChildJobs(
  catalog: PipelineCatalog,
  parentId: string,
  dir: string | undefined,
  abort: (jobId: string) => void,
): Promise<void> {
  for (const job of catalog.attachments.jobs(parentId)) {
    abort(job.id);
    if (dir && job.input.kind === 'staging' && job.input.handle.startsWith(dir)) {
      await rm(job.input.handle, { force: true });
    }
    if (job.documentId && catalog.getDocument(job.documentId)) continue;
    // Stopped first: a job still to run cannot be forgotten (a running one then finds it ended and stops there).
    if (!isTerminal(job.stage)) catalog.jobs.cancel(job.id);
    catalog.jobs.remove(job.id);
  }
}
