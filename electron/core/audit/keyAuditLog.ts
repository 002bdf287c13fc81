import { HearthError } from '../../shared/errors';
import type { PartContext } from '../lifecycle/PartContext';
import type { SecretsService } from '../secrets/SecretsService';
import type { AuditLog } from './AuditLog';
import { ensureAuditKey, type AuditKey } from './auditKey';

/**
 * Gives the audit log its key from the keychain (created on first start). Without a keychain the core still starts;
 * the log then refuses work with KEYCHAIN_UNAVAILABLE and says so in the log.
 */
export async function keyAuditLog(ctx: PartContext, deps: { audit: AuditLog; secrets: SecretsService }): Promise<void> {
  let auditKey: AuditKey | null = null;
  try {
    auditKey = await ensureAuditKey(deps.secrets);
  } catch (error) {
    if (!(error instanceof HearthError && error.code === 'KEYCHAIN_UNAVAILABLE')) throw error;
    ctx.logger.error('the audit log is unavailable: its key is in the keychain, which did not answer');
  }
  if (auditKey?.created) ctx.logger.info('the audit log is keyed from now on (new key in the keychain)');
  await deps.audit.useKey(auditKey);
}
