import { Card } from '@/ui/Card';
import { BarChart } from './charts/BarChart';
import { LineChart } from './charts/LineChart';
import { SidecarChart } from './charts/SidecarChart';
import { ingestThroughput, speedPoints, ttftHistogram } from './charts/chartData';
import { ExportBundleButton } from './ExportBundleButton';
import { useTelemetry } from './useTelemetry';

/**
 * How fast this computer answers and ingests, from the core's in-memory telemetry (never sent anywhere unless an
 * OTLP endpoint is set in Settings → Privacy): recent generation speed, time to first token, ingestion throughput,
 * and the background services' restarts and memory.
 */
export function PerformanceCard() {
  const view = useTelemetry();
  const recent = view?.recent;
  const throughput = view ? ingestThroughput(view.recent.ingests, view.at) : null;
  return (
    <Card title="Performance" actions={<ExportBundleButton />} className="card--wide" testId="diag-performance">
      <p className="card__note">
        {recent?.otlpEndpoint
          ? `Also exported to ${recent.otlpEndpoint} (Settings → Privacy).`
          : 'Kept in memory on this computer only; nothing is sent anywhere.'}
      </p>
      {!recent ? (
        <p className="empty">Waiting for the core…</p>
      ) : (
        <div className="chart-grid">
          <LineChart
            title="How fast recent answers were written"
            points={speedPoints(recent.generations)}
            unit="tokens/s"
            testId="chart-speed"
          />
          <BarChart
            title="Wait before an answer starts"
            bars={ttftHistogram(recent.generations)}
            unit="answers"
            testId="chart-ttft"
          />
          <BarChart title="Files added per minute" bars={throughput!.files} unit="files" testId="chart-ingest-files" />
          <BarChart title="Data added per minute" bars={throughput!.kilobytes} unit="KB" testId="chart-ingest-bytes" />
          <SidecarChart recent={recent} />
        </div>
      )}
    </Card>
  );
}
