import { useEffect, useId, useState } from 'react';
import type { StatusCounts } from '@shared/librarySchemas';
import { formatInteger } from '@/lib/formatNumber';
import type { DocumentOrder, DocumentStatus } from './filterDocuments';
import { documentStatusLabel } from './filterDocuments';
import { documentTypeLabel } from './formatProvenance';
import { useLibraryStore } from './libraryStores';

const STATUSES: DocumentStatus[] = ['indexed', 'indexing', 'pending', 'failed'];
/** The types ingestion sniffs (see originalContentType and the parsers). */
export const TYPES = [
  'pdf',
  'docx',
  'pptx',
  'xlsx',
  'ods',
  'odt',
  'rtf',
  'epub',
  'email',
  'zip',
  'image',
  'markdown',
  'html',
  'text',
  'code',
  'csv',
  'json',
];
const ORDERS: { value: string; label: string; order: DocumentOrder }[] = [
  { value: 'added-desc', label: 'Newest first', order: { sort: 'added', direction: 'desc' } },
  { value: 'added-asc', label: 'Oldest first', order: { sort: 'added', direction: 'asc' } },
  { value: 'name-asc', label: 'Name, A to Z', order: { sort: 'name', direction: 'asc' } },
  { value: 'name-desc', label: 'Name, Z to A', order: { sort: 'name', direction: 'desc' } },
  { value: 'size-desc', label: 'Largest first', order: { sort: 'size', direction: 'desc' } },
  { value: 'size-asc', label: 'Smallest first', order: { sort: 'size', direction: 'asc' } },
  { value: 'status-asc', label: 'Status', order: { sort: 'status', direction: 'asc' } },
];
const SEARCH_DELAY_MS = 150;

interface DocumentFiltersProps {
  collections: readonly string[];
  /** Documents per status under the other filters, shown in the status choices. */
  counts: StatusCounts;
}

/** Name search, status (with counts), type, collection and order; the core applies them. */
export function DocumentFilters({ collections, counts }: DocumentFiltersProps) {
  const id = useId();
  const filters = useLibraryStore((s) => s.filters);
  const setFilters = useLibraryStore((s) => s.setFilters);
  const order = useLibraryStore((s) => s.order);
  const setOrder = useLibraryStore((s) => s.setOrder);
  const all = counts.indexed + counts.indexing + counts.pending + counts.failed;
  const [search, setSearch] = useState(filters.search);

  useEffect(() => {
    const timer = setTimeout(() => {
      if (search !== useLibraryStore.getState().filters.search) setFilters({ search });
    }, SEARCH_DELAY_MS);
    return () => {
      clearTimeout(timer);
    };
  }, [search, setFilters]);

  return (
    <div className="library-filters" role="search" aria-label="Filter documents">
      <div className="library-filters__field library-filters__field--grow">
        <label htmlFor={`${id}-search`}>Search by name</label>
        <input
          id={`${id}-search`}
          className="text-input"
          type="search"
          value={search}
          onChange={(event) => {
            setSearch(event.target.value);
          }}
          autoComplete="off"
          spellCheck={false}
          data-testid="library-search"
        />
      </div>
      <div className="library-filters__field">
        <label htmlFor={`${id}-status`}>Status</label>
        <select
          id={`${id}-status`}
          className="select-input"
          value={filters.status}
          onChange={(event) => {
            setFilters({ status: event.target.value as DocumentStatus | '' });
          }}
          data-testid="library-status-filter"
        >
          <option value="">All ({formatInteger(all)})</option>
          {STATUSES.map((status) => (
            <option key={status} value={status}>
              {documentStatusLabel(status)} ({formatInteger(counts[status])})
            </option>
          ))}
        </select>
      </div>
      <div className="library-filters__field">
        <label htmlFor={`${id}-type`}>Type</label>
        <select
          id={`${id}-type`}
          className="select-input"
          value={filters.type}
          onChange={(event) => {
            setFilters({ type: event.target.value });
          }}
          data-testid="library-type-filter"
        >
          <option value="">All</option>
          {TYPES.map((type) => (
            <option key={type} value={type}>
              {documentTypeLabel(type)}
            </option>
          ))}
        </select>
      </div>
      {collections.length > 0 && (
        <div className="library-filters__field">
          <label htmlFor={`${id}-collection`}>Collection</label>
          <select
            id={`${id}-collection`}
            className="select-input"
            value={filters.collection}
            onChange={(event) => {
              setFilters({ collection: event.target.value });
            }}
            data-testid="library-collection-filter"
          >
            <option value="">All</option>
            {collections.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
          </select>
        </div>
      )}
      <div className="library-filters__field">
        <label htmlFor={`${id}-order`}>Order</label>
        <select
          id={`${id}-order`}
          className="select-input"
          value={`${order.sort}-${order.direction}`}
          onChange={(event) => {
            const chosen = ORDERS.find((o) => o.value === event.target.value);
            if (chosen) setOrder(chosen.order);
          }}
          data-testid="library-order"
        >
          {ORDERS.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
