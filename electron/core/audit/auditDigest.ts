import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { canonicalJson } from './canonicalJson';

/** The `prev` of the first entry. */
export const GENESIS = '0'.repeat(64);

/** Entries written before the log was keyed: a plain SHA-256 of the entry, which anyone can recompute. */
export function plainEntryHash(entry: object): string {
  return createHash('sha256').update(canonicalJson(entry)).digest('hex');
}

/**
 * Entries written since: HMAC-SHA-256 under the key kept in the keychain, so a rewritten chain cannot be made to
 * verify without it. The label keeps an entry's MAC from ever equalling the head's.
 */
export function keyedEntryHash(key: Buffer, entry: object): string {
  return createHmac('sha256', key)
    .update(`hearth-audit-entry\n${canonicalJson(entry)}`)
    .digest('hex');
}

/** The MAC over `head.json`, which anchors the chain's end and records where the keyed part starts. */
export function headMac(key: Buffer, head: object): string {
  return createHmac('sha256', key)
    .update(`hearth-audit-head\n${canonicalJson(head)}`)
    .digest('hex');
}

/** Constant-time comparison of two hex digests. */
export function sameDigest(a: string, b: string): boolean {
  const left = Buffer.from(a, 'utf8');
  const right = Buffer.from(b, 'utf8');
  return left.length === right.length && timingSafeEqual(left, right);
}
