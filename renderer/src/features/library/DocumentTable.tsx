import type { KeyboardEvent } from 'react';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import type { LibraryDocument } from '@shared/librarySchemas';
import { Icon } from '@/ui/Icon';
import { formatBytes } from '@shared/formatBytes';
import { DocumentStatusBadge } from './DocumentStatusBadge';
import { documentTypeLabel } from './formatProvenance';
import { formatInteger } from '@/lib/formatNumber';
import { useWindowedRows } from './useWindowedRows';

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const COLUMNS = 8;
/** Ask for the next page while this many screens of loaded rows are still below the view. */
const PREFETCH_SCREENS = 2;

interface DocumentTableProps {
  /** The rows loaded so far, in order. */
  documents: readonly LibraryDocument[];
  /** Rows matching the filters, loaded or not (for assistive technology's "row n of m"). */
  total: number;
  selectedId: string | null;
  deleting: readonly string[];
  onOpen: (document: LibraryDocument) => void;
  onDelete: (document: LibraryDocument) => void;
  /** Called when the view nears the last loaded row; the caller loads the next page if there is one. */
  onNearEnd: () => void;
}

/** Where arrow keys move focus from a row: the same button in another row. */
function targetIndex(key: string, from: number, count: number, pageRows: number): number | null {
  switch (key) {
    case 'ArrowDown':
      return Math.min(count - 1, from + 1);
    case 'ArrowUp':
      return Math.max(0, from - 1);
    case 'PageDown':
      return Math.min(count - 1, from + pageRows);
    case 'PageUp':
      return Math.max(0, from - pageRows);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

/**
 * The documents as a table that draws only the rows in view (a library of 10,000 keeps a few dozen rows in the
 * DOM). Arrow keys, Page Up/Down, Home and End move between rows, scrolling drawn rows in; scrolls sideways on
 * narrow screens.
 */
export function DocumentTable(props: DocumentTableProps) {
  const { documents, total, selectedId, deleting, onOpen, onDelete, onNearEnd } = props;
  const scrollRef = useRef<HTMLDivElement>(null);
  const rows = useWindowedRows({ count: documents.length, scrollRef });
  const [focusTarget, setFocusTarget] = useState<{ index: number; testId: string } | null>(null);
  const pageRows = rows.visibleRows;

  useEffect(() => {
    if (documents.length - rows.end < pageRows * PREFETCH_SCREENS) onNearEnd();
  }, [documents.length, rows.end, pageRows, onNearEnd]);

  // Once the target row is drawn, focus moves into it.
  useLayoutEffect(() => {
    if (!focusTarget) return;
    const row = scrollRef.current?.querySelector(`tr[data-index="${String(focusTarget.index)}"]`);
    const button = row?.querySelector<HTMLElement>(`[data-testid="${focusTarget.testId}"]`);
    if (!button) return;
    button.focus();
    setFocusTarget(null);
  }, [focusTarget, rows.start, rows.end]);

  const onKeyDown = (event: KeyboardEvent<HTMLTableSectionElement>): void => {
    const active = event.target as HTMLElement;
    const from = Number(active.closest('tr')?.dataset['index']);
    const testId = active.dataset['testid'];
    if (!Number.isInteger(from) || !testId) return;
    const to = targetIndex(event.key, from, documents.length, pageRows);
    if (to === null || to === from) return;
    event.preventDefault();
    const el = scrollRef.current;
    if (el) {
      const top = rows.headHeight + to * rows.rowHeight;
      if (top < el.scrollTop + rows.headHeight) el.scrollTop = top - rows.headHeight;
      else if (top + rows.rowHeight > el.scrollTop + el.clientHeight)
        el.scrollTop = top + rows.rowHeight - el.clientHeight;
    }
    setFocusTarget({ index: to, testId });
  };

  return (
    <div
      className="table-scroll library-table-scroll"
      role="region"
      aria-label="Document list"
      tabIndex={0}
      ref={scrollRef}
      data-testid="library-table-scroll"
    >
      <table className="table library-table" aria-rowcount={total + 1}>
        <caption className="visually-hidden">
          Documents in the library; choose a name to see its details. Arrow keys move between rows.
        </caption>
        <thead>
          <tr aria-rowindex={1}>
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
        <tbody onKeyDown={onKeyDown}>
          {rows.padTop > 0 && (
            <tr aria-hidden="true" className="library-table__spacer">
              <td colSpan={COLUMNS} style={{ height: rows.padTop }} />
            </tr>
          )}
          {documents.slice(rows.start, rows.end).map((d, offset) => (
            <tr
              key={d.id}
              className={d.id === selectedId ? 'library-table__row is-selected' : 'library-table__row'}
              data-testid={`library-doc-${d.id}`}
              data-name={d.name}
              data-index={rows.start + offset}
              aria-rowindex={rows.start + offset + 2}
            >
              <th scope="row" className="library-table__name">
                <button
                  type="button"
                  className="link-button"
                  aria-current={d.id === selectedId ? 'true' : undefined}
                  onClick={() => {
                    onOpen(d);
                  }}
                  title={d.name}
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
                <DocumentStatusBadge document={d} testId="library-doc-status" />
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
          {rows.padBottom > 0 && (
            <tr aria-hidden="true" className="library-table__spacer">
              <td colSpan={COLUMNS} style={{ height: rows.padBottom }} />
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
