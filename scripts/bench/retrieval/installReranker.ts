import { basename, join } from 'node:path';
import type { TestCore } from '../../../tests/helpers/tempCore';
import { createTinyRerankerModel } from '../../../tests/fixtures/gguf/tinyReranker';

/**
 * Installs the hybrid+rerank mode's reranker in this core, so the product's own rerank stage (RerankStage, through
 * LibrarySearch.retrieve) runs: the GGUF cross-encoder named by HEARTH_BENCH_RERANK_MODEL, or with `generated` the
 * test fixture's one-layer reranker (it only prefers passages with the word "zebra": it shows the plumbing and the
 * stage's cost, not better recall). Without either the mode is reported as n/a with the reason.
 * Returns the reason it cannot run, or null once the stage is active.
 */
export async function installReranker(
  core: TestCore,
  scratchDir: string,
): Promise<{ label: string; unavailable: string | null }> {
  const choice = process.env.HEARTH_BENCH_RERANK_MODEL;
  if (!choice) return { label: 'none', unavailable: 'no reranker model' };
  const path =
    choice === 'generated' ? (await createTinyRerankerModel(join(scratchDir, 'bench-reranker.gguf'))).path : choice;
  // A kept data dir (HEARTH_BENCH_RETRIEVAL_KEEP) may hold it from an earlier run.
  const known = core.services.modelCatalog.list().some((m) => m.isReranker);
  if (!known) await core.services.modelCatalog.importFile(path, { move: false });
  await core.services.settings.update({ answers: { rerank: true } });
  return { label: choice === 'generated' ? 'generated (prefers "zebra")' : basename(path), unavailable: null };
}
