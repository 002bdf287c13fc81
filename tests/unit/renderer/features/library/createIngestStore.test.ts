import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BatchResult, FileResult, IngestProgress } from '@shared/librarySchemas';
import { HearthError } from '@shared/errors';
import type { Result } from '@shared/result';
import type { IngestLinks } from '@/features/library/createIngestStore';
import { createIngestStore } from '@/features/library/createIngestStore';
import { connect, deferred, fail, fakeStream, flush, ok, resetToasts, toasts } from '../../support/fakeClient';

vi.mock('@/ipc/client', async () => (await import('../../support/fakeClient')).clientModule);

/** Electron (files have paths) or a browser (files are uploaded), as each test says. */
const files = vi.hoisted(() => ({ paths: new Map<unknown, string>(), electron: false }));
vi.mock('@/ipc/filePaths', () => ({
  filesHavePaths: () => files.electron,
  pathForFile: (file: unknown) => files.paths.get(file) ?? '',
}));
const stageFile = vi.hoisted(() => vi.fn());
vi.mock('@/ipc/stageFile', () => ({ stageFile }));

function setup(blocker: string | null = null) {
  const links = { reloadLibrary: vi.fn<IngestLinks['reloadLibrary']>(), blocker: () => blocker };
  return { links, store: createIngestStore(links) };
}

const fileItem = (name: string) => {
  const file = new File(['x'.repeat(10)], name);
  return { file, name };
};

const indexed = (jobId: string): FileResult => ({ jobId, name: `${jobId}.md`, documentId: jobId, stage: 'indexed' });

beforeEach(() => {
  resetToasts();
  files.paths.clear();
  files.electron = false;
  stageFile.mockReset();
});
afterEach(() => {
  connect(null);
});

