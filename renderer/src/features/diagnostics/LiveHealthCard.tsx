import { Card } from '@/ui/Card';
import { ChildrenTable } from '@/ui/ChildrenTable';
import { Icon } from '@/ui/Icon';
import { formatBytes } from '@shared/formatBytes';
import { formatDuration } from '@/lib/formatDuration';
import { formatMs } from '@/lib/formatNumber';
import { useSupervisorStore } from './useSupervisorStore';
import { Metric } from './Metric';
import { useLiveDiagnostics } from './useLiveDiagnostics';

/** Core memory, event-loop delay, open streams and children, refreshed every second while on. */
export function LiveHealthCard() {
  const { live, snapshot, start, stop } = useLiveDiagnostics();
  const supervised = useSupervisorStore((s) => s.children);
  const services = snapshot?.children ?? supervised ?? [];

  const toggle = (
    <button
      type="button"
      className={live ? 'button' : 'button button--primary'}
      onClick={live ? stop : start}
      data-testid="diag-toggle"
    >
      <Icon name={live ? 'stop' : 'play'} size={14} />
      {live ? 'Stop' : 'Start live view'}
    </button>
  );

  return (
    <Card title="Live health" actions={toggle} className="card--wide" testId="diag-live">
      <p className="card__note">
        {live ? (
          <span className="live-dot">Updating every second</span>
        ) : snapshot ? (
          'Paused. Showing the last update.'
        ) : (
          'Start the live view to see figures from the core.'
        )}
      </p>
      <dl className="metrics">
        <Metric label="Memory (RSS)" value={snapshot ? formatBytes(snapshot.rssBytes) : '—'} testId="diag-rss" />
        <Metric label="JS heap used" value={snapshot ? formatBytes(snapshot.heapUsedBytes) : '—'} testId="diag-heap" />
        <Metric
          label="Event-loop delay"
          value={snapshot ? formatMs(snapshot.eventLoopDelayMs) : '—'}
          testId="diag-loop-delay"
        />
        <Metric label="Active streams" value={snapshot ? String(snapshot.activeStreams) : '—'} testId="diag-streams" />
        <Metric label="Uptime" value={snapshot ? formatDuration(snapshot.uptimeMs) : '—'} testId="diag-uptime" />
      </dl>
      <h3 className="subheading">Background services</h3>
      {services.length === 0 ? (
        <p className="empty">None running yet.</p>
      ) : (
        <ChildrenTable services={services} caption="Service details" detailed />
      )}
    </Card>
  );
}
