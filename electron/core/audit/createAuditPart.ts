import type { Part, PartContext } from '../lifecycle/PartContext';
import { AuditLog } from './AuditLog';

/** The hash-chained audit log; disposing it waits for queued appends. */
export async function createAuditPart(ctx: PartContext): Promise<Part<{ audit: AuditLog }, 'audit.verify'>> {
  const audit = ctx.disposables.add('audit', await AuditLog.open({ dir: ctx.paths.audit }));
  return { services: { audit }, handlers: { 'audit.verify': () => audit.verify() } };
}
