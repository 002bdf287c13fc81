import { HearthError } from '../../shared/errors';
import type { IndexKey, MetadataValue, VectorChunk } from './VectorStore';

/** A chunk checked against its index and in the plain shapes both backends send. */
export interface PreparedChunk {
  id: string;
  documentId: string;
  vector: number[];
  text: string | undefined;
  metadata: Record<string, MetadataValue>;
  /** `metadata.collection`, lifted out because both backends filter on it often. */
  collection: string | undefined;
}

const MAX_ID_CHARS = 1_024;
const MAX_KEY_CHARS = 256;

/**
 * Validates chunks for an index (INVALID_INPUT on the first problem, naming the chunk) and keeps the last of any
 * repeated id: PostgreSQL refuses to upsert one row twice in a statement, and "last write wins" is what a caller
 * sending duplicates means.
 */
export function prepareChunks(key: IndexKey, chunks: readonly VectorChunk[]): PreparedChunk[] {
  if (!Array.isArray(chunks)) throw new HearthError('INVALID_INPUT', 'upsert expects an array of chunks.');
  const byId = new Map<string, PreparedChunk>();
  chunks.forEach((chunk, index) => {
    const where = `Chunk ${index}`;
    const id = checkId(chunk?.id, `${where}: id`);
    const documentId = checkId(chunk.documentId, `${where} (${id}): documentId`);
    const vector = toVector(key, chunk.vector, `${where} (${id})`);
    if (chunk.text !== undefined && typeof chunk.text !== 'string') {
      throw new HearthError('INVALID_INPUT', `${where} (${id}): text must be a string.`);
    }
    const metadata = checkMetadata(chunk.metadata, `${where} (${id})`);
    const collection = metadata.collection;
    if (collection !== undefined && typeof collection !== 'string') {
      throw new HearthError('INVALID_INPUT', `${where} (${id}): metadata.collection must be a string.`);
    }
    byId.delete(id);
    byId.set(id, {
      id,
      documentId,
      vector,
      // PostgreSQL text cannot hold NUL, and in extracted text it never means anything.
      text: chunk.text?.replaceAll('\u0000', ''),
      metadata,
      collection,
    });
  });
  return [...byId.values()];
}

/** A vector of exactly `key.dimensions` finite numbers with a direction (cosine is undefined for zero). */
export function toVector(key: IndexKey, value: unknown, what: string): number[] {
  if (!(Array.isArray(value) || value instanceof Float32Array || value instanceof Float64Array)) {
    throw new HearthError('INVALID_INPUT', `${what}: the vector must be a Float32Array or an array of numbers.`);
  }
  if (value.length !== key.dimensions) {
    throw new HearthError(
      'INVALID_INPUT',
      `${what}: the vector has ${value.length} dimensions, but index "${key.model}" v${key.version} expects ${key.dimensions}.`,
      { expected: key.dimensions, actual: value.length },
    );
  }
  const vector = Array.from(value as ArrayLike<number>);
  let norm = 0;
  for (const x of vector) {
    if (typeof x !== 'number' || !Number.isFinite(x)) {
      throw new HearthError('INVALID_INPUT', `${what}: the vector contains a value that is not a finite number.`);
    }
    norm += x * x;
  }
  if (norm === 0) {
    throw new HearthError('INVALID_INPUT', `${what}: the vector is all zeros, so it has no cosine similarity.`);
  }
  return vector;
}

/** Metadata keys that are ours or that Chroma treats specially ($-operators, #-fields, its own "chroma:" prefix). */
export function checkMetadataKey(key: string, what: string): void {
  if (key.length === 0 || key.length > MAX_KEY_CHARS || key.includes('\u0000')) {
    throw new HearthError('INVALID_INPUT', `${what}: metadata key "${key}" must have 1–${MAX_KEY_CHARS} characters.`);
  }
  if (key === 'documentId' || key.startsWith('$') || key.startsWith('#') || key.startsWith('chroma:')) {
    throw new HearthError('INVALID_INPUT', `${what}: metadata key "${key}" is reserved.`);
  }
}

/** A scalar both backends store and compare exactly; NUL is refused because PostgreSQL cannot store it. */
export function isMetadataValue(value: unknown): value is MetadataValue {
  return (
    (typeof value === 'string' && !value.includes('\u0000')) ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && Number.isFinite(value))
  );
}

function checkMetadata(metadata: unknown, what: string): Record<string, MetadataValue> {
  if (metadata === undefined) return {};
  if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata)) {
    throw new HearthError('INVALID_INPUT', `${what}: metadata must be an object.`);
  }
  const result: Record<string, MetadataValue> = {};
  for (const [key, value] of Object.entries(metadata)) {
    checkMetadataKey(key, what);
    if (!isMetadataValue(value)) {
      throw new HearthError(
        'INVALID_INPUT',
        `${what}: metadata "${key}" must be a string, a finite number or a boolean.`,
      );
    }
    result[key] = value;
  }
  return result;
}

function checkId(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.length === 0 || value.length > MAX_ID_CHARS || value.includes('\u0000')) {
    throw new HearthError('INVALID_INPUT', `${what} must be a string of 1–${MAX_ID_CHARS} characters.`);
  }
  return value;
}
