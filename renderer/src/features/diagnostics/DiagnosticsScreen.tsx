import { ScreenHeader } from '@/ui/ScreenHeader';
import { AppInfoCard } from './AppInfoCard';
import { AuditCard } from './AuditCard';
import { ConnectionTestCard } from './ConnectionTestCard';
import { LiveHealthCard } from './LiveHealthCard';
import { NoticesCard } from './NoticesCard';
import { PartsCard } from './PartsCard';
import { PerformanceCard } from './PerformanceCard';
import { ServicesCard } from './ServicesCard';

export function DiagnosticsScreen() {
  return (
    <>
      <ScreenHeader
        title="Diagnostics"
        lead="How Hearth is running on this computer: its speed, its memory and the helper programs it starts."
      />
      <div className="card-grid">
        <PerformanceCard />
        <LiveHealthCard />
        <PartsCard />
        <AuditCard />
        <ConnectionTestCard />
        <NoticesCard />
        <AppInfoCard />
        <ServicesCard />
      </div>
    </>
  );
}
