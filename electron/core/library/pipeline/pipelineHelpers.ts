import { stat } from 'node:fs/promises';
import { HearthError, isHearthError } from '../../../shared/errors';
import { fileReadError } from '../parse/fileReadError';
import { basename } from 'node:path';
import type { JobInput, JobStage, StoredError } from '../catalog/catalogTypes';
import type { IngestInput, PipelineCatalog } from './pipelineTypes';
import { CANCELLED, type Work } from './pipelineWork';

/** Stages a job never leaves on its own. */
export function isTerminal(stage: JobStage): boolean {
  return stage === 'indexed' || stage === 'failed' || stage === 'cancelled';
}

/** stat with the failures a person can act on. */
export async function statFile(path: string): Promise<{ isFile(): boolean; size: number }> {
  try {
    return await stat(path);
  } catch (error) {
    throw fileReadError(error);
  }
}

/** The job's document; its absence is a bug, not a user error. */
export function requireDoc(catalog: PipelineCatalog, id: string | null) {
  const doc = id ? catalog.getDocument(id) : undefined;
  if (!doc) throw new HearthError('INTERNAL', 'The ingestion job lost its document.', { documentId: id });
  return doc;
}

/** What a failed job keeps: typed errors as they are, anything else as a generic message. */
export function toStoredError(error: unknown): StoredError {
  if (isHearthError(error)) return { code: error.code, message: error.message };
  return { code: 'INTERNAL', message: 'Something went wrong while ingesting this file.' };
}

/** Ends a job that threw: cancelled when its signal fired (or it said so), else failed with its reason. */
export function recordFailure(catalog: PipelineCatalog, work: Work, error: unknown): void {
  const { jobs } = catalog;
  const latest = jobs.get(work.job.id);
  if (!latest) return;
  work.job = latest;
  if (isTerminal(latest.stage)) return;
  const cancelled = work.controller.signal.aborted || (isHearthError(error) && error.code === 'CANCELLED');
  const stored: StoredError = cancelled ? CANCELLED : toStoredError(error);
  work.job = cancelled ? jobs.cancel(latest.id) : jobs.fail(latest.id, stored);
  // cancel() keeps no reason on the job; the result and the document still say why.
  if (cancelled) work.job = { ...work.job, error: CANCELLED };
  if (latest.documentId === latest.id && catalog.getDocument(latest.id)) {
    catalog.updateDocument(latest.id, { status: 'failed', error: stored });
  }
}

/** What a job keeps of its file. An upload keeps its name: its file has none, and a resume must still show it. */
export function toJobInput(input: IngestInput): JobInput {
  if (!input.staged) return { kind: 'path', path: input.path, ...(input.root ? { root: input.root } : {}) };
  const name = input.name ?? basename(input.path);
  return { kind: 'staging', handle: input.path, name, ...(input.objectKey ? { objectKey: input.objectKey } : {}) };
}
