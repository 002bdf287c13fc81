import { describe, expect, it } from 'vitest';
import { ErrorCodeSchema, type ErrorCode } from '@shared/errors';
import { JOB_STAGES } from '@shared/librarySchemas';
import { documentStatus, fileStatus } from '@/features/library/fileStatus';

const failed = (code: ErrorCode) => fileStatus({ stage: 'failed', error: { code } });

describe('fileStatus', () => {
  it('names every running step, offers Cancel and no Retry, and moves its progress forward', () => {
    const running = ['admitted', 'hashed', 'stored', 'parsed', 'chunked', 'embedded'] as const;
    const statuses = running.map((stage) => fileStatus({ stage }));
    expect(statuses.map((s) => s.label)).toEqual([
      'Reading',
      'Storing original',
      'Reading text',
      'Splitting',
      'Embedding',
      'Finishing',
    ]);
    for (const s of statuses) {
      expect(s).toMatchObject({ phase: 'running', tone: 'busy', cancellable: true, retryable: false });
    }
    const progress = statuses.map((s) => s.progress);
    for (let i = 1; i < progress.length; i++) expect(progress[i]).toBeGreaterThan(progress[i - 1] ?? 0);
    expect(Math.max(...progress)).toBeLessThan(1);
  });

  it('waits with Cancel offered, and moves with the bytes read while hashing', () => {
    expect(fileStatus({ stage: 'queued' })).toEqual({
      phase: 'waiting',
      label: 'Waiting',
      tone: 'idle',
      retryable: false,
      cancellable: true,
      progress: 0,
    });
    const half = fileStatus({ stage: 'admitted', bytes: 500, totalBytes: 1000 }).progress;
    expect(half).toBeGreaterThan(fileStatus({ stage: 'admitted', bytes: 0, totalBytes: 1000 }).progress);
    expect(half).toBeLessThan(fileStatus({ stage: 'hashed' }).progress);
  });

  it('shows the OCR page while a scan is recognised', () => {
    expect(fileStatus({ stage: 'stored', ocr: { page: 3, pages: 40 } }).label).toBe('Recognising page 3 of 40');
  });

  it('ends indexed, or already indexed for a duplicate, with nothing to offer', () => {
    expect(fileStatus({ stage: 'indexed' })).toEqual({
      phase: 'indexed',
      label: 'Indexed',
      tone: 'ok',
      retryable: false,
      cancellable: false,
      progress: 1,
    });
    expect(fileStatus({ stage: 'indexed', duplicate: true }).label).toBe('Already indexed');
  });

  it('reads Cancelled for a cancelled job and for a document failed with CANCELLED, with Retry, never done', () => {
    const cancelled = {
      phase: 'cancelled',
      label: 'Cancelled',
      tone: 'idle',
      retryable: true,
      cancellable: false,
      progress: 0,
    };
    expect(fileStatus({ stage: 'cancelled' })).toEqual(cancelled);
    expect(fileStatus({ stage: 'cancelled', error: { code: 'CANCELLED' } })).toEqual(cancelled);
    expect(failed('CANCELLED')).toEqual(cancelled);
  });

  // Every code that can cross the contract: the file's own faults fail again; the rest may go through on a retry.
  const final: ErrorCode[] = ['UNSUPPORTED_FILE', 'FILE_TOO_LARGE', 'INVALID_INPUT', 'PERMISSION_DENIED'];
  it.each(ErrorCodeSchema.options.filter((code) => code !== 'CANCELLED'))('a failure with %s', (code) => {
    expect(failed(code)).toEqual({
      phase: 'failed',
      label: 'Failed',
      tone: 'bad',
      retryable: !final.includes(code),
      cancellable: false,
      progress: 0,
    });
  });

  it('offers Retry for a failure without a reason, and has a label and tone for every stage', () => {
    expect(fileStatus({ stage: 'failed', error: null }).retryable).toBe(true);
    for (const stage of JOB_STAGES) {
      const s = fileStatus({ stage });
      expect(s.label).not.toBe('');
      expect(['ok', 'busy', 'bad', 'idle']).toContain(s.tone);
      // Exactly one of: still going (Cancel) or over.
      expect(s.cancellable).toBe(!['indexed', 'failed', 'cancelled'].includes(stage));
    }
  });
});

describe('documentStatus', () => {
  it('maps a listed document through the same machine', () => {
    expect(documentStatus({ status: 'pending', error: null }).label).toBe('Waiting');
    expect(documentStatus({ status: 'indexing', error: null })).toMatchObject({ label: 'Indexing', tone: 'busy' });
    expect(documentStatus({ status: 'indexed', error: null })).toMatchObject({ label: 'Indexed', tone: 'ok' });
    expect(documentStatus({ status: 'failed', error: { code: 'CANCELLED' } })).toMatchObject({
      label: 'Cancelled',
      tone: 'idle',
      retryable: true,
    });
    expect(documentStatus({ status: 'failed', error: { code: 'UNSUPPORTED_FILE' } })).toMatchObject({
      label: 'Failed',
      retryable: false,
    });
  });

  it('says what the ingest panel says while its job is followed, and defers to the document once indexed', () => {
    const listed = { status: 'indexing' as const, error: null };
    expect(documentStatus(listed, { stage: 'chunked' })).toEqual(fileStatus({ stage: 'chunked' }));
    expect(documentStatus(listed, { stage: 'cancelled', error: null }).label).toBe('Cancelled');
    expect(documentStatus({ status: 'failed', error: { code: 'CANCELLED' } }, { stage: 'cancelled' })).toEqual(
      fileStatus({ stage: 'cancelled' }),
    );
    // A new version being indexed: the old job's "Indexed" is stale news.
    expect(documentStatus(listed, { stage: 'indexed' }).label).toBe('Indexing');
  });
});
