import type { TelemetryRecent } from '@shared/telemetrySchemas';
import { BarChart } from './BarChart';

/** Each background service's state as a coloured chip, its restarts and every process's memory as bars. */
export function SidecarChart({ recent }: { recent: TelemetryRecent }) {
  const restarts = recent.sidecars.map((s) => ({ label: shortName(s.name), value: s.restarts }));
  const memory = recent.memory.map((m) => ({ label: shortName(m.process), value: Math.round(m.rssBytes / 2 ** 20) }));
  return (
    <div className="chart-group" data-testid="diag-sidecars">
      <ul className="sidecar-chips" aria-label="Background services">
        {recent.sidecars.map((s) => (
          <li key={s.name} className={`sidecar-chip sidecar-chip--${s.state}`} data-testid={`diag-sidecar-${s.name}`}>
            {s.name}: {s.state}
          </li>
        ))}
      </ul>
      <BarChart title="Restarts per service" bars={restarts} unit="restarts" testId="chart-restarts" />
      <BarChart title="Memory per process" bars={memory} unit="MB" testId="chart-memory" />
    </div>
  );
}

/** Axis labels have room for about ten characters. */
function shortName(name: string): string {
  return name.length > 10 ? `${name.slice(0, 9)}…` : name;
}
