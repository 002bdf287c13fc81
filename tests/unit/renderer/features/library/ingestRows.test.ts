import { describe, expect, it } from 'vitest';
import type { BatchProgress, FileProgress, LibraryJob } from '@shared/librarySchemas';
import type { JobRows } from '@/features/library/ingestRows';
import { applyFileProgress, mergeJobList, orderedRows, summarise } from '@/features/library/ingestRows';

function fileEvent(jobId: string, patch: Partial<FileProgress> = {}): FileProgress {
  return {
    kind: 'file',
    batchId: 'b1',
    jobId,
    name: `${jobId}.md`,
    stage: 'admitted',
    bytes: 0,
    totalBytes: 1000,
    chunks: 0,
    ...patch,
  };
}

function job(id: string, patch: Partial<LibraryJob> = {}): LibraryJob {
  return {
    id,
    batchId: 'b1',
    documentId: null,
    name: `${id}.md`,
    stage: 'queued',
    error: null,
    attempts: 0,
    updatedAt: 0,
    ...patch,
  };
}

function batch(patch: Partial<BatchProgress> = {}): BatchProgress {
  return {
    kind: 'batch',
    batchId: 'b1',
    files: 2,
    done: 1,
    failed: 0,
    cancelled: 0,
    bytes: 0,
    totalBytes: 0,
    ...patch,
  };
}

describe('applyFileProgress', () => {
  it('adds rows in the order they are first seen and updates them in place', () => {
    let rows: JobRows = {};
    rows = applyFileProgress(rows, fileEvent('a'), 1);
    rows = applyFileProgress(rows, fileEvent('b'), 2);
    rows = applyFileProgress(rows, fileEvent('a', { stage: 'chunked', bytes: 1000, chunks: 4 }), 3);
    expect(orderedRows(rows).map((r) => [r.jobId, r.stage, r.chunks, r.seenAt])).toEqual([
      ['a', 'chunked', 4, 3],
      ['b', 'admitted', 0, 2],
    ]);
  });

  it('keeps what a later event leaves out (total size, duplicate) and takes the reason of a failure', () => {
    let rows = applyFileProgress({}, fileEvent('a', { stage: 'hashed', totalBytes: 500, duplicate: true }), 1);
    rows = applyFileProgress(rows, fileEvent('a', { stage: 'indexed', totalBytes: 0 }), 2);
    expect(rows.a).toMatchObject({ totalBytes: 500, duplicate: true, stage: 'indexed' });
    const error = { code: 'UNSUPPORTED_FILE' as const, message: 'binary' };
    rows = applyFileProgress(rows, fileEvent('b', { stage: 'failed', error }), 3);
    expect(rows.b?.error).toEqual(error);
  });
});

describe('mergeJobList', () => {
  it('takes the list for rows last heard of before it was asked for', () => {
    const rows = applyFileProgress({}, fileEvent('a', { stage: 'admitted' }), 100);
    const merged = mergeJobList(rows, [job('a', { stage: 'failed', error: { code: 'INTERNAL', message: 'x' } })], 200);
    expect(merged.a).toMatchObject({ stage: 'failed', error: { message: 'x' }, totalBytes: 1000 });
  });

  it('keeps rows heard of after the list was asked for', () => {
    const rows = applyFileProgress({}, fileEvent('a', { stage: 'chunked' }), 300);
    const merged = mergeJobList(rows, [job('a', { stage: 'stored' })], 200);
    expect(merged.a?.stage).toBe('chunked');
  });

  it('adds queued jobs it has not seen, oldest first, after the known rows', () => {
    const rows = applyFileProgress({}, fileEvent('a'), 100);
    // The list is newest first.
    const merged = mergeJobList(rows, [job('c'), job('b'), job('a', { stage: 'admitted' })], 200);
    expect(orderedRows(merged).map((r) => r.jobId)).toEqual(['a', 'b', 'c']);
    expect(merged.b).toMatchObject({ stage: 'queued', name: 'b.md', batchId: 'b1' });
  });

  it('drops rows the list no longer has unless they finished here or are newer', () => {
    let rows = applyFileProgress({}, fileEvent('done', { stage: 'indexed' }), 100);
    rows = applyFileProgress(rows, fileEvent('dismissed', { stage: 'failed' }), 100);
    rows = applyFileProgress(rows, fileEvent('fresh', { stage: 'admitted' }), 300);
    const merged = mergeJobList(rows, [], 200);
    expect(Object.keys(merged).sort()).toEqual(['done', 'fresh']);
  });
});

