import { ScreenHeader } from '@/ui/ScreenHeader';
import { AuditCard } from './AuditCard';
import { ConnectionTestCard } from './ConnectionTestCard';
import { LiveHealthCard } from './LiveHealthCard';
import { NoticesCard } from './NoticesCard';

export function DiagnosticsScreen() {
  return (
    <>
      <ScreenHeader title="Diagnostics" lead="How Hearth's core and its background services are doing." />
      <div className="card-grid">
        <LiveHealthCard />
        <AuditCard />
        <ConnectionTestCard />
        <NoticesCard />
      </div>
    </>
  );
}
