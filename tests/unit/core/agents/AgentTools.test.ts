import { describe, expect, it } from 'vitest';
import type { AgentReadView } from '../../../../electron/core/agents/AgentReadView';
import { AgentTools } from '../../../../electron/core/agents/tools/AgentTools';
import type { ChunkRecord, DocumentRecord } from '../../../../electron/core/library/catalog/catalogTypes';

function doc(id: string, name: string, status: DocumentRecord['status'] = 'indexed'): DocumentRecord {
  return {
    id,
    name,
    sourcePath: null,
    sha256: id,
    size: 1,
    type: 'text',
    objectKey: null,
    collection: null,
    status,
    error: null,
    version: 1,
    embeddingVersion: 1,
    parentId: null,
    attachedTo: null,
    createdAt: 0,
    updatedAt: 0,
  };
}

/** The agents' whole view of the library: three reads over two documents, one of them not indexed yet. */
function readView(): AgentReadView {
  const docs = [doc('a', 'Alpha notes.md'), doc('b', 'Beta.txt', 'indexing')];
  const chunks: ChunkRecord[] = Array.from({ length: 5 }, (_, ordinal) => ({
    id: `a:1:${ordinal}`,
    documentId: 'a',
    version: 1,
    ordinal,
    text: `passage ${ordinal}`,
    provenance: { lineStart: ordinal + 1, lineEnd: ordinal + 1 },
    tokenCount: 2,
  }));
  return {
    getDocument: (id) => docs.find((d) => d.id === id),
    listChunks: (id) => chunks.filter((c) => c.documentId === id),
    listDocuments: (filter = {}) => docs.filter((d) => !filter.status || d.status === filter.status),
  };
}

function tools() {
  const audited: string[] = [];
  const agentTools = new AgentTools({
    catalog: readView(),
    search: { retrieve: async () => ({ passages: [], vectorSkipped: null, note: null }) },
    audit: {
      append: async (entry) => {
        audited.push(entry.action);
        // The tools only wait for the write; the stored entry is not read back.
        return entry as never;
      },
    },
  });
  return { agentTools, audited };
}

describe('AgentTools on the narrow read view', () => {
  it('reads a range of an indexed document and audits the call', async () => {
    const { agentTools, audited } = tools();
    const read = await agentTools.execute('read_document', { documentId: 'a', fromChunk: 1, toChunk: 3 });
    expect(read).toEqual({
      documentId: 'a',
      name: 'Alpha notes.md',
      chunks: [1, 2, 3].map((ordinal) => ({ ordinal, text: `passage ${ordinal}` })),
    });
    expect(audited).toEqual(['tool.read_document']);
    await agentTools.dispose();
  });

  it('does not read a document that is not indexed', async () => {
    const { agentTools } = tools();
    await expect(
      agentTools.execute('read_document', { documentId: 'b', fromChunk: 0, toChunk: 0 }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await agentTools.dispose();
  });

  it('lists only indexed documents, filtered by name', async () => {
    const { agentTools } = tools();
    expect(await agentTools.execute('list_documents', {})).toEqual([
      { id: 'a', name: 'Alpha notes.md', type: 'text', collection: null },
    ]);
    expect(await agentTools.execute('list_documents', { search: 'beta' })).toEqual([]);
    await agentTools.dispose();
  });
});