describe('summarise', () => {
  it('counts files by outcome and adds uploads; bar and figures are one measure of bytes', () => {
    let rows: JobRows = {};
    rows = applyFileProgress(rows, fileEvent('a', { stage: 'indexed', totalBytes: 1000 }), 1);
    rows = applyFileProgress(rows, fileEvent('b', { stage: 'failed', totalBytes: 200 }), 1);
    rows = applyFileProgress(rows, fileEvent('c', { stage: 'chunked', totalBytes: 800 }), 1);
    const uploads = [
      { size: 50, loaded: 10, phase: 'uploading' },
      { size: 70, loaded: 0, phase: 'failed' },
    ];
    const s = summarise(orderedRows(rows), uploads, { b1: { progress: batch({ totalBytes: 2000 }) } });
    expect(s).toMatchObject({ files: 5, done: 1, failed: 2, cancelled: 0, active: 2 });
    // The running batch's total is the core's (files not seen yet included), plus the uploads.
    expect(s.bytesTotal).toBe(2000 + 50 + 70);
    // The indexed file whole, the embedding one at its step (0.6), the failed one never.
    expect(s.bytesDone).toBeCloseTo(1000 + 0.6 * 800);
    expect(s.percent).toBeCloseTo((s.bytesDone / s.bytesTotal) * 100);
  });

  it('keeps the byte total from the batch start while files are still unseen', () => {
    const first = orderedRows(applyFileProgress({}, fileEvent('a', { stage: 'admitted', totalBytes: 100 }), 1));
    const early = summarise(first, [], { b1: { progress: batch({ totalBytes: 900 }) } });
    let rows = applyFileProgress({}, fileEvent('a', { stage: 'indexed', totalBytes: 100 }), 1);
    rows = applyFileProgress(rows, fileEvent('b', { stage: 'parsed', totalBytes: 800 }), 2);
    const later = summarise(orderedRows(rows), [], { b1: { progress: batch({ totalBytes: 900 }) } });
    expect(early.bytesTotal).toBe(900);
    expect(later.bytesTotal).toBe(900);
  });

  it('stops short of 100 % after a cancel: cancelled bytes stay in the total and never count as done', () => {
    let rows = applyFileProgress({}, fileEvent('a', { stage: 'indexed', totalBytes: 300 }), 1);
    rows = applyFileProgress(rows, fileEvent('b', { stage: 'cancelled', totalBytes: 700 }), 2);
    const s = summarise(orderedRows(rows), [], { b1: { progress: batch({ totalBytes: 1000 }) } });
    expect(s).toMatchObject({ done: 1, cancelled: 1, active: 0, bytesDone: 300, bytesTotal: 1000 });
    expect(s.percent).toBe(30);
  });

  it('sums its rows once a batch is over, and where a retry reported only the retried file', () => {
    let rows = applyFileProgress({}, fileEvent('a', { stage: 'indexed', totalBytes: 300 }), 1);
    rows = applyFileProgress(rows, fileEvent('b', { stage: 'hashed', totalBytes: 700 }), 2);
    const retried = summarise(orderedRows(rows), [], { b1: { progress: batch({ totalBytes: 700 }) } });
    expect(retried.bytesTotal).toBe(1000);
    const done = orderedRows(applyFileProgress({}, fileEvent('a', { stage: 'indexed', totalBytes: 300 }), 1));
    // Another file of the batch was dismissed: what is shown is what is counted.
    expect(summarise(done, [], { b1: { progress: batch({ totalBytes: 1000 }) } })).toMatchObject({
      bytesTotal: 300,
      percent: 100,
    });
  });

  it('goes by files where no sizes are known, and has no percent without files', () => {
    let rows = applyFileProgress({}, fileEvent('a', { stage: 'indexed', totalBytes: 0 }), 1);
    rows = applyFileProgress(rows, fileEvent('b', { stage: 'queued', totalBytes: 0 }), 2);
    expect(summarise(orderedRows(rows), [], {}).percent).toBe(50);
    expect(summarise([], [], {}).percent).toBeNull();
  });
});
