import { ErrorCallout } from '@/ui/ErrorCallout';
import { ProgressBar } from '@/ui/ProgressBar';
import { formatBytes } from '@shared/formatBytes';
import { formatDuration } from '@/lib/formatDuration';
import type { DownloadProgress } from './useDownloadStore';
import { useDownloadStore } from './useDownloadStore';

/** Failures whose message from the core already says what to do (reconnect, check the link, sign in, retry). */
const SAYS_WHAT_TO_DO = new Set<string>(['REMOTE_UNAVAILABLE', 'NOT_FOUND']);

function figures(progress: DownloadProgress | null): { percent: number | null; text: string } {
  if (!progress) return { percent: null, text: 'Connecting…' };
  const { receivedBytes, totalBytes, bytesPerSecond } = progress;
  const speed = `${formatBytes(bytesPerSecond)}/s`;
  if (totalBytes === null || totalBytes <= 0)
    return { percent: null, text: `${formatBytes(receivedBytes)} · ${speed}` };
  // Whole percents, rounded down in the text and the bar alike: 100 % only once every byte is in.
  const percent = Math.floor((receivedBytes / totalBytes) * 100);
  const left =
    bytesPerSecond > 0 ? ` · about ${formatDuration(((totalBytes - receivedBytes) / bytesPerSecond) * 1000)} left` : '';
  return {
    percent,
    text: `${formatBytes(receivedBytes)} of ${formatBytes(totalBytes)} · ${String(percent)} % · ${speed}${left}`,
  };
}

/** The one download in progress (or paused, failed, finished): progress, Cancel, Resume. */
export function DownloadStatus() {
  const { request, phase, progress, error, model, cancel, resume, dismiss } = useDownloadStore();
  if (!request || phase === 'idle') return null;
  const name = request.displayName ?? request.source.split('/').pop() ?? request.source;
  const { percent, text } = figures(progress);
  const checksumMismatch = error?.details?.checksum === true;
  const resumeButton = (
    <button
      type="button"
      className="button button--small button--primary"
      onClick={resume}
      data-testid="download-resume"
    >
      {/* Nothing arrived yet: there is no partial file to resume, only another try. */}
      {progress && progress.receivedBytes > 0 ? 'Resume' : 'Try again'}
    </button>
  );
  const dismissButton = (
    <button type="button" className="button button--small" onClick={dismiss}>
      Dismiss
    </button>
  );
  return (
    <div className="transfer" data-testid="download-status">
      <p role="status" className="transfer__title">
        {phase === 'running' && `Downloading ${name}…`}
        {phase === 'paused' && `Paused: ${name}`}
        {phase === 'done' && `Downloaded ${model?.displayName ?? name}.`}
      </p>
      {(phase === 'running' || phase === 'paused') && (
        <>
          <ProgressBar label={`Downloading ${name}`} percent={percent} valueText={text} testId="download-progress" />
          <div className="transfer__row">
            <span className="transfer__figures numeric">
              {text}
              {progress?.resumed && ' · resumed'}
            </span>
            {phase === 'running' && (
              <button type="button" className="button button--small" onClick={cancel} data-testid="download-cancel">
                Cancel
              </button>
            )}
          </div>
        </>
      )}
      {phase === 'paused' && (
        <>
          <p className="muted">Stopped. The part already downloaded is kept; Resume continues from there.</p>
          <div className="inline-actions">
            {resumeButton}
            {dismissButton}
          </div>
        </>
      )}
      {phase === 'failed' && error && (
        <ErrorCallout
          title={`Could not download ${name}`}
          error={error}
          testId="download-error"
          // A checksum mismatch leaves no partial file to resume, and downloading again gives the same bytes.
          {...(checksumMismatch
            ? { hint: 'Copy the SHA-256 again from where you found the link, then download.' }
            : SAYS_WHAT_TO_DO.has(error.code)
              ? { hint: null }
              : {})}
        >
          <div className="inline-actions">
            {!checksumMismatch && resumeButton}
            {dismissButton}
          </div>
        </ErrorCallout>
      )}
      {phase === 'done' && <div className="inline-actions">{dismissButton}</div>}
    </div>
  );
}
