import { ErrorCallout } from '@/ui/ErrorCallout';
import { ProgressBar } from '@/ui/ProgressBar';
import { formatBytes } from '@shared/formatBytes';
import { useImportStore } from './useImportStore';

/** Upload progress, then the core's verdict on the file; errors stay until dismissed. */
export function ImportStatus() {
  const { phase, fileName, progress, error, model, cancel, dismiss } = useImportStore();
  const name = fileName ?? 'the file';
  const percent = progress && progress.total > 0 ? (progress.loaded / progress.total) * 100 : null;
  const figures = progress ? `${formatBytes(progress.loaded)} of ${formatBytes(progress.total)}` : 'Starting…';
  const dismissButton = (
    <div className="inline-actions">
      <button type="button" className="button button--small" onClick={dismiss}>
        Dismiss
      </button>
    </div>
  );
  return (
    <div className="import-status" data-testid="import-status">
      <p role="status" className="import-status__line">
        {phase === 'uploading' && `Uploading ${name}…`}
        {phase === 'checking' && `Checking ${name}…`}
        {phase === 'done' && model && `Imported ${model.displayName}.`}
      </p>
      {phase === 'uploading' && (
        <div className="transfer">
          <ProgressBar label={`Uploading ${name}`} percent={percent} valueText={figures} testId="import-progress" />
          <div className="transfer__row">
            <span className="transfer__figures numeric">{figures}</span>
            <button type="button" className="button button--small" onClick={cancel} data-testid="import-cancel">
              Cancel
            </button>
          </div>
        </div>
      )}
      {phase === 'checking' && <ProgressBar label={`Checking ${name}`} percent={null} />}
      {phase === 'failed' && error && (
        <ErrorCallout title={`Could not import ${name}`} error={error} testId="import-error">
          {dismissButton}
        </ErrorCallout>
      )}
    </div>
  );
}
