import { basename } from 'node:path';
import type { TestCore } from '../../../tests/helpers/tempCore';
import type { Rerank } from './measureModes';

/** The runtime's reranking entry, where this build has one. */
type RankFn = (query: string, documents: string[], options?: { modelId?: string }) => Promise<{ scores: number[] }>;

/**
 * The hybrid+rerank mode's reranker: the GGUF cross-encoder named by HEARTH_BENCH_RERANK_MODEL, imported into this
 * core and scored through the runtime. Without one (no reranker weights on this machine) the mode is reported as
 * n/a with the reason instead of a number.
 */
export async function findReranker(core: TestCore): Promise<{ rerank: Rerank | string; label: string }> {
  const path = process.env.HEARTH_BENCH_RERANK_MODEL;
  if (!path) return { rerank: 'no reranker model', label: 'none' };
  const runtime = core.services.runtime as unknown as { rank?: RankFn };
  const rank = runtime.rank?.bind(core.services.runtime);
  if (!rank) return { rerank: 'this build cannot rerank', label: basename(path) };
  const info = await core.services.modelCatalog.importFile(path, { move: false });
  return {
    label: basename(path),
    rerank: async (query, passages) => {
      const { scores } = await rank(
        query,
        passages.map((p) => p.text),
        { modelId: info.id },
      );
      return passages
        .map((p, i) => ({ id: p.id, score: scores[i] ?? 0, i }))
        .sort((a, b) => b.score - a.score || a.i - b.i)
        .map((p) => p.id);
    },
  };
}
