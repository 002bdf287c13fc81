import { describe, expect, it } from 'vitest';
import { ProgressRelay } from '../../../../electron/core/library/ProgressRelay';
import type { FileProgress, IngestProgress } from '../../../../electron/core/library/pipeline/pipelineTypes';

const file = (jobId: string, stage: FileProgress['stage'], patch: Partial<FileProgress> = {}): FileProgress => ({
  kind: 'file',
  batchId: 'b1',
  jobId,
  name: `${jobId}.md`,
  stage,
  bytes: 0,
  totalBytes: 10,
  chunks: 0,
  ...patch,
});

describe('ProgressRelay', () => {
  it('says when a file gets its own document and when it is done, once each', () => {
    const sent: IngestProgress[] = [];
    const added: string[] = [];
    const done: string[] = [];
    const relay = new ProgressRelay({
      onProgress: (e) => sent.push(e),
      onFileDone: (e) => done.push(`${e.jobId}:${e.stage}`),
      onDocumentAdded: (e) => added.push(e.jobId),
      now: () => 0,
    });
    const send = relay.listener();
    for (const stage of ['admitted', 'hashed', 'stored', 'indexed', 'indexed'] as const) send(file('a', stage));
    // A duplicate is linked to the document already indexed: nothing new to list.
    send(file('dup', 'hashed', { duplicate: true }));
    send(file('dup', 'indexed', { duplicate: true }));
    expect(added).toEqual(['a']);
    expect(done).toEqual(['a:indexed', 'dup:indexed']);
    expect(sent.filter((e) => e.kind === 'file' && e.jobId === 'a')).toHaveLength(4);
  });

  it('goes on when a listener throws', () => {
    const errors: unknown[] = [];
    const relay = new ProgressRelay({
      onProgress: () => undefined,
      onFileDone: () => undefined,
      onDocumentAdded: () => {
        throw new Error('socket closed');
      },
      onListenerError: (e) => errors.push(e),
    });
    expect(() => relay.listener()(file('a', 'hashed'))).not.toThrow();
    expect(errors).toHaveLength(1);
  });
});
