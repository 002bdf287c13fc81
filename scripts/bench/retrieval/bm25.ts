/** A passage the baseline ranks: its id and its text. */
export interface Bm25Passage {
  id: string;
  text: string;
}

/** Okapi BM25's two constants. */
export interface Bm25Options {
  /** Term-frequency saturation (1.2). */
  k1?: number;
  /** Length normalisation (0.75). */
  b?: number;
}

/**
 * The baseline's words: lower-cased runs of letters and digits. No stemming, no stop words, nothing the product's
 * keyword search might add: the point is a plain reference to compare it against.
 */
export function bm25Tokens(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * Plain Okapi BM25 over a fixed set of passages, in memory: score(q, d) = Σ over distinct query terms t of
 * idf(t) · tf·(k1 + 1) / (tf + k1·(1 − b + b·|d|/avgdl)), with idf(t) = ln(1 + (N − df + 0.5) / (df + 0.5)) (the
 * non-negative form Lucene uses, so a word in most passages never counts against them).
 */
export class Bm25Index {
  readonly #k1: number;
  readonly #b: number;
  readonly #ids: string[] = [];
  readonly #lengths: number[] = [];
  /** term → [passage index, term frequency] pairs. */
  readonly #postings = new Map<string, [number, number][]>();
  readonly #avgLength: number;

  constructor(passages: readonly Bm25Passage[], options: Bm25Options = {}) {
    this.#k1 = options.k1 ?? 1.2;
    this.#b = options.b ?? 0.75;
    let total = 0;
    for (const passage of passages) {
      const index = this.#ids.length;
      const tokens = bm25Tokens(passage.text);
      this.#ids.push(passage.id);
      this.#lengths.push(tokens.length);
      total += tokens.length;
      const tf = new Map<string, number>();
      for (const token of tokens) tf.set(token, (tf.get(token) ?? 0) + 1);
      for (const [term, count] of tf) {
        let list = this.#postings.get(term);
        if (!list) this.#postings.set(term, (list = []));
        list.push([index, count]);
      }
    }
    this.#avgLength = passages.length ? total / passages.length : 0;
  }

  /** The `topK` best passages for `query`, best first; ties keep passage order. Passages sharing no word score 0 and are left out. */
  search(query: string, topK: number): { id: string; score: number }[] {
    const n = this.#ids.length;
    const scores = new Map<number, number>();
    for (const term of new Set(bm25Tokens(query))) {
      const postings = this.#postings.get(term);
      if (!postings) continue;
      const idf = Math.log(1 + (n - postings.length + 0.5) / (postings.length + 0.5));
      for (const [index, tf] of postings) {
        const norm = this.#k1 * (1 - this.#b + (this.#b * this.#lengths[index]!) / this.#avgLength);
        scores.set(index, (scores.get(index) ?? 0) + (idf * tf * (this.#k1 + 1)) / (tf + norm));
      }
    }
    return [...scores]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, topK)
      .map(([index, score]) => ({ id: this.#ids[index]!, score }));
  }
}
