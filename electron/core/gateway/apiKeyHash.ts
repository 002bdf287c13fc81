import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const PREFIX = 'hk_live_';
const ID_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A new key: `hk_live_` + an 8-character id (also the key's record id) + 256 random bits. */
export function newApiKey(): { id: string; secret: string; prefix: string } {
  const bytes = randomBytes(8);
  const idPart = [...bytes].map((b) => ID_ALPHABET[b % ID_ALPHABET.length]).join('');
  const secret = `${PREFIX}${idPart}${randomBytes(32).toString('base64url')}`;
  return { id: `key_${idPart}`, secret, prefix: displayPrefix(secret) };
}

/** What the UI shows of a key after creation: enough to recognise it, useless to use. */
export function displayPrefix(secret: string): string {
  return `${secret.slice(0, PREFIX.length + 8)}…`;
}

/**
 * The record id a Hearth key names in itself, so verification compares against one stored hash, not all of them;
 * null for anything that is not shaped like a Hearth key.
 */
export function keyIdOf(secret: string): string | null {
  const match = /^hk_live_([a-z0-9]{8})[A-Za-z0-9_-]{43}$/.exec(secret);
  return match ? `key_${match[1]}` : null;
}

/**
 * SHA-256 of the key, hex. Keys carry 256 random bits, so a fast hash is enough: there is nothing to guess that a
 * slow hash would protect (unlike a password).
 */
export function hashApiKey(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

/** Constant-time comparison of two hex digests. */
export function sameKeyHash(a: string, b: string): boolean {
  const left = Buffer.from(a, 'hex');
  const right = Buffer.from(b, 'hex');
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}
