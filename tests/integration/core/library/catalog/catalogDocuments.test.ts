import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Catalog } from '../../../../../electron/core/library/catalog/Catalog';
import { openCatalog } from '../../../../helpers/catalogBackend';
import type { NewChunk } from '../../../../../electron/core/library/catalog/catalogTypes';
import { tempDir } from '../../../../helpers/tempCore';

let dir: Awaited<ReturnType<typeof tempDir>>;
let catalog: Catalog;

beforeEach(async () => {
  dir = await tempDir('hearth-catalog-');
  catalog = openCatalog({ dataDir: dir.path });
});
afterEach(async () => {
  catalog.dispose();
  await dir.remove();
});

const chunks = (texts: string[]): NewChunk[] =>
  texts.map((text, ordinal) => ({
    ordinal,
    text,
    provenance: { page: ordinal + 1 },
    tokenCount: text.split(' ').length,
  }));

describe('Catalog documents and chunks', () => {
  it('creates, reads, updates and lists documents', () => {
    const doc = catalog.createDocument({ name: 'report.pdf', sourcePath: '/tmp/report.pdf', size: 10, type: 'pdf' });
    expect(doc).toMatchObject({
      name: 'report.pdf',
      status: 'pending',
      version: 1,
      error: null,
      embeddingVersion: null,
    });
    const updated = catalog.updateDocument(doc.id, {
      status: 'failed',
      error: { code: 'UNSUPPORTED_FILE', message: 'Encrypted PDF' },
      collection: 'work',
    });
    expect(updated.error).toEqual({ code: 'UNSUPPORTED_FILE', message: 'Encrypted PDF' });
    expect(catalog.updateDocument(doc.id, { status: 'pending', error: null }).error).toBeNull();
    expect(catalog.listDocuments({ collection: 'work' }).map((d) => d.id)).toEqual([doc.id]);
    expect(catalog.listDocuments({ status: 'indexed' })).toEqual([]);
    expect(() => catalog.updateDocument('missing', { name: 'x' })).toThrowError(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
  });

  it('finds indexed content by sha256 and refuses to index the same content twice', () => {
    const a = catalog.createDocument({ name: 'a.md', sha256: 'abc' });
    const b = catalog.createDocument({ name: 'copy of a.md', sha256: 'abc' });
    expect(catalog.findIndexedBySha256('abc')).toBeUndefined();
    catalog.updateDocument(a.id, { status: 'indexed', embeddingVersion: 1 });
    expect(catalog.findIndexedBySha256('abc')?.id).toBe(a.id);
    expect(() => catalog.updateDocument(b.id, { status: 'indexed' })).toThrowError(
      expect.objectContaining({ code: 'CONFLICT' }),
    );
  });

  it('replaces chunks and their keyword rows together, with stable ids and provenance', () => {
    const doc = catalog.createDocument({ name: 'notes.md' });
    catalog.replaceChunks(doc.id, 1, chunks(['first old text', 'second old text', 'third old text']));
    expect(catalog.chunkCount(doc.id)).toBe(3);
    expect(catalog.keywordRowCount(doc.id)).toBe(3);

    const v2: NewChunk[] = [
      { ordinal: 0, text: 'Intro', provenance: { headingPath: ['Guide', 'Intro'] }, tokenCount: 1 },
      { ordinal: 1, text: 'code here', provenance: { lineStart: 3, lineEnd: 9 }, tokenCount: 2 },
    ];
    const written = catalog.replaceChunks(doc.id, 2, v2);
    expect(written.map((c) => c.id)).toEqual([`${doc.id}:2:0`, `${doc.id}:2:1`]);
    expect(catalog.getDocument(doc.id)?.version).toBe(2);
    expect(catalog.listChunks(doc.id).map((c) => c.provenance)).toEqual([
      { headingPath: ['Guide', 'Intro'] },
      { lineStart: 3, lineEnd: 9 },
    ]);
    expect(catalog.chunkCount()).toBe(2);
    expect(catalog.keywordRowCount()).toBe(2);
    expect(catalog.verifyKeywordIndex()).toBe(true);
    catalog.updateDocument(doc.id, { status: 'indexed' });
    expect(catalog.keywordSearch('old', { topK: 5 })).toEqual([]);
  });

  it('leaves the old chunks in place when a replacement fails midway', () => {
    const doc = catalog.createDocument({ name: 'a.txt' });
    catalog.replaceChunks(doc.id, 1, chunks(['keep me']));
    // Two chunks with one id: the second insert violates the unique id after the delete already ran.
    const bad: NewChunk[] = [
      { id: 'dup', ordinal: 0, text: 'new', provenance: {}, tokenCount: 1 },
      { id: 'dup', ordinal: 1, text: 'new', provenance: {}, tokenCount: 1 },
    ];
    expect(() => catalog.replaceChunks(doc.id, 2, bad)).toThrowError(expect.objectContaining({ code: 'CONFLICT' }));
    expect(catalog.listChunks(doc.id).map((c) => c.text)).toEqual(['keep me']);
    expect(catalog.getDocument(doc.id)?.version).toBe(1);
    expect(catalog.keywordRowCount(doc.id)).toBe(1);
  });

  it('rejects chunks for a missing document and invalid provenance', () => {
    expect(() => catalog.replaceChunks('nope', 1, chunks(['x']))).toThrowError(
      expect.objectContaining({ code: 'NOT_FOUND' }),
    );
    const doc = catalog.createDocument({ name: 'a.txt' });
    const bad = [{ ordinal: 0, text: 'x', provenance: { page: -1 }, tokenCount: 1 }] as NewChunk[];
    expect(() => catalog.replaceChunks(doc.id, 1, bad)).toThrowError(
      expect.objectContaining({ code: 'INVALID_INPUT' }),
    );
  });

  it('deletes a document with its chunks, keyword rows and jobs, returning its object key', () => {
    const keep = catalog.createDocument({ name: 'keep.txt' });
    const doc = catalog.createDocument({ name: 'gone.txt', objectKey: 'objects/gone' });
    catalog.replaceChunks(keep.id, 1, chunks(['stays']));
    catalog.replaceChunks(doc.id, 1, chunks(['goes away', 'also goes']));
    catalog.jobs.create({ batchId: 'b', input: { kind: 'path', path: '/x' }, documentId: doc.id });

    expect(catalog.deleteDocument(doc.id)?.objectKey).toBe('objects/gone');
    expect(catalog.getDocument(doc.id)).toBeUndefined();
    expect(catalog.chunkCount()).toBe(1);
    expect(catalog.keywordRowCount()).toBe(1);
    expect(catalog.jobs.list()).toEqual([]);
    expect(catalog.verifyKeywordIndex()).toBe(true);
    expect(catalog.deleteDocument(doc.id)).toBeUndefined();
  });

  it('reopens a file with everything in it', () => {
    const doc = catalog.createDocument({ name: 'a.txt' });
    catalog.replaceChunks(doc.id, 1, chunks(['persisted words']));
    catalog.dispose();
    catalog = openCatalog({ dataDir: dir.path });
    expect(catalog.listChunks(doc.id).map((c) => c.text)).toEqual(['persisted words']);
    expect(catalog.keywordRowCount(doc.id)).toBe(1);
  });
});
