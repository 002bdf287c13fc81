/**
 * Scales a vector to unit length (sum in float64, so long vectors do not lose precision). llama.cpp's pooled
 * embeddings are not normalised (a random model's have norm √n_embd), and cosine search assumes unit vectors.
 * A zero vector stays zero: it has no direction to keep.
 */
export function l2Normalize(vector: ArrayLike<number>): number[] {
  let sum = 0;
  for (let i = 0; i < vector.length; i++) sum += vector[i]! * vector[i]!;
  const norm = Math.sqrt(sum);
  const out = new Array<number>(vector.length);
  for (let i = 0; i < vector.length; i++) out[i] = norm > 0 ? vector[i]! / norm : 0;
  return out;
}
