import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { IndexKey, VectorChunk, VectorStore } from '../../../../../electron/core/vectors/VectorStore';
import type { ParsedDocument } from '../../../../../electron/core/library/parse/ParsedDocument';
import type { Chunk } from '../../../../../electron/core/library/parse/chunkDocument';

/** A VectorStore in a Map: enough to count and replace chunks by id. */
export class MemoryVectorStore implements VectorStore {
  readonly rows = new Map<string, VectorChunk>();
  readonly name = 'memory';
  constructor(readonly key: IndexKey = { model: 'fake', version: 1, dimensions: 8 }) {}
  async upsert(chunks: readonly VectorChunk[]): Promise<void> {
    for (const c of chunks) this.rows.set(c.id, c);
  }
  async deleteByDocument(documentId: string): Promise<void> {
    for (const [id, c] of this.rows) if (c.documentId === documentId) this.rows.delete(id);
  }
  async query(): Promise<never[]> {
    return [];
  }
  async count(): Promise<number> {
    return this.rows.size;
  }
  async page(offset: number, limit: number): Promise<VectorChunk[]> {
    return [...this.rows.values()].slice(offset, offset + limit);
  }
  countFor(documentId: string): number {
    return [...this.rows.values()].filter((c) => c.documentId === documentId).length;
  }
  async drop(): Promise<void> {
    this.rows.clear();
  }
  async dispose(): Promise<void> {}
}

/** Deterministic unit vectors from a text hash: same text, same vector. */
export async function fakeEmbed(texts: string[]): Promise<{ vectors: number[][]; model: string }> {
  const vectors = texts.map((t) => {
    const h = createHash('sha256').update(t).digest();
    const v = Array.from({ length: 8 }, (_, i) => (h[i] ?? 0) + 1);
    const n = Math.hypot(...v);
    return v.map((x) => x / n);
  });
  return { vectors, model: 'fake' };
}

export class MemoryObjects {
  readonly objects = new Map<string, Record<string, string>>();
  async upload(key: string, _path: string, options: { tags?: Record<string, string> }): Promise<void> {
    this.objects.set(key, options.tags ?? {});
  }
  async setTags(key: string, tags: Record<string, string>): Promise<void> {
    this.objects.set(key, tags);
  }
  async delete(key: string): Promise<void> {
    this.objects.delete(key);
  }
}

/** Parses any file as text, one section per paragraph; files whose text starts with "BAD" fail. */
export async function fakeParse(path: string): Promise<ParsedDocument> {
  const text = await readFile(path, 'utf8');
  if (text.startsWith('BAD')) {
    const { HearthError } = await import('../../../../../electron/shared/errors');
    throw new HearthError('UNSUPPORTED_FILE', 'Hearth cannot read this kind of file.');
  }
  return {
    type: 'text',
    sections: text.split('\n\n').map((s, i) => ({ text: s, provenance: { lineStart: i + 1, lineEnd: i + 1 } })),
  };
}

export async function fakeChunk(doc: ParsedDocument): Promise<Chunk[]> {
  return doc.sections.map((s, index) => ({ index, text: s.text, tokens: 1, provenance: s.provenance }));
}
