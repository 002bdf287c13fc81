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
    etaMs: 4000,
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
  it('counts files by outcome and adds uploads', () => {
    let rows: JobRows = {};
    rows = applyFileProgress(rows, fileEvent('a', { stage: 'indexed', totalBytes: 1000 }), 1);
    rows = applyFileProgress(rows, fileEvent('b', { stage: 'failed', totalBytes: 200 }), 1);
    rows = applyFileProgress(rows, fileEvent('c', { stage: 'admitted', totalBytes: 800, bytes: 400 }), 1);
    const uploads = [
      { size: 50, loaded: 10, phase: 'uploading' },
      { size: 70, loaded: 0, phase: 'failed' },
    ];
    const s = summarise(orderedRows(rows), uploads, { b1: { progress: batch({ etaMs: 6000 }), at: 1000 } }, 3000);
    expect(s).toMatchObject({ files: 5, done: 1, failed: 2, cancelled: 0, active: 2 });
    expect(s.bytesTotal).toBe(1000 + 200 + 800 + 50 + 70);
    expect(s.bytesDone).toBe(1200);
    // The ETA counts down from when the batch reported it.
    expect(s.etaMs).toBe(4000);
    expect(s.percent).toBeGreaterThan(40);
    expect(s.percent).toBeLessThan(100);
  });

  it('has no ETA while a running batch has not reported one, and none when all is done', () => {
    const running = orderedRows(applyFileProgress({}, fileEvent('a', { stage: 'stored' }), 1));
    expect(summarise(running, [], {}, 0).etaMs).toBeNull();
    expect(summarise(running, [], { b1: { progress: batch({ etaMs: null }), at: 0 } }, 0).etaMs).toBeNull();
    const done = orderedRows(applyFileProgress({}, fileEvent('a', { stage: 'indexed' }), 1));
    const s = summarise(done, [], { b1: { progress: batch(), at: 0 } }, 0);
    expect(s).toMatchObject({ etaMs: null, active: 0, percent: 100 });
  });

  it('never gives a negative ETA and has no percent without files', () => {
    const running = orderedRows(applyFileProgress({}, fileEvent('a', { stage: 'stored' }), 1));
    expect(summarise(running, [], { b1: { progress: batch({ etaMs: 1000 }), at: 0 } }, 60_000).etaMs).toBe(0);
    expect(summarise([], [], {}, 0).percent).toBeNull();
  });
});
