import { ScreenHeader } from '../components/ScreenHeader';
import { AuditCard } from './diagnostics/AuditCard';
import { ConnectionTestCard } from './diagnostics/ConnectionTestCard';
import { LiveHealthCard } from './diagnostics/LiveHealthCard';
import { NoticesCard } from './diagnostics/NoticesCard';

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
