import { ProgressBar } from '@/ui/ProgressBar';
import { formatBytes } from '@shared/formatBytes';
import type { UploadRow } from './createIngestStore';
import { FileReason, RowFrame } from './FileRow';

const LABELS: Record<UploadRow['phase'], string> = {
  waiting: 'Waiting to upload',
  uploading: 'Uploading',
  starting: 'Starting',
  failed: 'Failed',
};

interface UploadItemProps {
  upload: UploadRow;
  onCancel: () => void;
  onRetry: () => void;
  onDismiss: () => void;
}

/** A file before it has an ingestion job: being uploaded (browser), handed to the core, or refused. */
export function UploadItem({ upload, onCancel, onRetry, onDismiss }: UploadItemProps) {
  const { name, phase, size, loaded, error } = upload;
  const label = LABELS[phase];
  const hidden = <span className="visually-hidden"> {name}</span>;
  const figures = size > 0 ? `${formatBytes(Math.min(loaded, size))} of ${formatBytes(size)} uploaded` : '';
  return (
    <RowFrame name={name} label={label} tone={phase === 'failed' ? 'bad' : 'busy'} testId="library-file">
      {phase !== 'failed' && (
        <>
          <ProgressBar
            label={`${name}: ${label}`}
            percent={phase === 'uploading' && size > 0 ? (loaded / size) * 100 : phase === 'waiting' ? 0 : null}
            valueText={figures || label}
          />
          <div className="file-row__foot">
            <span className="file-row__figures numeric">{phase === 'uploading' ? figures : ''}</span>
            {phase !== 'starting' && (
              <button type="button" className="button button--small" onClick={onCancel}>
                Cancel{hidden}
              </button>
            )}
          </div>
        </>
      )}
      {phase === 'failed' && error && (
        <>
          <FileReason error={error} />
          <div className="file-row__actions">
            <button type="button" className="button button--small" onClick={onRetry}>
              Retry{hidden}
            </button>
            <button type="button" className="button button--small" onClick={onDismiss}>
              Dismiss{hidden}
            </button>
          </div>
        </>
      )}
    </RowFrame>
  );
}
