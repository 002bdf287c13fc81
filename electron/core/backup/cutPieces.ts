import { createHash } from 'node:crypto';

/** 256 fixed pseudo-random words (from SHA-256 of their index), the same in every run and on every machine. */
const GEAR = Uint32Array.from({ length: 256 }, (_, i) =>
  createHash('sha256').update(`hearth-gear-${i}`).digest().readUInt32LE(0),
);

/** Average piece sizes: small for the catalogue and vectors (a few rows change), larger for originals. */
export const PIECE_SIZES = { small: 16 * 1024, large: 1024 * 1024 } as const;

/**
 * Cuts a byte stream into content-defined pieces (a gear rolling hash, as in FastCDC): a cut falls where the high
 * bits of the hash of the last 32 bytes are zero, so an insertion early in a file moves only the cuts near it and
 * every later piece keeps its bytes — and its name — for an incremental backup. Pieces are between a quarter and
 * four times `average` (a power of two) long.
 */
export async function* cutPieces(source: AsyncIterable<Buffer | string>, average: number): AsyncGenerator<Buffer> {
  const min = average / 4;
  const max = average * 4;
  // The top log2(average) bits: those depend on the last 32 bytes, the low ones on fewer.
  const mask = (~0 << (32 - Math.log2(average))) >>> 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let hash = 0;
  for await (const chunk of source) {
    const data = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    let start = 0;
    for (let i = 0; i < data.length; i++) {
      hash = ((hash << 1) + (GEAR[data[i] as number] as number)) >>> 0;
      const size = pendingBytes + (i - start + 1);
      if ((size >= min && (hash & mask) >>> 0 === 0) || size >= max) {
        pending.push(data.subarray(start, i + 1));
        yield Buffer.concat(pending);
        pending = [];
        pendingBytes = 0;
        start = i + 1;
      }
    }
    if (start < data.length) {
      pending.push(data.subarray(start));
      pendingBytes += data.length - start;
    }
  }
  if (pendingBytes > 0) yield Buffer.concat(pending);
}
