import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { HearthError } from '../../../shared/errors';

/** Options for `hashFile`. */
export interface HashFileOptions {
  /** Aborts the read with CANCELLED. */
  signal?: AbortSignal;
  /** Called with the bytes read so far, for per-file progress. */
  onBytes?: (bytes: number) => void;
}

/** Hex SHA-256 of a file, streamed so a large file never sits in memory whole. */
export async function hashFile(path: string, options: HashFileOptions = {}): Promise<string> {
  const hash = createHash('sha256');
  let bytes = 0;
  try {
    for await (const chunk of createReadStream(path, { signal: options.signal })) {
      const buf = chunk as Buffer;
      hash.update(buf);
      bytes += buf.length;
      options.onBytes?.(bytes);
    }
  } catch (error) {
    if (options.signal?.aborted) throw new HearthError('CANCELLED', 'Ingestion of this file was cancelled.');
    throw new HearthError('INTERNAL', 'The file could not be read for hashing.', undefined, { cause: error });
  }
  return hash.digest('hex');
}
