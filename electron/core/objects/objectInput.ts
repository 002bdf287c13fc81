import { HearthError } from '../../shared/errors';

/** Object tags Hearth sets (SEED 3.3); others may exist. S3 allows 10 tags per object. */
export type ObjectTags = { embedding_version?: string; sha256?: string } & Record<string, string>;

const MAX_KEY_BYTES = 1024;
const MAX_TAGS = 10;
const TAG_KEY = /^[\p{L}\p{N} +\-=._:/@]{1,128}$/u;
const TAG_VALUE = /^[\p{L}\p{N} +\-=._:/@]{0,256}$/u;
const META_NAME = /^[a-z0-9][a-z0-9-_]{0,63}$/i;
/** Header values travel as ISO-8859-1; printable ASCII is what every S3 server keeps unchanged. */
const META_VALUE = /^[\x20-\x7e]{0,1024}$/;

/** Throws INVALID_INPUT unless `key` is a usable object key. */
export function checkKey(key: string): void {
  if (typeof key !== 'string' || key.length === 0) throw new HearthError('INVALID_INPUT', 'The object key is empty.');
  if (Buffer.byteLength(key) > MAX_KEY_BYTES) {
    throw new HearthError('INVALID_INPUT', 'The object key is longer than 1024 bytes.');
  }
  // eslint-disable-next-line no-control-regex
  if (key.startsWith('/') || /[\x00-\x1f\x7f]/.test(key)) {
    throw new HearthError('INVALID_INPUT', 'The object key may not start with "/" or contain control characters.');
  }
}

/** Throws INVALID_INPUT unless the tags are within S3's limits and character set. */
export function checkTags(tags: Record<string, string>): void {
  const entries = Object.entries(tags);
  if (entries.length > MAX_TAGS) throw new HearthError('INVALID_INPUT', 'An object can carry at most 10 tags.');
  for (const [name, value] of entries) {
    if (!TAG_KEY.test(name) || typeof value !== 'string' || !TAG_VALUE.test(value)) {
      throw new HearthError(
        'INVALID_INPUT',
        `The tag "${name}" is not valid: names up to 128 and values up to 256 letters, digits, spaces and + - = . _ : / @.`,
      );
    }
  }
}

/** Request headers for user metadata and the content type; throws INVALID_INPUT for names or values S3 would mangle. */
export function metadataHeaders(metadata: Record<string, string> = {}, contentType?: string): Record<string, string> {
  const headers: Record<string, string> = { 'Content-Type': contentType ?? 'application/octet-stream' };
  for (const [name, value] of Object.entries(metadata)) {
    if (!META_NAME.test(name) || typeof value !== 'string' || !META_VALUE.test(value)) {
      throw new HearthError(
        'INVALID_INPUT',
        `The metadata entry "${name}" is not valid: use letters, digits and dashes for the name, printable ASCII for the value.`,
      );
    }
    headers[`x-amz-meta-${name.toLowerCase()}`] = value;
  }
  return headers;
}

/** Throws INVALID_INPUT unless `range` is an inclusive byte range (HTTP Range semantics). */
export function checkRange(range: { start: number; end: number }): void {
  const { start, end } = range;
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || start < 0 || end < start) {
    throw new HearthError('INVALID_INPUT', 'A byte range needs 0 ≤ start ≤ end (both inclusive).');
  }
}
