import type { Part, PartContext } from '../lifecycle/PartContext';
import { AuditLog } from './AuditLog';

/**
 * The keyed audit log; disposing it waits for queued appends. Built before the keychain so that the settings and
 * secrets parts can audit their changes; `keyAuditLog` hands it its key once the keychain is open.
 */
export async function createAuditPart(ctx: PartContext): Promise<Part<{ audit: AuditLog }, 'audit.verify'>> {
  const audit = ctx.disposables.add('audit', await AuditLog.open({ dir: ctx.paths.audit }));
  return { services: { audit }, handlers: { 'audit.verify': () => audit.verify() } };
}
