import { createHash } from 'node:crypto';
import { HearthError } from '../../shared/errors';
import type { IndexKey } from './VectorStore';

/** pgvector's vector type holds at most 16,000 dimensions. */
const MAX_DIMENSIONS = 16_000;

/** Versions fit in a 32-bit integer column elsewhere, and their digits in indexName's length budget. */
const MAX_VERSION = 2_147_483_647;

/** Every name indexName returns matches this: safe unquoted in SQL and valid as a Chroma collection name. */
export const INDEX_NAME_PATTERN = /^hearth_[a-z0-9_]+$/;

/** Throws INVALID_INPUT unless the key describes a usable index. */
function validateIndexKey(key: IndexKey): void {
  if (typeof key.model !== 'string' || key.model.trim() === '' || key.model.length > 512) {
    throw new HearthError('INVALID_INPUT', 'An index needs an embedding model name of 1–512 characters.');
  }
  if (!Number.isSafeInteger(key.version) || key.version < 0 || key.version > MAX_VERSION) {
    throw new HearthError(
      'INVALID_INPUT',
      `Embedding version ${String(key.version)} is not an integer from 0 to ${MAX_VERSION}.`,
    );
  }
  if (!Number.isSafeInteger(key.dimensions) || key.dimensions < 1 || key.dimensions > MAX_DIMENSIONS) {
    throw new HearthError(
      'INVALID_INPUT',
      `Embedding dimensions must be an integer from 1 to ${MAX_DIMENSIONS}, not ${String(key.dimensions)}.`,
    );
  }
}

/**
 * A stable name for an index, valid both as a Chroma collection name (3–512 chars of [a-zA-Z0-9._-]) and as a
 * PostgreSQL identifier (≤ 63 bytes even with the `_hnsw` suffix of its index). The readable part is a lossy slug
 * of the model, so a hash of the whole key keeps two models that slug alike apart.
 */
export function indexName(key: IndexKey): string {
  validateIndexKey(key);
  const slug =
    key.model
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '')
      .slice(0, 20)
      .replace(/_+$/, '') || 'model';
  const hash = createHash('sha256')
    .update(JSON.stringify([key.model, key.version, key.dimensions]))
    .digest('hex')
    .slice(0, 8);
  // At most 7 + 20 + 2 + 10 + 2 + 5 + 1 + 8 = 55 characters.
  return `hearth_${slug}_v${key.version}_d${key.dimensions}_${hash}`;
}
