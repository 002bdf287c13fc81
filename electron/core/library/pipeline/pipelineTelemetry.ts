import type { JobStage } from '../catalog/catalogTypes';
import { recordIngested, recordQueueDepth, withSpan } from '../../telemetry/hearthTelemetry';
import type { FileResult } from './pipelineTypes';
import type { Work } from './pipelineWork';

/** What a job at each stage does next: the name of its span. */
const STAGE_WORK: Partial<Record<JobStage, string>> = {
  queued: 'admit',
  admitted: 'hash',
  hashed: 'store',
  stored: 'parse',
  parsed: 'chunk',
  chunked: 'embed',
  embedded: 'index',
};

/** A batch's span; its files count in the queue depth until each finishes (or the batch ends early). */
export async function traceBatch(works: readonly Work[], run: (finished: () => void) => Promise<void>): Promise<void> {
  let queued = works.length;
  recordQueueDepth(queued);
  try {
    await withSpan('ingest.batch', { 'hearth.files': works.length }, () =>
      run(() => {
        queued--;
        recordQueueDepth(-1);
      }),
    );
  } finally {
    recordQueueDepth(-queued);
  }
}

/** A file's span, with its outcome; the finished file counts toward the ingestion rate. */
export function traceJob(work: Work, run: () => Promise<FileResult>): Promise<FileResult> {
  return withSpan('ingest.file', { 'hearth.job_id': work.job.id }, async (span) => {
    const result = await run();
    const outcome = result.duplicate
      ? 'duplicate'
      : result.stage === 'indexed' || result.stage === 'cancelled'
        ? result.stage
        : 'failed';
    span.setAttributes({ 'hearth.outcome': outcome, 'hearth.bytes': work.size, 'hearth.chunks': work.chunks });
    recordIngested({ at: Date.now(), outcome, bytes: work.size, chunks: work.chunks });
    return result;
  });
}

/** One stage's span (`ingest.parse`, `ingest.embed`, …). */
export function traceStage<T>(stage: JobStage, run: () => Promise<T>): Promise<T> {
  return withSpan(`ingest.${STAGE_WORK[stage] ?? stage}`, { 'hearth.stage': stage }, run);
}
