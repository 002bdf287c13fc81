import { useId, useMemo } from 'react';
import { TYPES } from './DocumentFilters';
import { documentTypeLabel } from './formatProvenance';
import { useLivingLibraryStore } from './useLivingLibraryStore';
import { useSearchStore } from './useSearchStore';

/** Narrows the passage search to one collection and one document type (`library.search` filters). */
export function SearchFilters() {
  const id = useId();
  const collection = useSearchStore((s) => s.collection);
  const type = useSearchStore((s) => s.type);
  const setFilters = useSearchStore((s) => s.setFilters);
  const kept = useLivingLibraryStore((s) => s.collections);
  const collections = useMemo(() => (kept ?? []).map((c) => c.name).sort((a, b) => a.localeCompare(b)), [kept]);
  return (
    <div className="passage-search__filters">
      <div className="library-filters__field">
        <label htmlFor={`${id}-collection`}>In collection</label>
        <select
          id={`${id}-collection`}
          className="select-input"
          value={collection}
          onChange={(event) => {
            setFilters({ collection: event.target.value });
          }}
          data-testid="passage-search-collection"
        >
          <option value="">All collections</option>
          {/* A collection deleted since it was chosen stays listed, so the box never claims a filter it does not apply. */}
          {[...new Set([...collections, ...(collection ? [collection] : [])])].map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </div>
      <div className="library-filters__field">
        <label htmlFor={`${id}-type`}>Type</label>
        <select
          id={`${id}-type`}
          className="select-input"
          value={type}
          onChange={(event) => {
            setFilters({ type: event.target.value });
          }}
          data-testid="passage-search-type"
        >
          <option value="">All types</option>
          {TYPES.map((t) => (
            <option key={t} value={t}>
              {documentTypeLabel(t)}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}
