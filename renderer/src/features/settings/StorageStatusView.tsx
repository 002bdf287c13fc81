import { useEffect } from 'react';
import type { StorageStatus } from '@shared/storageSchemas';
import { StateBadge } from '@/ui/StateBadge';
import { formatBytes } from '@shared/formatBytes';
import { useStorageStore } from './useStorageStore';

const OBJECT_KINDS: Record<StorageStatus['objects']['kind'], string> = {
  minio: 'Bundled MinIO',
  'dev-s3': 'Development S3 server',
  custom: 'Custom S3 server command',
  external: 'External S3',
};

function State({ state }: { state: StorageStatus['objects']['state'] }) {
  return state === 'external' ? <span className="badge badge--idle">External</span> : <StateBadge state={state} />;
}

/** What is running now (which may differ from the settings below until the next start) and the disk it uses. */
export function StorageStatusView() {
  const status = useStorageStore((s) => s.status);
  const loading = useStorageStore((s) => s.loading);
  const load = useStorageStore((s) => s.load);
  useEffect(() => {
    void load();
  }, [load]);

  if (!status) return <p className="muted">{loading ? 'Loading…' : 'Not available.'}</p>;
  const { objects, vectors, locations } = status;
  return (
    <div className="storage-status" data-testid="storage-status">
      <dl className="facts">
        <div className="facts__row">
          <dt>Originals</dt>
          <dd>
            <div data-testid="storage-objects-kind" className="storage-status__kind">
              <span className="storage-status__name">{OBJECT_KINDS[objects.kind]}</span> <State state={objects.state} />
            </div>
            <p className="mono">
              {objects.endpoint} · bucket {objects.bucket}
            </p>
            {/* The core's one note says why (the development server instead of MinIO, or why it did not start). */}
            {objects.note && (
              <p
                className={objects.kind === 'minio' || objects.kind === 'external' ? 'muted' : 'storage-status__warn'}
                data-testid="storage-objects-note"
              >
                {objects.note}
              </p>
            )}
          </dd>
        </div>
        <div className="facts__row">
          <dt>Vectors</dt>
          <dd>
            <span className="storage-status__name">{vectors.backend === 'chroma' ? 'Chroma' : 'PostgreSQL'}</span>{' '}
            <State state={vectors.state} />
            <p className="mono">{vectors.endpoint}</p>
            {vectors.note && (
              <p className="muted" data-testid="storage-vectors-note">
                {vectors.note}
              </p>
            )}
          </dd>
        </div>
      </dl>
      <div
        className="table-scroll"
        role="region"
        aria-label="Data locations"
        tabIndex={0}
        data-testid="storage-locations"
      >
        <table className="table">
          <caption className="visually-hidden">Data locations and the disk they use</caption>
          <thead>
            <tr>
              <th scope="col">Data</th>
              <th scope="col">Folder</th>
              <th scope="col" className="numeric">
                Disk used
              </th>
            </tr>
          </thead>
          <tbody>
            {locations.map((location) => (
              <tr key={location.name}>
                <th scope="row">{location.name}</th>
                <td className="path">{location.path}</td>
                <td className="numeric">{formatBytes(location.bytes)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="inline-actions">
        <button type="button" className="button button--small" disabled={loading} onClick={() => void load()}>
          {loading ? 'Refreshing…' : 'Refresh'}
        </button>
      </div>
    </div>
  );
}
