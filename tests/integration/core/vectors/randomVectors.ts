/** Seeded vectors and exact cosine search: the ground truth the vector store tests and the bench compare against. */

/** mulberry32: tiny, fast and good enough to make test data reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A standard normal sample (Box–Muller). */
export function gaussian(random: () => number): number {
  const u = 1 - random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/** `count` vectors with independent normal entries: directions spread uniformly over the sphere. */
export function randomVectors(count: number, dimensions: number, seed: number): Float32Array[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, () => Float32Array.from({ length: dimensions }, () => gaussian(random)));
}

/**
 * Vectors around `clusters` random centres: the neighbours of a point are mostly in its own cluster. `spread` is the
 * noise relative to the centres' scale. The centres depend only on `centreSeed`, so data and queries drawn with
 * different seeds come from the same clusters.
 */
export function clusteredVectors(
  count: number,
  dimensions: number,
  seed: number,
  clusters = 256,
  spread = 0.6,
  centreSeed = 0x5eed,
): Float32Array[] {
  const random = seededRandom(seed);
  const centres = randomVectors(clusters, dimensions, centreSeed);
  return Array.from({ length: count }, () => {
    const centre = centres[Math.floor(random() * clusters)]!;
    return Float32Array.from(centre, (x) => x + spread * gaussian(random));
  });
}

/**
 * Vectors with a low intrinsic dimension, like real text embeddings (estimates for sentence embeddings are in the tens):
 * clustered points in a `latent`-dimensional space, mapped into `dimensions` by a fixed random linear map, plus a
 * little isotropic noise. Nearest neighbours are then well separated, as they are for real text.
 */
export function embeddingLikeVectors(
  count: number,
  dimensions: number,
  seed: number,
  latent = 32,
  noise = 0.05,
): Float32Array[] {
  const random = seededRandom(seed ^ 0x9e3779b9);
  // The map and the centres come from a fixed seed, so data and queries built with different seeds share them.
  const map = randomVectors(dimensions, latent, 0x3a9);
  const points = clusteredVectors(count, latent, seed, 256, 0.6);
  return points.map((z) =>
    Float32Array.from(map, (row) => {
      let x = 0;
      for (let i = 0; i < latent; i++) x += row[i]! * z[i]!;
      return x + noise * Math.sqrt(latent) * gaussian(random);
    }),
  );
}

export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return dot / Math.sqrt(na * nb);
}

/** Exact top-k by cosine similarity over `candidates` (index into `vectors`), best first. */
export function bruteForceTopK(
  query: ArrayLike<number>,
  vectors: readonly ArrayLike<number>[],
  k: number,
  candidates?: readonly number[],
): { index: number; score: number }[] {
  const pool = candidates ?? vectors.map((_, i) => i);
  return pool
    .map((index) => ({ index, score: cosine(query, vectors[index]!) }))
    .sort((x, y) => y.score - x.score)
    .slice(0, k);
}

/** Exact top-k for a large set without sorting it all: unit-normalised rows, a partial selection per query. */
export class ExactIndex {
  readonly #rows: Float32Array;
  readonly #dimensions: number;

  constructor(vectors: readonly Float32Array[]) {
    const dimensions = vectors[0]?.length ?? 0;
    this.#dimensions = dimensions;
    this.#rows = new Float32Array(vectors.length * dimensions);
    vectors.forEach((v, i) => this.#rows.set(normalise(v), i * dimensions));
  }

  topK(query: ArrayLike<number>, k: number): number[] {
    const q = normalise(query);
    const d = this.#dimensions;
    const rows = this.#rows.length / d;
    const best: { index: number; score: number }[] = [];
    for (let r = 0; r < rows; r++) {
      let dot = 0;
      const offset = r * d;
      for (let i = 0; i < d; i++) dot += q[i]! * this.#rows[offset + i]!;
      if (best.length < k || dot > best[best.length - 1]!.score) {
        best.push({ index: r, score: dot });
        best.sort((x, y) => y.score - x.score);
        if (best.length > k) best.pop();
      }
    }
    return best.map((b) => b.index);
  }
}

function normalise(v: ArrayLike<number>): Float32Array {
  let norm = 0;
  for (let i = 0; i < v.length; i++) norm += v[i]! * v[i]!;
  const scale = 1 / Math.sqrt(norm);
  return Float32Array.from(v as ArrayLike<number>, (x) => x * scale);
}
