import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestCore } from '../../../helpers/tempCore';
import { createLexicalEmbeddingModel, createTinyLlamaModel } from '../../../fixtures/gguf/tinyLlama';
import {
  RETRIEVAL_VOCAB,
  writeRetrievalCorpus,
  type RetrievalQuestion,
} from '../../../fixtures/retrieval/retrievalCorpus';
import { startTestCore, tempDir } from '../../../helpers/tempCore';

let dir: Awaited<ReturnType<typeof tempDir>>;
let questions: RetrievalQuestion[];

beforeAll(async () => {
  dir = await tempDir('hearth-retrieval-');
  questions = await writeRetrievalCorpus(join(dir.path, 'corpus'));
}, 60_000);
afterAll(async () => {
  await dir?.remove();
});

/** recall@5 of one mode: the share of questions whose answering passage is among the first five. */
async function recall(
  core: TestCore,
  mode: 'keyword' | 'hybrid' | 'vector',
): Promise<{ recall: number; weight: number }> {
  let found = 0;
  let weight = 0;
  for (const q of questions) {
    const result = await core.services.retriever.search(q.question, { topK: 5, mode });
    if (result.passages.some((p) => p.documentName === q.document && p.text.includes(q.answer))) found++;
    weight += result.vectorWeight;
  }
  return { recall: found / questions.length, weight: weight / questions.length };
}

/** A core whose library is the corpus, embedded by the given model. */
async function indexedCore(name: string, model: (path: string) => Promise<{ path: string }>): Promise<TestCore> {
  const core = await startTestCore(join(dir.path, name), { startSidecars: true });
  await core.services.storage.ready;
  const info = await core.services.modelCatalog.importFile((await model(join(dir.path, `${name}.gguf`))).path);
  await core.services.modelCatalog.setDefault('embedding', info.id);
  const batch = await core.services.library.ingest({ paths: [join(dir.path, 'corpus')] });
  expect(batch.files.every((f) => f.stage === 'indexed')).toBe(true);
  return core;
}

describe('retrieval quality on a corpus with known answers', () => {
  it('has enough questions to measure', () => {
    expect(questions.length).toBeGreaterThanOrEqual(40);
  });

  it('keyword recall@5 ≥ 0.9, and hybrid with the lexical embedding model is at least as good', async () => {
    const core = await indexedCore('lexical', (p) => createLexicalEmbeddingModel(p, { vocab: RETRIEVAL_VOCAB }));
    try {
      const keyword = await recall(core, 'keyword');
      const hybrid = await recall(core, 'hybrid');
      const vector = await recall(core, 'vector');
      console.info(`lexical model: keyword ${keyword.recall}, vector ${vector.recall}, hybrid ${hybrid.recall}`);
      expect(keyword.recall).toBeGreaterThanOrEqual(0.9);
      expect(hybrid.recall).toBeGreaterThanOrEqual(keyword.recall);
      // The lexical channel carries signal, and fusion gives it weight.
      expect(vector.recall).toBeGreaterThan(0.5);
      expect(hybrid.weight).toBeGreaterThan(0.15);
    } finally {
      await core.dispose();
    }
  }, 300_000);

  it('with a random-weight embedding model, hybrid is never below keyword-only: the noise is gated out', async () => {
    const core = await indexedCore('random', (p) => createTinyLlamaModel(p, { vocab: RETRIEVAL_VOCAB, seed: 5 }));
    try {
      const keyword = await recall(core, 'keyword');
      const hybrid = await recall(core, 'hybrid');
      const vector = await recall(core, 'vector');
      console.info(`random model: keyword ${keyword.recall}, vector ${vector.recall}, hybrid ${hybrid.recall}`);
      // The vector channel alone is noise…
      expect(vector.recall).toBeLessThan(keyword.recall);
      // …and fusion noticed: it gave it (almost) no weight, so hybrid kept keyword recall.
      expect(hybrid.weight).toBeLessThan(0.1);
      expect(hybrid.recall).toBeGreaterThanOrEqual(keyword.recall);
    } finally {
      await core.dispose();
    }
  }, 300_000);
});
