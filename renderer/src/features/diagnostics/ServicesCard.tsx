import { Card } from '@/ui/Card';
import { ChildrenTable } from '@/ui/ChildrenTable';
import { useSupervisorStore } from './useSupervisorStore';

/** Child processes the supervisor runs (vector store, object store, language server). */
export function ServicesCard() {
  const children = useSupervisorStore((s) => s.children);
  return (
    <Card title="Running processes" testId="services-card">
      {children === null && <p className="muted">Loading…</p>}
      {children?.length === 0 && (
        <p className="empty" data-testid="services-empty">
          None running yet. Services start when a feature needs them.
        </p>
      )}
      {children && children.length > 0 && <ChildrenTable services={children} caption="Service states" />}
    </Card>
  );
}
