import { useEffect, useState } from 'react';
import type { z } from 'zod';
import type { ErrorData } from '@shared/errors';
import type { DocumentVersionSchema } from '@shared/livingLibrarySchemas';
import { ErrorCallout } from '@/ui/ErrorCallout';
import { connection } from '@/ipc/client';
import { formatBytes } from '@shared/formatBytes';
import { NOT_CONNECTED } from '@/store/reportError';

type Version = z.infer<typeof DocumentVersionSchema>;

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const ORIGIN: Record<Version['origin'], string> = {
  ingest: 'Added',
  disk: 'File changed on disk',
  bucket: 'Object replaced in storage',
};
const STATUS: Record<Version['status'], { label: string; tone: string }> = {
  pending: { label: 'Waiting', tone: 'idle' },
  embedding: { label: 'Embedding', tone: 'busy' },
  current: { label: 'Current', tone: 'ok' },
  superseded: { label: 'Superseded', tone: 'idle' },
};

/** A document's versions, newest first; reloaded when the document changes (`stamp`). */
export function VersionHistory({ id, stamp }: { id: string; stamp: unknown }) {
  const [versions, setVersions] = useState<readonly Version[] | null>(null);
  const [error, setError] = useState<ErrorData | null>(null);

  useEffect(() => {
    let live = true;
    const api = connection.current();
    const request = api ? api.library.versions({ id }) : Promise.resolve({ ok: false as const, error: NOT_CONNECTED });
    void request.then((result) => {
      if (!live) return;
      if (result.ok) {
        setVersions(result.value.versions);
        setError(null);
      } else setError(result.error);
    });
    return () => {
      live = false;
    };
  }, [id, stamp]);

  return (
    <>
      <h3 className="subheading">Version history</h3>
      {error && <ErrorCallout title="Could not load its versions" error={error} />}
      {!error && versions === null && <p className="muted">Loading…</p>}
      {versions && (
        <div className="table-scroll" role="region" aria-label="Version history" tabIndex={0}>
          <table className="table library-versions" data-testid="library-versions">
            <thead>
              <tr>
                <th scope="col">Version</th>
                <th scope="col">Date</th>
                <th scope="col" className="library-table__num">
                  Size
                </th>
                <th scope="col">Origin</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {versions.map((v) => (
                <tr key={v.version} data-testid="library-version">
                  <th scope="row">{v.version}</th>
                  <td>{dateTime.format(v.createdAt)}</td>
                  <td className="library-table__num">{formatBytes(v.size)}</td>
                  <td>{ORIGIN[v.origin]}</td>
                  <td>
                    <span className={`badge badge--${STATUS[v.status].tone}`}>{STATUS[v.status].label}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
