import type { KeywordHit } from './catalogTypes';

/** What `topUpKeywordHits` adds below the hits a search found first. */
export interface KeywordTopUp {
  topK: number;
  /** Stop once this many hits are there. */
  minHits: number;
  /** Rows holding every word, ranked; null when the query has one word (its any-word rows say the same). */
  every: (() => KeywordHit[]) | null;
  /** The newest rows holding any word, ranked. */
  newestAny: () => KeywordHit[];
}

/**
 * The keyword indexes' last resort when too few rows hold a rare word (or none is rare): rows holding every word,
 * then the newest holding any, below the hits found so far (those hold a rarer word) and never scoring above them.
 * The every-word rows and the newest any-word rows are ranked together, as one tier. Shared by SQLite's FTS5 index
 * and PostgreSQL's tsvector one, so both fill the same way.
 */
export function topUpKeywordHits(hits: KeywordHit[], o: KeywordTopUp): KeywordHit[] {
  const seen = new Set(hits.map((h) => h.chunkId));
  const add = (more: KeywordHit[]): void => {
    for (const h of more) {
      if (seen.has(h.chunkId) || hits.length >= o.topK) continue;
      seen.add(h.chunkId);
      hits.push({ ...h, score: Math.min(h.score, hits.at(-1)?.score ?? h.score) });
    }
  };
  const before = hits.length;
  if (o.every) add(o.every());
  if (hits.length >= o.minHits) return hits;
  const tier = hits.splice(before);
  for (const h of tier) seen.delete(h.chunkId);
  add([...tier, ...o.newestAny()].sort((a, b) => b.score - a.score));
  return hits;
}