describe('ingest store', () => {
  it('refuses files while nothing can be indexed, before sending or uploading anything', () => {
    const ingest = fakeStream<IngestProgress, BatchResult>();
    connect({ library: { ingest: ingest.method } });
    const { store } = setup('Choose an embedding model first.');
    store.getState().addPaths(['/docs/a.md']);
    store.getState().addFiles([fileItem('b.md')]);
    expect(ingest.inputs).toEqual([]);
    expect(stageFile).not.toHaveBeenCalled();
    expect(store.getState().uploads).toEqual([]);
    expect(toasts()).toEqual(['error: Documents cannot be added yet']);
  });

  it('sends paths as one batch: rows wait until the core answers, then a success toast', async () => {
    const ingest = fakeStream<IngestProgress, BatchResult>();
    connect({ library: { ingest: ingest.method } });
    const { store, links } = setup();
    store.getState().addPaths(['/docs/a.md', '/docs/b.md']);
    expect(ingest.inputs).toEqual([{ paths: ['/docs/a.md', '/docs/b.md'] }]);
    expect(store.getState().uploads.map((u) => [u.name, u.phase])).toEqual([
      ['a.md', 'starting'],
      ['b.md', 'starting'],
    ]);

    // The first event names the batch: the queued files are only in the list, so it is reloaded.
    ingest.emit({
      kind: 'file',
      batchId: 'b1',
      jobId: 'a',
      name: 'a.md',
      stage: 'queued',
      bytes: 0,
      totalBytes: 1,
      chunks: 0,
    });
    expect(links.reloadLibrary).toHaveBeenCalledTimes(1);

    ingest.finish(ok({ batchId: 'b1', files: [indexed('a'), indexed('b')] }));
    await flush();
    expect(store.getState().uploads).toEqual([]);
    expect(links.reloadLibrary).toHaveBeenCalledTimes(2);
    expect(toasts()).toEqual(['success: Added 2 files to the library']);
  });

  it('marks the rows failed, with the reason, when the core refuses the whole batch', async () => {
    const ingest = fakeStream<IngestProgress, BatchResult>();
    connect({ library: { ingest: ingest.method } });
    const { store } = setup();
    store.getState().addPaths(['/docs/a.md']);
    ingest.finish(fail('MODEL_UNAVAILABLE', 'No embedding model.'));
    await flush();
    expect(store.getState().uploads.map((u) => [u.phase, u.error?.message])).toEqual([
      ['failed', 'No embedding model.'],
    ]);
  });

  it('in a browser uploads the files, then sends their handles as one batch', async () => {
    const ingest = fakeStream<IngestProgress, BatchResult>();
    connect({ library: { ingest: ingest.method } });
    const upload = deferred<{ handle: string }>();
    stageFile.mockImplementation((_file: File, _purpose: string, onProgress: (p: { loaded: number }) => void) => {
      onProgress({ loaded: 4 });
      return upload.promise;
    });
    const { store } = setup();
    store.getState().addFiles([fileItem('a.md')]);
    await flush();
    expect(store.getState().uploads.map((u) => [u.phase, u.loaded])).toEqual([['uploading', 4]]);
    upload.resolve({ handle: 'h1' });
    await flush();
    expect(ingest.inputs).toEqual([{ uploads: [{ handle: 'h1', name: 'a.md' }] }]);
    expect(store.getState().uploads.map((u) => u.phase)).toEqual(['starting']);
  });

  it('shows a failed upload with its reason and can try it again', async () => {
    connect({ library: { ingest: fakeStream<IngestProgress, BatchResult>().method } });
    stageFile.mockRejectedValueOnce(new HearthError('FILE_TOO_LARGE', 'The file is too large to upload.'));
    const { store } = setup();
    store.getState().addFiles([fileItem('big.pdf')]);
    await flush();
    const [row] = store.getState().uploads;
    expect([row?.phase, row?.error?.code]).toEqual(['failed', 'FILE_TOO_LARGE']);

    stageFile.mockReturnValueOnce(new Promise(() => undefined));
    store.getState().retryUpload(row?.id ?? '');
    await flush();
    expect(store.getState().uploads.map((u) => [u.name, u.phase])).toEqual([['big.pdf', 'uploading']]);
  });

  it('in Electron sends only paths, and shows a file without one as failed', () => {
    const ingest = fakeStream<IngestProgress, BatchResult>();
    connect({ library: { ingest: ingest.method } });
    files.electron = true;
    const onDisk = fileItem('a.md');
    files.paths.set(onDisk.file, '/docs/a.md');
    const { store } = setup();
    store.getState().addFiles([onDisk, fileItem('memory.txt')]);
    expect(ingest.inputs).toEqual([{ paths: ['/docs/a.md'] }]);
    expect(stageFile).not.toHaveBeenCalled();
    expect(store.getState().uploads.map((u) => [u.name, u.phase, u.error?.code ?? null])).toEqual([
      ['memory.txt', 'failed', 'UNSUPPORTED_FILE'],
      ['a.md', 'starting', null],
    ]);
  });

  it('shows live progress, and reloads the list for a batch it has not seen', () => {
    const { store, links } = setup();
    const event = {
      kind: 'file',
      batchId: 'other',
      jobId: 'j1',
      name: 'x.md',
      stage: 'parsed',
      bytes: 5,
      totalBytes: 10,
      chunks: 0,
    } as const;
    store.getState().receiveProgress(event);
    store.getState().receiveProgress({ ...event, stage: 'embedded' });
    expect(store.getState().rows.j1?.stage).toBe('embedded');
    expect(links.reloadLibrary).toHaveBeenCalledTimes(1);
  });

  it('retries a failed job: queued at once; a refusal says why and reloads the list', async () => {
    const retry = fakeStream<IngestProgress, FileResult>();
    connect({ library: { retry: retry.method } });
    const { store, links } = setup();
    const failed = {
      kind: 'file',
      batchId: 'b1',
      jobId: 'j1',
      name: 'x.md',
      stage: 'failed',
      bytes: 3,
      totalBytes: 10,
      chunks: 0,
    } as const;
    store.getState().receiveProgress(failed);
    links.reloadLibrary.mockClear();

    const retrying = store.getState().retry('j1');
    expect(store.getState().busy).toEqual(['j1']);
    expect(store.getState().rows.j1?.stage).toBe('queued');
    retry.finish(fail('NOT_FOUND'));
    await retrying;
    expect(store.getState().busy).toEqual([]);
    expect(toasts()).toEqual(['error: Could not retry x.md']);
    expect(links.reloadLibrary).toHaveBeenCalledTimes(1);
  });

  it('dismisses a job only when the core agrees', async () => {
    const answers: Result<{ dismissed: boolean }>[] = [fail('CONFLICT'), ok({ dismissed: true })];
    connect({ library: { dismiss: () => Promise.resolve(answers.shift() ?? fail('INTERNAL')) } });
    const { store } = setup();
    store.getState().receiveProgress({
      kind: 'file',
      batchId: 'b1',
      jobId: 'j1',
      name: 'x.md',
      stage: 'failed',
      bytes: 0,
      totalBytes: 1,
      chunks: 0,
    });
    await store.getState().dismiss('j1');
    expect(store.getState().rows.j1).toBeDefined();
    expect(toasts()).toEqual(['error: Could not dismiss x.md']);
    await store.getState().dismiss('j1');
    expect(store.getState().rows.j1).toBeUndefined();
  });

  it('forgets deleted documents that had finished indexing here', () => {
    const { store } = setup();
    const base = { kind: 'file', batchId: 'b1', name: 'x.md', bytes: 1, totalBytes: 1, chunks: 1 } as const;
    store.getState().receiveProgress({ ...base, jobId: 'done', stage: 'indexed' });
    store.getState().receiveProgress({ ...base, jobId: 'busy', stage: 'parsed' });
    store.getState().forgetDocuments(['done']);
    expect(Object.keys(store.getState().rows)).toEqual(['busy']);
  });
});
