import type { BackupConfig } from '@shared/backupSchemas';
import { useId, useState } from 'react';
import { useBackupStore } from './useBackupStore';

/** Where backups go (a folder or an S3 bucket), its secret key, the backup key and how many to keep. */
export function BackupDestinationForm({ config }: { config: BackupConfig }) {
  const configure = useBackupStore((s) => s.configure);
  const current = config.destination;
  const [kind, setKind] = useState<'folder' | 's3'>(current?.kind ?? 'folder');
  const [path, setPath] = useState(current?.kind === 'folder' ? current.path : '');
  const [endpoint, setEndpoint] = useState(current?.kind === 's3' ? current.endpoint : '');
  const [region, setRegion] = useState(current?.kind === 's3' ? current.region : 'us-east-1');
  const [bucket, setBucket] = useState(current?.kind === 's3' ? current.bucket : '');
  const [accessKeyId, setAccessKeyId] = useState(current?.kind === 's3' ? current.accessKeyId : '');
  const [secretKey, setSecretKey] = useState('');
  const [backupKey, setBackupKey] = useState('');
  const [keep, setKeep] = useState(String(config.keep));
  const [everyHours, setEveryHours] = useState(String(config.everyHours));
  const id = useId();

  const save = async () => {
    const destination =
      kind === 'folder'
        ? { kind, path: path.trim() }
        : { kind, endpoint: endpoint.trim(), region, bucket, accessKeyId };
    const saved = await configure({
      destination,
      keep: Number(keep),
      everyHours: Number(everyHours),
      ...(kind === 's3' && secretKey ? { secretKey } : {}),
      ...(backupKey ? { backupKey } : {}),
    });
    if (saved) {
      setSecretKey('');
      setBackupKey('');
    }
  };

  const text = (label: string, value: string, onChange: (v: string) => void, testId: string, type = 'text') => (
    <div className="setting-row">
      <div className="setting-row__label">
        <label htmlFor={`${id}-${testId}`}>{label}</label>
      </div>
      <div className="setting-row__control setting-row__control--wide">
        <input
          id={`${id}-${testId}`}
          className="text-input"
          type={type}
          autoComplete="off"
          value={value}
          onChange={(event) => {
            onChange(event.target.value);
          }}
          data-testid={testId}
        />
      </div>
    </div>
  );

  return (
    <form
      className="backup-destination"
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <fieldset className="setting-row">
        <legend>Back up to</legend>
        {(['folder', 's3'] as const).map((option) => (
          <label key={option}>
            <input
              type="radio"
              name={`${id}-kind`}
              checked={kind === option}
              onChange={() => {
                setKind(option);
              }}
              data-testid={`backup-kind-${option}`}
            />{' '}
            {option === 'folder' ? 'A folder (an external disk)' : 'An S3-compatible bucket'}
          </label>
        ))}
      </fieldset>
      {kind === 'folder' ? (
        text('Folder', path, setPath, 'backup-folder')
      ) : (
        <>
          {text('Endpoint', endpoint, setEndpoint, 'backup-endpoint', 'url')}
          {text('Region', region, setRegion, 'backup-region')}
          {text('Bucket', bucket, setBucket, 'backup-bucket')}
          {text('Access key ID', accessKeyId, setAccessKeyId, 'backup-access-key')}
          {text(
            config.hasSecretKey ? 'Secret access key (saved; type to replace)' : 'Secret access key',
            secretKey,
            setSecretKey,
            'backup-secret-key',
            'password',
          )}
        </>
      )}
      {text(
        config.hasBackupKey ? 'Backup key (saved; type to replace)' : 'Backup key (at least 12 characters)',
        backupKey,
        setBackupKey,
        'backup-key',
        'password',
      )}
      <p className="setting-row__help">
        Backups are encrypted with this key on this computer. Write it down: restoring on another computer asks for it.
      </p>
      {text('Backups to keep', keep, setKeep, 'backup-keep', 'number')}
      {text(
        'Back up on its own every (hours; 0: only when asked)',
        everyHours,
        setEveryHours,
        'backup-every',
        'number',
      )}
      <button type="submit" className="button" data-testid="backup-save">
        Save backup settings
      </button>
    </form>
  );
}
