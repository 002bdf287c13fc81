import type { FormEvent } from 'react';
import { useId, useState } from 'react';
import type { Collection } from '@shared/livingLibrarySchemas';
import { Card } from '@/ui/Card';
import { ConfirmDialog } from '@/ui/ConfirmDialog';
import { formatBytes } from '@shared/formatBytes';
import { formatInteger } from '@/lib/formatNumber';
import { useLibraryStore } from './libraryStores';
import { useLivingLibraryStore } from './useLivingLibraryStore';

function RenameForm({ collection, onDone }: { collection: Collection; onDone: () => void }) {
  const id = useId();
  const rename = useLivingLibraryStore((s) => s.renameCollection);
  const [to, setTo] = useState(collection.name);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const name = to.trim();
    if (name && name !== collection.name && !(await rename(collection.name, name))) return;
    onDone();
  };
  return (
    <form className="inline-form" onSubmit={(event) => void submit(event)}>
      <label htmlFor={id} className="visually-hidden">
        New name for {collection.name}
      </label>
      <input
        id={id}
        className="text-input"
        value={to}
        autoFocus
        maxLength={200}
        onChange={(event) => {
          setTo(event.target.value);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape') onDone();
        }}
        data-testid="collection-rename-input"
      />
      <button type="submit" className="button button--small button--primary" data-testid="collection-rename-save">
        Save
      </button>
      <button type="button" className="button button--small" onClick={onDone}>
        Cancel
      </button>
    </form>
  );
}

function CreateForm() {
  const id = useId();
  const create = useLivingLibraryStore((s) => s.createCollection);
  const [name, setName] = useState('');
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (trimmed && (await create(trimmed))) setName('');
  };
  return (
    <form className="inline-form" onSubmit={(event) => void submit(event)}>
      <label htmlFor={id}>New collection</label>
      <input
        id={id}
        className="text-input"
        value={name}
        maxLength={200}
        onChange={(event) => {
          setName(event.target.value);
        }}
        data-testid="collection-create-input"
      />
      <button
        type="submit"
        className="button button--small"
        disabled={name.trim() === ''}
        data-testid="collection-create"
      >
        Create
      </button>
    </form>
  );
}

/** The library's collections with what each holds: create, rename in place, delete (optionally with documents). */
export function CollectionsCard() {
  const collections = useLivingLibraryStore((s) => s.collections);
  const busy = useLivingLibraryStore((s) => s.busy);
  const remove = useLivingLibraryStore((s) => s.deleteCollection);
  const setFilters = useLibraryStore((s) => s.setFilters);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<Collection | null>(null);
  const [withDocuments, setWithDocuments] = useState(false);
  const checkboxId = useId();

  return (
    <Card title="Collections" testId="library-collections">
      {collections === null && <p className="muted">Loading…</p>}
      {collections?.length === 0 && <p className="empty">No collections yet. Group documents to search them apart.</p>}
      {collections && collections.length > 0 && (
        <ul className="living-list" data-testid="collection-list">
          {collections.map((c) => (
            <li key={c.name} className="living-list__item" data-testid="collection-row" data-name={c.name}>
              {renaming === c.name ? (
                <RenameForm
                  collection={c}
                  onDone={() => {
                    setRenaming(null);
                  }}
                />
              ) : (
                <>
                  <div className="living-list__main">
                    <button
                      type="button"
                      className="link-button living-list__name"
                      onClick={() => {
                        setFilters({ collection: c.name });
                      }}
                      aria-label={`Show the documents of ${c.name}`}
                    >
                      {c.name}
                    </button>
                    <span className="muted">
                      {formatInteger(c.documents)} {c.documents === 1 ? 'document' : 'documents'} ·{' '}
                      {formatBytes(c.bytes)}
                    </span>
                  </div>
                  <div className="living-list__actions">
                    <button
                      type="button"
                      className="button button--small"
                      disabled={busy.includes(c.name)}
                      onClick={() => {
                        setRenaming(c.name);
                      }}
                      data-testid="collection-rename"
                    >
                      Rename<span className="visually-hidden"> {c.name}</span>
                    </button>
                    <button
                      type="button"
                      className="button button--small button--danger-quiet"
                      disabled={busy.includes(c.name)}
                      onClick={() => {
                        setWithDocuments(false);
                        setDeleting(c);
                      }}
                      data-testid="collection-delete"
                    >
                      Delete<span className="visually-hidden"> {c.name}</span>
                    </button>
                  </div>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      <CreateForm />
      {deleting && (
        <ConfirmDialog
          title={`Delete the collection ${deleting.name}?`}
          confirmLabel="Delete collection"
          destructive
          onCancel={() => {
            setDeleting(null);
          }}
          onConfirm={() => {
            const target = deleting;
            setDeleting(null);
            if (useLibraryStore.getState().filters.collection === target.name) setFilters({ collection: '' });
            void remove(target.name, withDocuments);
          }}
        >
          <p>
            {withDocuments
              ? `Its ${formatInteger(deleting.documents)} documents are deleted everywhere too.`
              : 'Its documents stay in the library, in no collection.'}
          </p>
          <p className="checkbox-row">
            <input
              id={checkboxId}
              type="checkbox"
              checked={withDocuments}
              onChange={(event) => {
                setWithDocuments(event.target.checked);
              }}
              data-testid="collection-delete-documents"
            />
            <label htmlFor={checkboxId}>Also delete its documents</label>
          </p>
        </ConfirmDialog>
      )}
    </Card>
  );
}
