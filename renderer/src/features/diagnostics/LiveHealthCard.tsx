import { Card } from '@/ui/Card';
import { ChildrenTable } from '@/ui/ChildrenTable';
import { Icon } from '@/ui/Icon';
import { formatBytes } from '@shared/formatBytes';
import { formatDuration } from '@/lib/formatDuration';
import { formatMs } from '@/lib/formatNumber';
import { useSupervisorStore } from './useSupervisorStore';
import { Metric } from './Metric';
import { useLiveDiagnostics } from './useLiveDiagnostics';

/** Hearth's memory, how quickly it responds, work in progress and its helper programs, every second while on. */
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
    <Card title="Live status" actions={toggle} className="card--wide" testId="diag-live">
      <p className="card__note">
        {live ? (
          <span className="live-dot">Updating every second</span>
        ) : snapshot ? (
          'Paused. Showing the last update.'
        ) : (
          'Start the live view to see how Hearth is doing, updated every second.'
        )}
      </p>
      <dl className="metrics">
        <Metric
          label="Memory in use"
          detail="resident set size"
          value={snapshot ? formatBytes(snapshot.rssBytes) : '—'}
          testId="diag-rss"
        />
        <Metric
          label="Memory for its own data"
          detail="JavaScript heap"
          value={snapshot ? formatBytes(snapshot.heapUsedBytes) : '—'}
          testId="diag-heap"
        />
        <Metric
          label="Delay before it responds"
          detail="event-loop delay"
          value={snapshot ? formatMs(snapshot.eventLoopDelayMs) : '—'}
          testId="diag-loop-delay"
        />
        <Metric
          label="Answers and transfers in progress"
          detail="active streams"
          value={snapshot ? String(snapshot.activeStreams) : '—'}
          testId="diag-streams"
        />
        <Metric
          label="Running for"
          detail="uptime"
          value={snapshot ? formatDuration(snapshot.uptimeMs) : '—'}
          testId="diag-uptime"
        />
      </dl>
      <h3 className="subheading">Helper programs</h3>
      {services.length === 0 ? (
        <p className="empty">None running yet.</p>
      ) : (
        <ChildrenTable services={services} caption="Helper programs in detail" detailed />
      )}
    </Card>
  );
}
