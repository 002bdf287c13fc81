import type { TelemetryRecent } from '@shared/telemetrySchemas';
import { processName } from '@/ui/processName';
import { BarChart } from './BarChart';

/** Each background service's state as a coloured chip, its restarts and every process's memory as bars. */
export function SidecarChart({ recent }: { recent: TelemetryRecent }) {
  const restarts = recent.sidecars.map((s) => ({ label: shortName(processName(s.name, 'short')), value: s.restarts }));
  const memory = recent.memory.map((m) => ({
    label: shortName(processName(m.process, 'short')),
    value: Math.round(m.rssBytes / 2 ** 20),
  }));
  return (
    <div className="chart-group" data-testid="diag-sidecars">
      <ul className="sidecar-chips" aria-label="Helper programs">
        {recent.sidecars.map((s) => (
          <li key={s.name} className={`sidecar-chip sidecar-chip--${s.state}`} data-testid={`diag-sidecar-${s.name}`}>
            {processName(s.name)}: {s.state}
          </li>
        ))}
      </ul>
      <BarChart title="Restarts per helper program" bars={restarts} unit="restarts" testId="chart-restarts" />
      <BarChart title="Memory per program" bars={memory} unit="MB" testId="chart-memory" />
    </div>
  );
}

/** Axis labels have room for about ten characters. */
function shortName(name: string): string {
  return name.length > 10 ? `${name.slice(0, 9)}…` : name;
}
