import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Catalog } from '../../../../../electron/core/library/catalog/Catalog';
import { openCatalog } from '../../../../helpers/catalogBackend';
import { tempDir } from '../../../../helpers/tempCore';

let dir: Awaited<ReturnType<typeof tempDir>>;
let catalog: Catalog;

beforeEach(async () => {
  dir = await tempDir('hearth-catalog-jobs-');
  catalog = openCatalog({ dataDir: dir.path });
});
afterEach(async () => {
  catalog.dispose();
  await dir.remove();
});

const code = (c: string) => expect.objectContaining({ code: c });

describe('ingestion jobs', () => {
  it('persists a job through every stage and links its document', () => {
    const job = catalog.jobs.create({ batchId: 'b1', input: { kind: 'staging', handle: 'h1', name: 'a.pdf' } });
    expect(job).toMatchObject({ stage: 'queued', attempts: 0, documentId: null, error: null });
    expect(catalog.jobs.beginAttempt(job.id).attempts).toBe(1);
    catalog.jobs.advance(job.id, 'admitted');
    const doc = catalog.createDocument({ name: 'a.pdf' });
    expect(catalog.jobs.advance(job.id, 'hashed', { documentId: doc.id }).documentId).toBe(doc.id);
    for (const stage of ['stored', 'parsed', 'chunked', 'embedded', 'indexed'] as const)
      catalog.jobs.advance(job.id, stage);
    expect(catalog.jobs.get(job.id)?.stage).toBe('indexed');
  });

  it('refuses illegal moves with INTERNAL and stale ones with CONFLICT', () => {
    const job = catalog.jobs.create({ batchId: 'b', input: { kind: 'path', path: '/a' } });
    expect(() => catalog.jobs.advance(job.id, 'parsed')).toThrowError(code('INTERNAL'));
    expect(() => catalog.jobs.advance(job.id, 'failed')).toThrowError(code('INTERNAL'));
    catalog.jobs.advance(job.id, 'admitted');
    expect(() => catalog.jobs.advance(job.id, 'hashed', { expectedFrom: 'queued' })).toThrowError(code('CONFLICT'));
    expect(catalog.jobs.get(job.id)?.stage).toBe('admitted');
    expect(() => catalog.jobs.advance('missing', 'admitted')).toThrowError(code('NOT_FOUND'));
    expect(() => catalog.jobs.create({ batchId: 'b', input: { kind: 'path', path: '' } })).toThrowError(
      code('INVALID_INPUT'),
    );
  });

  it('records failures, cancels and retries', () => {
    const job = catalog.jobs.create({ batchId: 'b', input: { kind: 'path', path: '/bad.pdf' } });
    catalog.jobs.advance(job.id, 'admitted');
    const failed = catalog.jobs.fail(job.id, { code: 'UNSUPPORTED_FILE', message: 'Encrypted PDF' });
    expect(failed).toMatchObject({ stage: 'failed', error: { code: 'UNSUPPORTED_FILE', message: 'Encrypted PDF' } });
    expect(() => catalog.jobs.cancel(job.id)).toThrowError(code('INTERNAL'));
    expect(catalog.jobs.retry(job.id)).toMatchObject({ stage: 'queued', error: null });
    expect(catalog.jobs.cancel(job.id).stage).toBe('cancelled');
    expect(() => catalog.jobs.advance(job.id, 'admitted')).toThrowError(code('INTERNAL'));
  });

  it('lists unfinished jobs for resume after a restart, oldest first', () => {
    const ids = ['queued', 'mid', 'done', 'failed', 'cancelled'].map(
      (name) => catalog.jobs.create({ id: name, batchId: 'b', input: { kind: 'path', path: `/${name}` } }).id,
    );
    catalog.jobs.advance('mid', 'admitted');
    catalog.jobs.advance('mid', 'hashed');
    catalog.jobs.advance('done', 'admitted');
    catalog.jobs.advance('done', 'hashed');
    catalog.jobs.advance('done', 'indexed');
    catalog.jobs.fail('failed', { code: 'FILE_TOO_LARGE', message: 'Too big' });
    catalog.jobs.cancel('cancelled');
    catalog.dispose();

    catalog = openCatalog({ dataDir: dir.path });
    expect(catalog.jobs.listResumable().map((j) => [j.id, j.stage])).toEqual([
      ['queued', 'queued'],
      ['mid', 'hashed'],
    ]);
    expect(catalog.jobs.list({ batchId: 'b' }).map((j) => j.id)).toEqual(ids);
  });
});
