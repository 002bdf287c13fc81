/** One channel's ranked result: best first. */
export interface ChannelHit {
  chunkId: string;
  score: number;
}

/** A chunk after fusion, with what each channel said about it. */
export interface FusedHit {
  chunkId: string;
  /** Fused score, higher is better; comparable within one query only. */
  score: number;
  keywordRank?: number;
  vectorRank?: number;
  vectorScore?: number;
}

/** Options for `fuseRankings`. */
export interface FusionOptions {
  /** How many fused hits to return. */
  topK: number;
  /** Chunks the search ran over, to know how much agreement chance alone gives. */
  poolSize: number;
  /** Reciprocal-rank constant (60, as in Cormack et al.). */
  k?: number;
  /** Ranks compared to measure agreement (5). */
  depth?: number;
  /** Below this reliability the vector channel may only fill empty places (0.4). */
  gate?: number;
}

/**
 * How much the vector channel can be trusted for this query, in [0, 1]: its agreement with the keyword channel at
 * the top, above what two unrelated rankings of the same pool would share by chance. Two random top-5 lists of a
 * 200-chunk pool share 5·5/200 = 0.125 chunks on average; a model that understands the text shares several.
 */
export function vectorReliability(
  keyword: readonly string[],
  vector: readonly string[],
  poolSize: number,
  depth = 5,
): number {
  const d = Math.min(depth, keyword.length, vector.length);
  if (d === 0) return 0;
  const top = new Set(keyword.slice(0, d));
  const overlap = vector.slice(0, d).filter((id) => top.has(id)).length;
  const expected = (d * d) / Math.max(poolSize, d);
  if (d - expected <= 0) return 0;
  return Math.min(1, Math.max(0, (overlap - expected) / (d - expected)));
}

/**
 * Hybrid fusion that noise cannot win. Reciprocal-rank fusion, with the vector channel weighted by its measured
 * reliability for this query; below the gate (a random-weight model, a model that does not know the domain) the
 * keyword ranking stands unchanged and vector hits only fill places the keyword channel left empty. So hybrid recall
 * is never below keyword recall unless the vector channel earns its weight by agreeing with the keywords, and when
 * the keywords find nothing (a paraphrase) the vector channel answers alone.
 */
export function fuseRankings(
  keyword: readonly ChannelHit[],
  vector: readonly ChannelHit[],
  options: FusionOptions,
): { hits: FusedHit[]; vectorWeight: number } {
  const k = options.k ?? 60;
  const byId = new Map<string, FusedHit>();
  const hit = (id: string): FusedHit => {
    let h = byId.get(id);
    if (!h) byId.set(id, (h = { chunkId: id, score: 0 }));
    return h;
  };
  keyword.forEach((c, i) => (hit(c.chunkId).keywordRank = i + 1));
  vector.forEach((c, i) => Object.assign(hit(c.chunkId), { vectorRank: i + 1, vectorScore: c.score }));

  const weight =
    keyword.length === 0
      ? 1
      : vectorReliability(
          keyword.map((c) => c.chunkId),
          vector.map((c) => c.chunkId),
          options.poolSize,
          options.depth,
        );
  const gated = keyword.length > 0 && weight < (options.gate ?? 0.4);
  for (const h of byId.values()) {
    const kw = h.keywordRank ? 1 / (k + h.keywordRank) : 0;
    const vec = h.vectorRank ? 1 / (k + h.vectorRank) : 0;
    // Gated: keyword hits outrank every vector-only hit (1/(k+rank) ≤ 1/(k+1) < 1 + anything), order kept.
    h.score = gated ? (h.keywordRank ? 1 + kw : vec) : kw + weight * vec;
  }
  const hits = [...byId.values()].sort(
    (a, b) =>
      b.score - a.score ||
      (a.keywordRank ?? Infinity) - (b.keywordRank ?? Infinity) ||
      (a.vectorRank ?? Infinity) - (b.vectorRank ?? Infinity),
  );
  return { hits: hits.slice(0, options.topK), vectorWeight: gated ? 0 : weight };
}
