import { DatabaseSync } from 'node:sqlite';
import type { IndexKey, VectorChunk, VectorStore } from '../vectors/VectorStore';

/** Vectors per page when an index is exported. */
const PAGE = 500;

/** What a snapshot says the backup must carry besides itself. */
export interface SnapshotFacts {
  documents: number;
  versions: number;
  conversations: number;
  /** Originals of indexed documents (every kept version), with the tags the library gave them. */
  originals: { objectKey: string; sha256: string; size: number; tags: Record<string, string> }[];
  indexes: IndexKey[];
}

export function readSnapshotFacts(path: string): SnapshotFacts {
  const db = new DatabaseSync(path, { readOnly: true });
  try {
    const count = (sql: string): number => Number((db.prepare(sql).get() as { n: number }).n);
    const originals = db
      .prepare(
        `SELECT v.object_key AS objectKey, v.sha256 AS sha256, v.size AS size,
                coalesce(d.embedding_version, 1) AS embeddingVersion
           FROM document_versions v JOIN documents d ON d.id = v.document_id
          WHERE d.status = 'indexed' AND v.object_key IS NOT NULL AND v.status IN ('current', 'superseded')
         UNION
         SELECT object_key, sha256, size, coalesce(embedding_version, 1) FROM documents
          WHERE status = 'indexed' AND object_key IS NOT NULL`,
      )
      .all() as { objectKey: string; sha256: string | null; size: number; embeddingVersion: number }[];
    const unique = new Map(originals.map((o) => [o.objectKey, o]));
    return {
      documents: count("SELECT count(*) AS n FROM documents WHERE status = 'indexed'"),
      versions: count(
        "SELECT count(*) AS n FROM document_versions v JOIN documents d ON d.id = v.document_id WHERE d.status = 'indexed' AND v.status IN ('current', 'superseded')",
      ),
      conversations: count('SELECT count(*) AS n FROM conversations'),
      originals: [...unique.values()].map((o) => ({
        objectKey: o.objectKey,
        sha256: o.sha256 ?? '',
        size: o.size,
        tags: { sha256: o.sha256 ?? '', embedding_version: String(o.embeddingVersion) },
      })),
      indexes: db
        .prepare('SELECT model, version, dimensions FROM vector_indexes ORDER BY created_at, name')
        .all() as unknown as IndexKey[],
    };
  } finally {
    db.close();
  }
}

/** One exported vector per line; the vector as little-endian float32 in base64 (what the backends store). */
interface VectorLine {
  id: string;
  documentId: string;
  metadata: VectorChunk['metadata'];
  text?: string;
  vector: string;
}

/** An index's vectors as JSON lines, page by page in the backend's stable order. */
export async function* exportVectors(
  store: VectorStore,
  onPage: (count: number) => void,
  signal?: AbortSignal,
): AsyncGenerator<Buffer> {
  for (let offset = 0; ; offset += PAGE) {
    signal?.throwIfAborted();
    const page = await store.page(offset, PAGE);
    if (page.length === 0) return;
    const lines = page.map((chunk) => {
      const line: VectorLine = {
        id: chunk.id,
        documentId: chunk.documentId,
        // Sorted: Chroma returns metadata keys in any order, and unchanged rows must keep their bytes.
        metadata: Object.fromEntries(Object.entries(chunk.metadata).sort(([a], [b]) => a.localeCompare(b))),
        vector: Buffer.from(Float32Array.from(chunk.vector).buffer).toString('base64'),
      };
      if (chunk.text !== undefined) line.text = chunk.text;
      return JSON.stringify(line);
    });
    onPage(page.length);
    yield Buffer.from(`${lines.join('\n')}\n`);
    if (page.length < PAGE) return;
  }
}

/** Reads back one line of an exported index. */
export function parseVectorLine(text: string): VectorChunk {
  const line = JSON.parse(text) as VectorLine;
  // Copied out: a base64 buffer may sit at an offset a Float32Array cannot start at.
  const vector = new Float32Array(Uint8Array.from(Buffer.from(line.vector, 'base64')).buffer);
  const chunk: VectorChunk = {
    id: line.id,
    documentId: line.documentId,
    vector: Array.from(vector),
    metadata: line.metadata,
  };
  if (line.text !== undefined) chunk.text = line.text;
  return chunk;
}
