import { useMemo } from 'react';
import { Card } from '@/ui/Card';
import { ProgressBar } from '@/ui/ProgressBar';
import { formatBytes } from '@shared/formatBytes';
import { formatEta } from './formatEta';
import type { IngestSummary } from './ingestRows';
import { orderedRows, summarise } from './ingestRows';
import { useIngestStore } from './libraryStores';
import { FileRow } from './FileRow';
import { UploadItem } from './UploadItem';
import { useEta } from './useEta';

/** Rows drawn at most; a dropped folder of thousands of files would otherwise slow every progress update. */
const MAX_ROWS = 200;

function overallText(s: IngestSummary): string {
  const parts = [`${String(s.done)} of ${String(s.files)} ${s.files === 1 ? 'file' : 'files'} indexed`];
  if (s.failed > 0) parts.push(`${String(s.failed)} failed`);
  if (s.cancelled > 0) parts.push(`${String(s.cancelled)} cancelled`);
  if (s.bytesTotal > 0) parts.push(`${formatBytes(Math.round(s.bytesDone))} of ${formatBytes(s.bytesTotal)}`);
  return parts.join(' · ');
}

/** Files being added: overall progress with its ETA, then one row per file; failures stay until dismissed. */
export function BatchPanel() {
  const rows = useIngestStore((s) => s.rows);
  const uploads = useIngestStore((s) => s.uploads);
  const batches = useIngestStore((s) => s.batches);
  const busy = useIngestStore((s) => s.busy);
  const actions = useIngestStore.getState();
  const ordered = useMemo(() => orderedRows(rows), [rows]);
  const summary = summarise(ordered, uploads, batches);
  const running = summary.active > 0;
  const etaMs = useEta(running, (summary.percent ?? 0) / 100);

  if (ordered.length === 0 && uploads.length === 0) return null;

  const finished = ordered.some((r) => r.stage === 'indexed');
  // Cancelled and nothing left running: the bar stops short of full, and the words say why.
  const stopped = !running && summary.cancelled > 0;
  const text = `${stopped ? 'Stopped: ' : ''}${overallText(summary)}`;
  const shown = Math.max(0, MAX_ROWS - uploads.length);
  const controls = (
    <>
      {running && (
        <button
          type="button"
          className="button button--small"
          onClick={() => void actions.cancelAll()}
          data-testid="library-cancel-all"
        >
          Cancel all
        </button>
      )}
      {finished && (
        <button
          type="button"
          className="button button--small"
          onClick={actions.clearFinished}
          data-testid="library-clear-finished"
        >
          Clear finished
        </button>
      )}
    </>
  );

  return (
    <Card title={running ? 'Adding to the library' : 'Recently added'} actions={controls} testId="library-batch">
      <div className="batch-overall">
        <ProgressBar label="All files" percent={summary.percent} valueText={text} testId="library-overall-progress" />
        <p className="batch-overall__figures numeric" data-testid="library-overall">
          {text}
          {running && <> · {formatEta(etaMs)}</>}
        </p>
        {/* Announced when a file finishes, not on every byte. */}
        <p className="visually-hidden" role="status">
          {running
            ? `${String(summary.done)} of ${String(summary.files)} files indexed.`
            : `${stopped ? '' : 'Done. '}${text}.`}
        </p>
      </div>
      <ul className="file-list" aria-label="Files being added">
        {uploads.slice(0, MAX_ROWS).map((upload) => (
          <UploadItem
            key={upload.id}
            upload={upload}
            onCancel={() => {
              actions.cancelUpload(upload.id);
            }}
            onRetry={() => {
              actions.retryUpload(upload.id);
            }}
            onDismiss={() => {
              actions.dismissUpload(upload.id);
            }}
          />
        ))}
        {ordered.slice(0, shown).map((row) => (
          <FileRow
            key={row.jobId}
            row={row}
            busy={busy.includes(row.jobId)}
            onCancel={() => void actions.cancelJob(row.jobId)}
            onRetry={() => void actions.retry(row.jobId)}
            onDismiss={() => void actions.dismiss(row.jobId)}
          />
        ))}
      </ul>
      {summary.files > MAX_ROWS && (
        <p className="muted file-list__more">And {String(summary.files - MAX_ROWS)} more files.</p>
      )}
    </Card>
  );
}
