import { useEffect, useId, useState } from 'react';
import type { DocumentStatus } from './filterDocuments';
import { documentStatusLabel } from './filterDocuments';
import { useLibraryStore } from './libraryStores';

const STATUSES: DocumentStatus[] = ['indexed', 'indexing', 'pending', 'failed'];
const SEARCH_DELAY_MS = 150;

/** Name search, status and (when there are any) collection; applied to the list as it is. */
export function DocumentFilters({ collections }: { collections: readonly string[] }) {
  const id = useId();
  const filters = useLibraryStore((s) => s.filters);
  const setFilters = useLibraryStore((s) => s.setFilters);
  const [search, setSearch] = useState(filters.search);

  useEffect(() => {
    const timer = setTimeout(() => {
      setFilters({ search });
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
          <option value="">All</option>
          {STATUSES.map((status) => (
            <option key={status} value={status}>
              {documentStatusLabel(status)}
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
    </div>
  );
}
