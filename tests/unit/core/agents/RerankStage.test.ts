import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { RetrievedPassage } from '../../../../electron/core/agents/retrieval/HybridRetriever';
import { RERANK_FAILED_NOTE, RerankStage } from '../../../../electron/core/agents/retrieval/RerankStage';
import { HearthError } from '../../../../electron/shared/errors';

const logger = pino({ level: 'silent' });

function passage(n: number, text: string): RetrievedPassage {
  return {
    chunkId: `c${n}`,
    documentId: `d${n}`,
    documentName: `Doc ${n}`,
    documentType: 'text',
    text,
    provenance: {},
    score: 1 / n,
  } as RetrievedPassage;
}

const fused = [
  passage(1, 'the water is cold'),
  passage(2, 'a line of people'),
  passage(3, 'the zebra is here'),
  passage(4, 'old house'),
];
const ids = (ps: readonly RetrievedPassage[]): string[] => ps.map((p) => p.chunkId);

describe('RerankStage', () => {
  it('reorders the fused passages by the reranker scores and keeps topK (ties keep fused order)', async () => {
    const seen: string[][] = [];
    const stage = new RerankStage({
      logger,
      enabled: () => true,
      rank: async (_query, texts) => {
        seen.push(texts);
        return texts.map((t) => (t.includes('zebra') ? 0.9 : t.includes('house') ? 0.5 : 0.1));
      },
    });
    const out = await stage.apply('question', fused, { topK: 3 });
    expect(ids(out.passages)).toEqual(['c3', 'c4', 'c1']);
    expect(out).toMatchObject({ reranked: true, note: null });
    expect(seen[0]).toEqual(fused.map((p) => p.text));
  });

  it('reads only the fused top `depth` and asks the retriever for that many while active', async () => {
    let enabled = true;
    const stage = new RerankStage({
      logger,
      depth: 2,
      enabled: () => enabled,
      rank: async (_query, texts) => texts.map((_, i) => i),
    });
    expect(stage.fetchDepth(1)).toBe(2);
    expect(ids((await stage.apply('q', fused, { topK: 4 })).passages)).toEqual(['c2', 'c1']);
    enabled = false;
    expect(stage.fetchDepth(1)).toBe(1);
  });

  it('keeps fused order with a note when the reranker fails', async () => {
    const stage = new RerankStage({
      logger,
      enabled: () => true,
      rank: async () => {
        throw new HearthError('SIDECAR_DOWN', 'The inference engine stopped unexpectedly.');
      },
    });
    const out = await stage.apply('q', fused, { topK: 2 });
    expect(ids(out.passages)).toEqual(['c1', 'c2']);
    expect(out).toMatchObject({ reranked: false, note: RERANK_FAILED_NOTE });
  });

  it('keeps fused order with a note when the reranker takes too long or answers oddly', async () => {
    const slow = new RerankStage({
      logger,
      timeoutMs: 20,
      enabled: () => true,
      rank: (_query, _texts, signal) =>
        new Promise((_resolve, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
    });
    const late = await slow.apply('q', fused, { topK: 4 });
    expect(ids(late.passages)).toEqual(ids(fused));
    expect(late.note).toBe(RERANK_FAILED_NOTE);

    const odd = new RerankStage({ logger, enabled: () => true, rank: async () => [0.5] });
    const short = await odd.apply('q', fused, { topK: 4 });
    expect(ids(short.passages)).toEqual(ids(fused));
    expect(short.note).toBe(RERANK_FAILED_NOTE);
  });

  it('passes the caller’s own cancellation on instead of answering', async () => {
    const controller = new AbortController();
    const stage = new RerankStage({
      logger,
      enabled: () => true,
      rank: async () => {
        controller.abort();
        throw new HearthError('CANCELLED', 'Reranking was stopped.');
      },
    });
    await expect(stage.apply('q', fused, { topK: 2, signal: controller.signal })).rejects.toMatchObject({
      code: 'CANCELLED',
    });
  });

  it('does nothing when off (no reranker installed, or the setting is off)', async () => {
    let calls = 0;
    const stage = new RerankStage({
      logger,
      enabled: () => false,
      rank: async (_q, texts) => {
        calls += 1;
        return texts.map(() => 0);
      },
    });
    const out = await stage.apply('q', fused, { topK: 3 });
    expect(ids(out.passages)).toEqual(['c1', 'c2', 'c3']);
    expect(out).toMatchObject({ reranked: false, note: null });
    expect(calls).toBe(0);
  });
});
