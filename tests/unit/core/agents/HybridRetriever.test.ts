import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { RetrievalCatalog } from '../../../../electron/core/agents/AgentReadView';
import {
  HybridRetriever,
  type HybridRetrieverOptions,
} from '../../../../electron/core/agents/retrieval/HybridRetriever';
import type { KeywordSearchOptions } from '../../../../electron/core/library/catalog/catalogTypes';

/** A retriever over a fake catalogue of `chunks` passages; `embed` records what it was asked and in which order. */
function setup(chunks: number, embed?: HybridRetrieverOptions['embed'], more: Partial<HybridRetrieverOptions> = {}) {
  const events: string[] = [];
  const keywordCalls: KeywordSearchOptions[] = [];
  const catalog = {
    keywordSearch: (_q: string, options: KeywordSearchOptions) => {
      events.push('keyword');
      keywordCalls.push(options);
      return [];
    },
    chunkCount: () => chunks,
    getChunks: () => [],
    getDocument: () => undefined,
    indexes: { list: () => [] },
  } as unknown as RetrievalCatalog;
  const retriever = new HybridRetriever({
    catalog,
    embed:
      embed ??
      (async (texts, _signal, model) => {
        events.push(`embed ${texts.join(' ')} ${model ?? '-'}`);
        return { vectors: [new Float32Array([1, 0])], model: 'm' };
      }),
    index: () => {
      throw new Error('no index in this test');
    },
    embeddingVersion: 1,
    activeIndex: () => ({ model: 'active-model', version: 1, dimensions: 2 }),
    logger: pino({ level: 'silent' }),
    ...more,
  });
  return { retriever, events, keywordCalls };
}

describe('HybridRetriever', () => {
  it('warms the search index model up when the library has passages', async () => {
    const { retriever, events } = setup(3);
    await expect(retriever.warmUp()).resolves.toBe(true);
    expect(events).toEqual(['embed warm active-model']);
    await retriever.dispose();
  });

  it('does not warm up an empty library, and a failing model only says no', async () => {
    const empty = setup(0);
    await expect(empty.retriever.warmUp()).resolves.toBe(false);
    expect(empty.events).toEqual([]);
    const broken = setup(3, () => Promise.reject(new Error('no embedding model')));
    await expect(broken.retriever.warmUp()).resolves.toBe(false);
  });

  it('starts the query embedding before searching the keywords, and asks for every-word hits up to topK', async () => {
    const { retriever, events, keywordCalls } = setup(3);
    await retriever.search('oven timer', { topK: 6 });
    expect(events).toEqual(['embed oven timer active-model', 'keyword']);
    expect(keywordCalls[0]).toMatchObject({ topK: 24, minHits: 6, match: 'any' });
  });

  it('lets the embedding request go out before the keyword search holds the thread', async () => {
    // As the runtime does: a few awaits (model slot, fallback chain) before the request is sent to the worker.
    const { retriever, events: order } = setup(3, async () => {
      for (let i = 0; i < 5; i++) await Promise.resolve();
      order.push('sent');
      return { vectors: [new Float32Array([1, 0])], model: 'm' };
    });
    await retriever.search('oven timer', { topK: 6 });
    expect(order).toEqual(['sent', 'keyword']);
  });

  describe('query vectors', () => {
    /** No index named: the default model (`current.model`) embeds, and the embedder answers as `current.answers`. */
    function defaultModel() {
      const current = { model: 'lexical' as string | null, answers: 'lexical' };
      const embedded: string[] = [];
      const { retriever } = setup(
        3,
        async (texts) => {
          embedded.push(`${texts.join(' ')} by ${current.answers}`);
          return { vectors: [new Float32Array([1, 0])], model: current.answers };
        },
        { activeIndex: () => null, queryModel: () => current.model },
      );
      return { retriever, current, embedded };
    }

    it('the same question again is not embedded again; another question or another default model is', async () => {
      const { retriever, current, embedded } = defaultModel();
      await retriever.search('oven timer', { topK: 6 });
      const again = await retriever.search('oven timer', { topK: 6 });
      expect(embedded).toEqual(['oven timer by lexical']);
      expect(again.vectorSkipped).toBeNull();
      await retriever.search('oven light', { topK: 6 });
      current.model = current.answers = 'nomic';
      await retriever.search('oven timer', { topK: 6 });
      expect(embedded).toEqual(['oven timer by lexical', 'oven light by lexical', 'oven timer by nomic']);
      await retriever.dispose();
    });

    it('forgetQueryVectors() (models changed, the embedding model reloaded) makes the next search embed again', async () => {
      const { retriever, embedded } = defaultModel();
      await retriever.search('oven timer', { topK: 6 });
      retriever.forgetQueryVectors();
      await retriever.search('oven timer', { topK: 6 });
      expect(embedded).toEqual(['oven timer by lexical', 'oven timer by lexical']);
      await retriever.dispose();
    });

    it('a vector from a fallback model, or with no default model known, is not kept', async () => {
      const { retriever, current, embedded } = defaultModel();
      current.answers = 'remote-embed';
      await retriever.search('oven timer', { topK: 6 });
      await retriever.search('oven timer', { topK: 6 });
      current.model = null;
      await retriever.search('oven timer', { topK: 6 });
      expect(embedded).toHaveLength(3);
      await retriever.dispose();
    });

    it('keyword-only searches never embed', async () => {
      const { retriever, embedded } = defaultModel();
      await retriever.search('oven timer', { topK: 6, mode: 'keyword' });
      expect(embedded).toEqual([]);
      await retriever.dispose();
    });
  });
});
