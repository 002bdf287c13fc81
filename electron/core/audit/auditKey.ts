import { randomBytes } from 'node:crypto';
import type { SecretsService } from '../secrets/SecretsService';

/**
 * Keychain entry of the audit chain's HMAC key. Internal: the core reads it, no client may list, set or delete it
 * (names under `hearth.` are internal: the contract refuses them).
 */
export const AUDIT_KEY_SECRET = 'hearth.audit-key';

/** The audit key, and whether it was created just now (first start, or the first start after the upgrade). */
export interface AuditKey {
  key: Buffer;
  created: boolean;
}

/** Reads the audit key from the keychain, creating 256 random bits on first start. */
export async function ensureAuditKey(secrets: SecretsService): Promise<AuditKey> {
  const stored = await secrets.reveal(AUDIT_KEY_SECRET);
  if (stored && /^[0-9a-f]{64}$/.test(stored)) return { key: Buffer.from(stored, 'hex'), created: false };
  const key = randomBytes(32);
  await secrets.set(AUDIT_KEY_SECRET, key.toString('hex'));
  return { key, created: true };
}
