import { join } from 'node:path';
import type { TestCore } from '../../../helpers/tempCore';
import type { Platform } from '../../../../electron/core/platform';
import type { Result } from '../../../../electron/shared/result';
import { createLexicalEmbeddingModel } from '../../../fixtures/gguf/tinyLlama';
import { startTestCore } from '../../../helpers/tempCore';

/** Short timings, so file and bucket changes are seen in a fraction of a second. */
export const FAST: Partial<Platform> = {
  startSidecars: true,
  library: { watchDebounceMs: 100, watchPollMs: 500, bucketPollMs: 150, retireIndexAfterMs: 1_000 },
};

/** A core with sidecars and (on first start) a lexical embedding model as the default. */
export async function startLivingCore(dataDir: string, modelPath?: string): Promise<TestCore> {
  const core = await startTestCore(dataDir, FAST);
  await core.services.storage.ready;
  if (modelPath) {
    const model = await createLexicalEmbeddingModel(modelPath);
    await core.services.modelCatalog.setDefault(
      'embedding',
      (await core.services.modelCatalog.importFile(model.path)).id,
    );
  }
  return core;
}

export async function call<T>(
  core: TestCore,
  channel: string,
  input: unknown,
  origin: 'internal' | 'ws' = 'internal',
): Promise<Result<T>> {
  return (await core.services.dispatcher.call(channel, input, {
    origin,
    signal: new AbortController().signal,
  })) as Result<T>;
}

export async function value<T>(core: TestCore, channel: string, input: unknown): Promise<T> {
  const r = await call<T>(core, channel, input);
  if (!r.ok) throw new Error(`${channel}: ${r.error.code} ${r.error.message}`);
  return r.value;
}

/** Ids of a document's vectors in an index (the active one by default). */
export async function vectorIds(core: TestCore, documentId: string, indexName?: string): Promise<string[]> {
  const key = indexName
    ? core.services.libraryCatalog.indexes.list().find((r) => r.name === indexName)
    : (core.services.libraryCatalog.indexes.active() ?? core.services.libraryCatalog.indexes.list()[0]);
  if (!key) return [];
  const probe = new Array<number>(key.dimensions).fill(1 / Math.sqrt(key.dimensions));
  const hits = await core.services.library.indexFor(key).query(probe, { topK: 1000, filter: { documentId } });
  return hits.map((h) => h.id).sort();
}

/** Ids of vectors in the active index whose metadata says this collection. */
export async function vectorIdsInCollection(core: TestCore, collection: string): Promise<string[]> {
  const key = core.services.libraryCatalog.indexes.active();
  if (!key) return [];
  const probe = new Array<number>(key.dimensions).fill(1 / Math.sqrt(key.dimensions));
  const hits = await core.services.library.indexFor(key).query(probe, { topK: 1000, filter: { collection } });
  return hits.map((h) => h.id).sort();
}

/** Documents whose keyword index finds every word of `words`. */
export function keywordDocs(core: TestCore, words: string): string[] {
  const hits = core.services.libraryCatalog.keywordSearch(words, { topK: 100, match: 'all' });
  return [...new Set(hits.map((h) => h.documentId))];
}

/** The catalogue, vectors and keyword rows of a document agree: same chunk ids everywhere, current version. */
export async function expectWhole(core: TestCore, documentId: string): Promise<void> {
  const doc = core.services.libraryCatalog.getDocument(documentId);
  if (!doc) throw new Error(`document ${documentId} is gone`);
  const chunks = core.services.libraryCatalog.listChunks(documentId);
  const ids = chunks.map((c) => c.id).sort();
  if (chunks.some((c) => c.version !== doc.version)) throw new Error('chunks of an old version remain');
  if (core.services.libraryCatalog.keywordRowCount(documentId) !== chunks.length)
    throw new Error('keyword rows disagree');
  const vectors = await vectorIds(core, documentId);
  if (JSON.stringify(vectors) !== JSON.stringify(ids)) {
    throw new Error(`vectors disagree: ${JSON.stringify(vectors)} vs ${JSON.stringify(ids)}`);
  }
  const objects = await core.services.storage.requireObjects();
  const tags = await objects.getTags(doc.objectKey!);
  if (tags.sha256 !== doc.sha256 || tags.embedding_version !== String(doc.embeddingVersion)) {
    throw new Error(`tags disagree: ${JSON.stringify(tags)}`);
  }
  const keys = (await objects.list(`documents/${documentId}/`)).map((o) => o.key);
  if (JSON.stringify(keys) !== JSON.stringify([doc.objectKey])) throw new Error(`objects: ${JSON.stringify(keys)}`);
}

export const modelFile = (dir: string, name = 'lexical.gguf'): string => join(dir, name);
