import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Catalog } from '../../../../electron/core/library/catalog/Catalog';
import { DocumentReviser } from '../../../../electron/core/library/living/DocumentReviser';
import type { IndexWriter } from '../../../../electron/core/library/indexing/IndexWriter';
import { chunkDocument } from '../../../../electron/core/library/parse/chunkDocument';
import { parseFile } from '../../../../electron/core/library/parse/parseFile';
import { tempDir } from '../../../helpers/tempCore';

let dir: Awaited<ReturnType<typeof tempDir>>;
let catalog: Catalog;
const deleted: string[] = [];
const written: string[] = [];

function reviser(): DocumentReviser {
  return new DocumentReviser({
    catalog,
    objects: async () => ({
      upload: async () => ({ etag: 'e' }),
      delete: async (key: string) => void deleted.push(key),
    }),
    writer: { writeCurrent: async (doc: { id: string }) => void written.push(doc.id) } as unknown as IndexWriter,
    parse: parseFile,
    chunk: chunkDocument,
    maxBytes: () => 1e6,
    embeddingVersion: 1,
    logger: pino({ level: 'silent' }),
  });
}

beforeEach(async () => {
  dir = await tempDir('hearth-reviser-');
  catalog = Catalog.open({ dataDir: dir.path });
  deleted.length = 0;
  written.length = 0;
});
afterEach(async () => {
  catalog.dispose();
  await dir.remove();
});

describe('revisions a crash interrupted', () => {
  it('rolls an uncommitted revision back: its object and row go, the document keeps its version', async () => {
    const doc = catalog.createDocument({ id: 'd', name: 'd.md', sha256: 'a', objectKey: 'k1', status: 'indexed' });
    catalog.versions.recordCurrent(doc);
    catalog.versions.begin({ documentId: 'd', version: 2, sha256: 'b', size: 1, objectKey: 'k2', origin: 'disk' });
    await reviser().recover(new AbortController().signal);
    expect(deleted).toEqual(['k2']);
    expect(catalog.versions.list('d').map((v) => [v.version, v.status])).toEqual([[1, 'current']]);
    expect(catalog.getDocument('d')).toMatchObject({ version: 1, objectKey: 'k1' });
  });

  it('rolls a committed revision forward: vectors written, the old original deleted', async () => {
    const doc = catalog.createDocument({ id: 'd', name: 'd.md', sha256: 'a', objectKey: 'k1', status: 'indexed' });
    catalog.versions.recordCurrent(doc);
    catalog.versions.begin({ documentId: 'd', version: 2, sha256: 'b', size: 1, objectKey: 'k2', origin: 'bucket' });
    catalog.transaction(() => {
      catalog.updateDocument('d', { sha256: 'b', objectKey: 'k2', version: 2 });
      catalog.versions.setStatus('d', 2, 'embedding');
    });
    await reviser().recover(new AbortController().signal);
    expect(written).toEqual(['d']);
    expect(deleted).toEqual(['k1']);
    expect(catalog.versions.list('d')).toMatchObject([
      { version: 2, status: 'current', objectKey: 'k2' },
      { version: 1, status: 'superseded', objectKey: null },
    ]);
  });
});
