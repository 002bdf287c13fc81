import type { ReactNode } from 'react';
import { useEffect, useId, useRef } from 'react';
import type { LibraryDocument } from '@shared/librarySchemas';
import { ErrorCallout } from '@/ui/ErrorCallout';
import { Icon } from '@/ui/Icon';
import { canRevealOriginals, originalHref, revealOriginal } from '@/ipc/desktop';
import { formatBytes } from '@shared/formatBytes';
import { DocumentStatusBadge } from './DocumentStatusBadge';
import { documentTypeLabel, formatProvenance } from './formatProvenance';
import { formatInteger } from '@/lib/formatNumber';
import type { DocumentDetail as Detail } from './createLibraryStore';
import { useAppInfoStore } from '@/features/home/useAppInfoStore';
import { useLibraryStore } from './libraryStores';
import { MoveToCollection } from './MoveToCollection';
import { AttachmentLinks } from './AttachmentLinks';
import { OcrNotice } from './OcrNotice';
import { VersionHistory } from './VersionHistory';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

function source(d: LibraryDocument): ReactNode {
  if (d.sourcePath) return <span className="path">{d.sourcePath}</span>;
  // An attachment's original came out of its mail, not from a browser.
  return d.attachedTo ? d.attachedTo.replace(/^a/, 'A') : 'Uploaded from a browser';
}

function Facts({ detail }: { detail: Detail }) {
  const d = detail.document;
  const rows: [string, ReactNode][] = [
    ['Status', <DocumentStatusBadge document={d} />],
    ['Type', documentTypeLabel(d.type)],
    ['Size', formatBytes(d.size)],
    ['Passages', formatInteger(d.chunks)],
    ['Collection', d.collection ?? '—'],
    ['Added', dateTime.format(d.createdAt)],
    ['Source', source(d)],
    ['SHA-256', d.sha256 ? <span className="mono">{d.sha256}</span> : '—'],
  ];
  return (
    <dl className="facts library-detail__facts">
      {rows.map(([term, value]) => (
        <div className="facts__row" key={term}>
          <dt>{term}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Open the original with its default app (desktop) or in a new tab (browser); show its file in Finder. */
function OriginalActions({ document: d }: { document: LibraryDocument }) {
  const platform = useAppInfoStore((s) => s.info?.platform);
  // Only an indexed document surely has its original in the object store.
  if (d.status !== 'indexed') return null;
  const finder = platform === 'darwin' ? 'Show in Finder' : 'Show in folder';
  return (
    <p className="library-detail__original" data-testid="library-detail-original">
      <a
        href={originalHref(d.id)}
        target="_blank"
        rel="noopener noreferrer"
        className="button button--small"
        data-testid="library-open-original"
      >
        <Icon name="external" size={14} />
        Open original<span className="visually-hidden"> {d.name}</span>
      </a>
      {canRevealOriginals() && (
        <button
          type="button"
          className="button button--small"
          onClick={() => {
            revealOriginal(d.id);
          }}
          data-testid="library-reveal-original"
        >
          {finder}
          <span className="visually-hidden"> {d.name}</span>
        </button>
      )}
    </p>
  );
}

/** The document chosen in the table: its facts and its first passages with where each comes from. */
export function DocumentDetail({ onDelete }: { onDelete: (document: LibraryDocument) => void }) {
  const detail = useLibraryStore((s) => s.detail);
  const close = useLibraryStore((s) => s.closeDetail);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const headingId = useId();
  const id = detail?.id ?? null;

  // Focus follows the person's choice to the panel; it returns to the row's name when the panel closes.
  useEffect(() => {
    headingRef.current?.focus();
  }, [id]);

  if (!detail) return null;
  const data = detail.data;
  const name = data?.document.name ?? 'Document';

  const closePanel = () => {
    close();
    // The table draws only the rows in view: when the row was scrolled away, the table itself takes focus.
    const row = document.querySelector<HTMLElement>(`[data-testid="library-doc-${detail.id}"] button`);
    (row ?? document.querySelector<HTMLElement>('[data-testid="library-table-scroll"]'))?.focus();
  };

  return (
    <section className="card library-detail" aria-labelledby={headingId} data-testid="library-detail">
      <div className="card__header">
        <h2 id={headingId} className="card__title library-detail__title" tabIndex={-1} ref={headingRef}>
          {name}
        </h2>
        <div className="card__actions">
          {data && (
            <button
              type="button"
              className="button button--small button--danger-quiet"
              onClick={() => {
                onDelete(data.document);
              }}
              data-testid="library-detail-delete"
            >
              <Icon name="trash" size={14} />
              Delete<span className="visually-hidden"> {name}</span>
            </button>
          )}
          <button
            type="button"
            className="button button--small"
            onClick={closePanel}
            data-testid="library-detail-close"
          >
            Close<span className="visually-hidden"> details of {name}</span>
          </button>
        </div>
      </div>
      {detail.error && <ErrorCallout title="Could not open the document" error={detail.error} />}
      {!data && !detail.error && <p className="muted">Loading…</p>}
      {data && (
        <>
          <Facts detail={data} />
          <OriginalActions document={data.document} />
          <MoveToCollection key={`${data.document.id}:${data.document.collection ?? ''}`} document={data.document} />
          {data.document.error && (
            <ErrorCallout title="It could not be indexed" error={data.document.error} testId="library-detail-error" />
          )}
          {data.ocr && <OcrNotice ocr={data.ocr} />}
          <AttachmentLinks detail={data} />
          {data.chunks.length > 0 && (
            <>
              <h3 className="subheading">
                {data.chunks.length < data.document.chunks
                  ? `First ${String(data.chunks.length)} of ${formatInteger(data.document.chunks)} passages`
                  : 'Passages'}
              </h3>
              <ol className="passage-list" data-testid="library-passages">
                {data.chunks.map((chunk) => (
                  <li key={chunk.id} className="passage">
                    <span className="passage__where" data-testid="library-passage-where">
                      {formatProvenance(chunk.provenance)}
                    </span>
                    <p className="passage__text">{chunk.text}</p>
                  </li>
                ))}
              </ol>
            </>
          )}
          <VersionHistory id={data.document.id} stamp={data} />
        </>
      )}
    </section>
  );
}
