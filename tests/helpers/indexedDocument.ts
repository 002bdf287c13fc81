import type { Catalog } from '../../electron/core/library/catalog/Catalog';

/** Adds an indexed document `<id>.txt` with one passage per text (line N for the Nth), as the pipeline leaves it. */
export function addIndexedDocument(catalog: Catalog, id: string, texts: string[], collection?: string): void {
  catalog.createDocument({ id, name: `${id}.txt`, sha256: id, ...(collection ? { collection } : {}) });
  catalog.replaceChunks(
    id,
    1,
    texts.map((text, ordinal) => ({
      ordinal,
      text,
      provenance: { lineStart: ordinal + 1, lineEnd: ordinal + 1 },
      tokenCount: 5,
    })),
  );
  catalog.updateDocument(id, { status: 'indexed' });
}
