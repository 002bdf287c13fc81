import type { ReactNode } from 'react';
import { useState } from 'react';
import { Card } from '@/ui/Card';
import { formatBytes } from '@shared/formatBytes';
import { formatInteger } from '@/lib/formatNumber';
import { useLibraryStore } from './libraryStores';
import { useLivingLibraryStore } from './useLivingLibraryStore';
import { EraseDialog } from './EraseDialog';
import { ReembedLine } from './ReembedLine';
import { useModelName } from '@/features/models/useModelName';

/** What the library takes on disk, the re-embed state, and erasing a collection or everything. */
export function StorageCard() {
  const storage = useLivingLibraryStore((s) => s.storage);
  const target = useLivingLibraryStore((s) => s.reembed?.target ?? null);
  const erase = useLivingLibraryStore((s) => s.erase);
  const modelName = useModelName();
  const filterCollection = useLibraryStore((s) => s.filters.collection);
  const setFilters = useLibraryStore((s) => s.setFilters);
  const [collection, setCollection] = useState('');
  // undefined: closed; null: everything; a name: that collection.
  const [erasing, setErasing] = useState<string | null | undefined>(undefined);

  if (!storage) {
    return (
      <Card title="Storage" testId="library-storage">
        <p className="muted">Loading…</p>
      </Card>
    );
  }
  const rows: [string, ReactNode, string][] = [
    [
      'Originals',
      `${formatBytes(storage.originals.bytes)} · ${formatInteger(storage.originals.documents)} ${storage.originals.documents === 1 ? 'document' : 'documents'}`,
      'originals',
    ],
    ['Vectors', formatBytes(storage.vectors.bytes), 'vectors'],
    ...storage.vectors.indexes.map((index): [string, ReactNode, string] => [
      // The index's own name is internal; a person knows it by the model that made it.
      'Search index',
      <>
        {modelName(index.model)} · {index.vectors === null ? '—' : formatInteger(index.vectors)} vectors
        {index.active ? (
          <span className="badge badge--ok storage-active">Active</span>
        ) : target && index.model === target.model && index.version === target.version ? (
          <span className="badge badge--busy storage-active">Next, after a re-embed</span>
        ) : (
          <span className="badge badge--idle storage-active">Replaced, removed shortly</span>
        )}
      </>,
      `index-${index.name}`,
    ]),
    ['Keyword index', `${formatInteger(storage.keyword.chunks)} passages`, 'keyword'],
    [
      'Models',
      `${formatBytes(storage.models.bytes)} · ${formatInteger(storage.models.count)} ${storage.models.count === 1 ? 'model' : 'models'}`,
      'models',
    ],
    ['Catalogue', formatBytes(storage.catalogue.bytes), 'catalogue'],
  ];
  const names = storage.collections.map((c) => c.name);
  const chosen = collection || (names.includes(filterCollection) ? filterCollection : (names[0] ?? ''));

  return (
    <Card title="Storage" testId="library-storage">
      <dl className="facts">
        {rows.map(([term, value, key]) => (
          <div className="facts__row" key={key} data-testid={`storage-${key}`}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <ReembedLine />
      <div className="storage-erase">
        {names.length > 0 && (
          <>
            <label htmlFor="storage-erase-collection" className="visually-hidden">
              Collection to erase
            </label>
            <select
              id="storage-erase-collection"
              className="select-input"
              value={chosen}
              onChange={(event) => {
                setCollection(event.target.value);
              }}
              data-testid="storage-erase-collection"
            >
              {names.map((name) => (
                <option key={name} value={name}>
                  {name}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="button button--small button--danger-quiet"
              onClick={() => {
                setErasing(chosen);
              }}
              data-testid="storage-erase-collection-button"
            >
              Erase collection…
            </button>
          </>
        )}
        <button
          type="button"
          className="button button--small button--danger-quiet"
          onClick={() => {
            setErasing(null);
          }}
          data-testid="storage-erase-all"
        >
          Erase all data…
        </button>
      </div>
      {erasing !== undefined && (
        <EraseDialog
          collection={erasing}
          onCancel={() => {
            setErasing(undefined);
          }}
          onConfirm={() => {
            const target = erasing;
            setErasing(undefined);
            setCollection('');
            if (target === null || target === filterCollection) setFilters({ collection: '' });
            void erase(target);
          }}
        />
      )}
    </Card>
  );
}
