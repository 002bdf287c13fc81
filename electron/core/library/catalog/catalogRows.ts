import { PostgresError } from './sql/PostgresDatabase';
import { HearthError } from '../../../shared/errors';
import type { ErrorCode } from '../../../shared/errors';
import { OcrMarksSchema } from '../../../shared/ocrMarks';
import type {
  ChunkRecord,
  DocumentRecord,
  DocumentStatus,
  JobInput,
  JobRecord,
  JobStage,
  Provenance,
  StoredError,
} from './catalogTypes';

/** A row as node:sqlite returns it. */
export type Row = Record<string, unknown>;

const str = (v: unknown): string => String(v);
const strOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const num = (v: unknown): number => Number(v);

function storedError(code: unknown, message: unknown): StoredError | null {
  return code === null || code === undefined ? null : { code: code as ErrorCode, message: str(message ?? '') };
}

export function toDocument(row: Row): DocumentRecord {
  return {
    id: str(row['id']),
    name: str(row['name']),
    sourcePath: strOrNull(row['source_path']),
    sha256: strOrNull(row['sha256']),
    size: num(row['size']),
    type: str(row['type']),
    objectKey: strOrNull(row['object_key']),
    collection: strOrNull(row['collection']),
    status: row['status'] as DocumentStatus,
    error: storedError(row['error_code'], row['error_message']),
    version: num(row['version']),
    embeddingVersion: row['embedding_version'] === null ? null : num(row['embedding_version']),
    parentId: strOrNull(row['parent_id']),
    attachedTo: strOrNull(row['attached_to']),
    createdAt: num(row['created_at']),
    updatedAt: num(row['updated_at']),
  };
}

export function toChunk(row: Row): ChunkRecord {
  return {
    id: str(row['id']),
    documentId: str(row['document_id']),
    version: num(row['version']),
    ordinal: num(row['ordinal']),
    text: str(row['text']),
    provenance: JSON.parse(str(row['provenance'])) as Provenance,
    tokenCount: num(row['token_count']),
    ...chunkOcr(row['ocr']),
  };
}

/** The stored OCR boxes of a chunk; a value that does not parse only costs the marks on the page, not the passage. */
function chunkOcr(value: unknown): Pick<ChunkRecord, 'ocr'> {
  if (typeof value !== 'string') return {};
  try {
    const parsed = OcrMarksSchema.safeParse(JSON.parse(value));
    return parsed.success ? { ocr: parsed.data } : {};
  } catch {
    return {};
  }
}

export function toJob(row: Row): JobRecord {
  return {
    id: str(row['id']),
    documentId: strOrNull(row['document_id']),
    batchId: str(row['batch_id']),
    input: JSON.parse(str(row['input'])) as JobInput,
    stage: row['stage'] as JobStage,
    attempts: num(row['attempts']),
    error: storedError(row['error_code'], row['error_message']),
    createdAt: num(row['created_at']),
    updatedAt: num(row['updated_at']),
    lease:
      row['leased_by'] === null || row['leased_by'] === undefined
        ? null
        : { holder: str(row['leased_by']), until: num(row['lease_until']) },
  };
}

/** SQLite result codes (primary, the low byte of the extended code) that mean something to a person. */
const SQLITE_FULL = 13;
const SQLITE_CONSTRAINT = 19;
const SQLITE_BUSY = 5;

/** Maps a node:sqlite or PostgreSQL failure to a HearthError; HearthErrors pass through unchanged. */
export function toHearthError(error: unknown, what: string): HearthError {
  if (error instanceof HearthError) return error;
  if (error instanceof PostgresError) return fromPostgres(error, what);
  const errcode = (error as { errcode?: unknown }).errcode;
  const primary = typeof errcode === 'number' ? errcode & 0xff : undefined;
  const details = { operation: what, sqlite: (error as Error).message };
  if (primary === SQLITE_FULL)
    return new HearthError('DISK_FULL', `The disk is full (${what}).`, details, { cause: error });
  if (primary === SQLITE_CONSTRAINT) {
    return new HearthError('CONFLICT', `That conflicts with what the library already holds (${what}).`, details, {
      cause: error,
    });
  }
  if (primary === SQLITE_BUSY) {
    return new HearthError('TIMEOUT', `The library catalogue stayed busy (${what}).`, details, { cause: error });
  }
  return new HearthError('INTERNAL', `The library catalogue failed (${what}).`, details, { cause: error });
}

/**
 * PostgreSQL's SQLSTATE classes: 23 integrity (a duplicate, a missing parent), 53 resources, 57014 / 55P03 / 40xxx
 * a statement cancelled, a lock not granted in time or a serialization failure, 08 and 57P the connection or server
 * (a socket error such as ECONNREFUSED carries no SQLSTATE).
 */
function fromPostgres(error: PostgresError, what: string): HearthError {
  const state = error.sqlState ?? '';
  const details = { operation: what, postgres: error.message, sqlState: state };
  const options = { cause: error };
  if (state.startsWith('23'))
    return new HearthError(
      'CONFLICT',
      `That conflicts with what the library already holds (${what}).`,
      details,
      options,
    );
  if (state === '53100')
    return new HearthError('DISK_FULL', `The database server's disk is full (${what}).`, details, options);
  if (state === '57014' || state === '55P03' || state.startsWith('40'))
    return new HearthError('TIMEOUT', `The library catalogue stayed busy (${what}).`, details, options);
  if (
    state.startsWith('08') ||
    state.startsWith('57P') ||
    state === '28P01' ||
    state === '3D000' ||
    !/^[0-9A-Z]{5}$/.test(state)
  )
    return new HearthError(
      'REMOTE_UNAVAILABLE',
      `The catalogue's PostgreSQL server cannot be reached (${what}). Check that it is running and the address and password are right.`,
      details,
      options,
    );
  return new HearthError('INTERNAL', `The library catalogue failed (${what}).`, details, options);
}
