import type { ReactNode } from 'react';
import type { ErrorData } from '@shared/errors';
import { ERROR_HINTS } from '@shared/errors';
import { ProgressBar } from '@/ui/ProgressBar';
import { formatBytes } from '@shared/formatBytes';
import type { JobRow } from './ingestRows';
import { fileStatus } from './fileStatus';
import { reasonHint } from './ingestOutcome';

const passages = (n: number) => (n === 1 ? '1 passage' : `${String(n)} passages`);

/** The figures under a file's bar: bytes while it is read, passages once it is split. */
function fileFigures(row: JobRow): string {
  if (row.stage === 'admitted' && row.totalBytes > 0) {
    return `${formatBytes(Math.min(row.bytes, row.totalBytes))} of ${formatBytes(row.totalBytes)} read`;
  }
  const parts = [row.totalBytes > 0 ? formatBytes(row.totalBytes) : null, row.chunks > 0 ? passages(row.chunks) : null];
  return parts.filter(Boolean).join(' · ');
}

interface RowFrameProps {
  name: string;
  label: string;
  tone: string;
  testId: string;
  children?: ReactNode;
}

/** The parts every row shares: name, stage in words, and what goes under them. */
export function RowFrame({ name, label, tone, testId, children }: RowFrameProps) {
  return (
    <li className="file-row" data-testid={testId} data-name={name}>
      <div className="file-row__head">
        <span className="file-row__name">{name}</span>
        <span className={`badge badge--${tone}`} data-testid="library-file-stage">
          {label}
        </span>
      </div>
      {children}
    </li>
  );
}

/** Why a file failed: the core's message and what to do about its code. */
export function FileReason({ error }: { error: ErrorData }) {
  return (
    <div className="file-row__reason" data-testid="library-file-error">
      <p className="file-row__message">{error.message}</p>
      {reasonHint(error.code, ERROR_HINTS[error.code]) && (
        <p className="file-row__hint">{reasonHint(error.code, ERROR_HINTS[error.code])}</p>
      )}
    </div>
  );
}

interface FileRowProps {
  row: JobRow;
  busy: boolean;
  onCancel: () => void;
  onRetry: () => void;
  onDismiss: () => void;
}

/** One file of a batch: stage, progress, and Cancel; or its reason with Retry and Dismiss. */
export function FileRow({ row, busy, onCancel, onRetry, onDismiss }: FileRowProps) {
  const status = fileStatus(row);
  const { label } = status;
  const figures = fileFigures(row);
  const hidden = <span className="visually-hidden"> {row.name}</span>;
  return (
    <RowFrame name={row.name} label={label} tone={status.tone} testId="library-file">
      {status.cancellable && (
        <>
          <ProgressBar label={`${row.name}: ${label}`} percent={status.progress * 100} valueText={figures || label} />
          <div className="file-row__foot">
            <span className="file-row__figures numeric">{figures}</span>
            <button type="button" className="button button--small" disabled={busy} onClick={onCancel}>
              Cancel{hidden}
            </button>
          </div>
        </>
      )}
      {status.phase === 'indexed' && (
        <p className="file-row__figures numeric">
          {row.duplicate ? 'The same content is already in the library; it was not added twice.' : figures}
        </p>
      )}
      {status.phase === 'failed' && row.error && <FileReason error={row.error} />}
      {status.phase === 'cancelled' && <p className="file-row__figures">Cancelled before it was indexed.</p>}
      {(status.phase === 'failed' || status.phase === 'cancelled') && (
        <div className="file-row__actions">
          {/* Only where another try can end differently: an empty or unreadable file fails the same way again. */}
          {status.retryable && (
            <button type="button" className="button button--small" disabled={busy} onClick={onRetry}>
              Retry{hidden}
            </button>
          )}
          <button type="button" className="button button--small" disabled={busy} onClick={onDismiss}>
            Dismiss{hidden}
          </button>
        </div>
      )}
    </RowFrame>
  );
}
