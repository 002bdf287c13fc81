import { Card } from '@/ui/Card';
import { ChildrenTable } from '@/ui/ChildrenTable';
import { useSupervisorStore } from './useSupervisorStore';

/** The programs Hearth starts beside itself (model engine, search index, file storage, code understanding). */
export function ServicesCard() {
  const children = useSupervisorStore((s) => s.children);
  return (
    <Card title="Helper programs" testId="services-card">
      {children === null && <p className="muted">Loading…</p>}
      {children?.length === 0 && (
        <p className="empty" data-testid="services-empty">
          None running yet. Each starts when a feature needs it.
        </p>
      )}
      {children && children.length > 0 && (
        <ChildrenTable services={children} caption="Helper programs and their states" />
      )}
    </Card>
  );
}
