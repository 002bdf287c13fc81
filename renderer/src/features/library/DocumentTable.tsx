import type { LibraryDocument } from '@shared/librarySchemas';
import { Icon } from '@/ui/Icon';
import { formatBytes } from '@shared/formatBytes';
import { documentStatusLabel, documentStatusTone } from './filterDocuments';
import { documentTypeLabel } from './formatProvenance';
import { formatInteger } from '@/lib/formatNumber';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

interface DocumentTableProps {
  documents: readonly LibraryDocument[];
  selectedId: string | null;
  deleting: readonly string[];
  onOpen: (document: LibraryDocument) => void;
  onDelete: (document: LibraryDocument) => void;
}

/** The documents as a table; scrolls sideways on narrow screens (and is then keyboard-scrollable). */
export function DocumentTable({ documents, selectedId, deleting, onOpen, onDelete }: DocumentTableProps) {
  return (
    <div className="table-scroll" role="region" aria-label="Documents" tabIndex={0}>
      <table className="table library-table">
        <caption className="visually-hidden">Documents in the library; choose a name to see its details.</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Type</th>
            <th scope="col" className="library-table__num">
              Size
            </th>
            <th scope="col" className="library-table__num">
              Passages
            </th>
            <th scope="col">Collection</th>
            <th scope="col">Added</th>
            <th scope="col">Status</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {documents.map((d) => (
            <tr
              key={d.id}
              className={d.id === selectedId ? 'library-table__row is-selected' : 'library-table__row'}
              data-testid={`library-doc-${d.id}`}
              data-name={d.name}
            >
              <th scope="row" className="library-table__name">
                <button
                  type="button"
                  className="link-button"
                  aria-current={d.id === selectedId ? 'true' : undefined}
                  onClick={() => {
                    onOpen(d);
                  }}
                  data-testid="library-doc-open"
                >
                  {d.name}
                </button>
              </th>
              <td>{documentTypeLabel(d.type)}</td>
              <td className="library-table__num numeric">{formatBytes(d.size)}</td>
              <td className="library-table__num numeric">{d.status === 'indexed' ? formatInteger(d.chunks) : '—'}</td>
              <td>{d.collection ?? '—'}</td>
              <td className="numeric">
                <time dateTime={new Date(d.createdAt).toISOString()}>{dateFormat.format(d.createdAt)}</time>
              </td>
              <td>
                <span className={`badge badge--${documentStatusTone(d.status)}`}>{documentStatusLabel(d.status)}</span>
              </td>
              <td className="library-table__actions">
                <button
                  type="button"
                  className="button button--small button--danger-quiet"
                  disabled={deleting.includes(d.id)}
                  onClick={() => {
                    onDelete(d);
                  }}
                  data-testid="library-doc-delete"
                >
                  <Icon name="trash" size={14} />
                  Delete<span className="visually-hidden"> {d.name}</span>
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
