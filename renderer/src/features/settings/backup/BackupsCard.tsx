import { formatBytes } from '@shared/formatBytes';
import type { BackupSummary } from '@shared/backupSchemas';
import { useEffect, useState } from 'react';
import { formatInteger } from '@/lib/formatNumber';
import { Card } from '@/ui/Card';
import { ConfirmDialog } from '@/ui/ConfirmDialog';
import { ProgressBar } from '@/ui/ProgressBar';
import { BackupDestinationForm } from './BackupDestinationForm';
import { useBackupStore } from './useBackupStore';

const PHASES: Record<string, string> = {
  snapshot: 'Taking a snapshot',
  vectors: 'Vectors',
  originals: 'Originals',
  upload: 'Sending',
  verify: 'Checking',
  download: 'Reading',
  apply: 'Restoring',
  reembed: 'Embedding again',
  prune: 'Removing old backups',
};

function contents(backup: BackupSummary): string {
  const c = backup.counts;
  return [
    `${formatInteger(c.documents)} documents`,
    `${formatInteger(c.versions)} versions`,
    `${formatInteger(c.conversations)} conversations`,
    `${formatInteger(c.vectors)} vectors in ${formatInteger(c.indexes)} index${c.indexes === 1 ? '' : 'es'}`,
    `${formatInteger(c.models)} models listed`,
  ].join(', ');
}

/** Settings → Library → Backups: where backups go, the backups there, back up / verify / restore with progress. */
export function BackupsCard() {
  const { config, backups, note, run, load, backUp, verify, restore } = useBackupStore();
  const [restoring, setRestoring] = useState<BackupSummary | null>(null);
  const [key, setKey] = useState('');
  useEffect(() => {
    void load();
  }, [load]);
  if (!config) return null;
  const progress = run?.progress;
  const percent = progress && progress.total > 0 ? (100 * progress.done) / progress.total : null;

  return (
    <Card title="Backups" testId="backups-card">
      <BackupDestinationForm config={config} />
      <div className="backup-actions">
        <button
          type="button"
          className="button button--primary"
          disabled={run !== null || !config.destination || !config.hasBackupKey}
          onClick={() => void backUp()}
          data-testid="backup-now"
        >
          Back up now
        </button>
        {run && (
          <button type="button" className="button" onClick={run.cancel} data-testid="backup-cancel">
            Cancel {run.kind}
          </button>
        )}
      </div>
      {run && (
        <div className="backup-progress" data-testid="backup-progress">
          <ProgressBar
            label={`${run.kind} progress`}
            percent={percent}
            valueText={progress ? `${PHASES[progress.phase] ?? progress.phase}: ${progress.message}` : 'Starting'}
          />
          <p>
            {progress ? `${PHASES[progress.phase] ?? progress.phase}: ${progress.message}` : 'Starting…'}
            {progress && progress.uploadedBytes > 0 ? ` · ${formatBytes(progress.uploadedBytes)} sent` : ''}
          </p>
        </div>
      )}
      {note && <p className="setting-row__help">{note}</p>}
      {backups.length > 0 && (
        <table className="table" data-testid="backups-list">
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Size</th>
              <th scope="col">Contents</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {backups.map((backup) => (
              <tr key={backup.id} data-testid="backup-row">
                <td>{new Date(backup.createdAt).toLocaleString()}</td>
                <td className="numeric">{formatBytes(backup.totalBytes)}</td>
                <td>{contents(backup)}</td>
                <td>
                  <button
                    type="button"
                    className="button"
                    disabled={run !== null}
                    onClick={() => void verify(backup.id)}
                    data-testid="backup-verify"
                  >
                    Verify backup
                  </button>{' '}
                  <button
                    type="button"
                    className="button"
                    disabled={run !== null}
                    onClick={() => {
                      setRestoring(backup);
                    }}
                    data-testid="backup-restore"
                  >
                    Restore…
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {restoring && (
        <ConfirmDialog
          title="Restore this backup?"
          confirmLabel="Restore"
          destructive
          onCancel={() => {
            setRestoring(null);
            setKey('');
          }}
          onConfirm={() => {
            const id = restoring.id;
            setRestoring(null);
            void restore(id, key || undefined).then(() => {
              setKey('');
            });
          }}
        >
          <p>
            The backup of {new Date(restoring.createdAt).toLocaleString()} ({contents(restoring)}) goes into this
            library, which must be empty. Every piece is checked first; a damaged backup or a wrong key changes nothing.
          </p>
          <label>
            Backup key (leave empty to use the one saved on this computer){' '}
            <input
              className="text-input"
              type="password"
              autoComplete="off"
              value={key}
              onChange={(event) => {
                setKey(event.target.value);
              }}
              data-testid="backup-restore-key"
            />
          </label>
        </ConfirmDialog>
      )}
    </Card>
  );
}
