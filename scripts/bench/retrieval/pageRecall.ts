/** One question's outcome: the page that answers it and the pages of the passages retrieved, best first. */
export interface RankedPages {
  expected: string;
  /** The page of each retrieved passage, in rank order; a page may repeat (several of its passages). */
  pages: readonly string[];
}

/** The first `k` distinct pages of a passage ranking: how a reader sees results grouped by page. */
export function topPages(pages: readonly string[], k: number): string[] {
  const seen: string[] = [];
  for (const page of pages) {
    if (seen.length >= k) break;
    if (!seen.includes(page)) seen.push(page);
  }
  return seen;
}

/**
 * Page-level recall@k for each k: the share of questions whose expected page is among the top k distinct pages of
 * their retrieved passages. No questions: NaN (nothing was measured), never a flattering 0 or 1.
 */
export function pageRecall(results: readonly RankedPages[], ks: readonly number[]): Record<number, number> {
  const out: Record<number, number> = {};
  for (const k of ks) {
    const hits = results.filter((r) => topPages(r.pages, k).includes(r.expected)).length;
    out[k] = results.length ? hits / results.length : Number.NaN;
  }
  return out;
}
