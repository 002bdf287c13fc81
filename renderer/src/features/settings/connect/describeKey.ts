import type { ApiKeyInfo } from '@shared/gatewaySchemas';

/** Where a key stands, for its badge. */
export type KeyState = 'active' | 'expiring' | 'expired' | 'revoked';

export function keyState(key: ApiKeyInfo, now: number): KeyState {
  if (key.revokedAt !== null) return 'revoked';
  if (key.expiresAt === null) return 'active';
  return Date.parse(key.expiresAt) > now ? 'expiring' : 'expired';
}

const dateTime = (iso: string) => new Date(iso).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** One line under the key's name: state, use and limits. */
export function describeKey(key: ApiKeyInfo, now: number): { state: string; usage: string; limits: string } {
  const state = keyState(key, now);
  const stateText = {
    active: 'Active',
    expiring: `Works until ${key.expiresAt ? dateTime(key.expiresAt) : ''} (rotated)`,
    expired: 'Expired (rotated)',
    revoked: 'Revoked',
  }[state];
  const uses = `${key.useCount.toLocaleString()} ${key.useCount === 1 ? 'request' : 'requests'}`;
  return {
    state: stateText,
    usage: key.lastUsedAt ? `${uses}, last ${dateTime(key.lastUsedAt)}` : 'Never used',
    limits: `${key.limits.requestsPerMinute.toLocaleString()} requests a minute, ${key.limits.concurrentStreams.toLocaleString()} streams at once`,
  };
}
