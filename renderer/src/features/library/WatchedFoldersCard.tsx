import type { FormEvent } from 'react';
import { useId, useState } from 'react';
import type { ErrorData } from '@shared/errors';
import type { WatchedFolder } from '@shared/livingLibrarySchemas';
import { Card } from '@/ui/Card';
import { ConfirmDialog } from '@/ui/ConfirmDialog';
import { ErrorCallout } from '@/ui/ErrorCallout';
import { formatInteger } from '@/lib/formatNumber';
import { PartOffCallout } from '@/features/diagnostics/PartOffCallout';
import { useAppInfoStore } from '@/features/home/useAppInfoStore';
import { useLivingLibraryStore } from './useLivingLibraryStore';

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

const STATE: Record<WatchedFolder['state'], { label: string; tone: string }> = {
  watching: { label: 'Watching', tone: 'ok' },
  polling: { label: 'Polling', tone: 'ok' },
  scanning: { label: 'Scanning', tone: 'busy' },
  paused: { label: 'Paused', tone: 'idle' },
  missing: { label: 'Missing', tone: 'bad' },
};

function AddFolderForm() {
  const id = useId();
  const info = useAppInfoStore((s) => s.info);
  const add = useLivingLibraryStore((s) => s.addFolder);
  const collections = useLivingLibraryStore((s) => s.collections);
  const [path, setPath] = useState('');
  const [collection, setCollection] = useState('');
  const [error, setError] = useState<ErrorData | null>(null);
  const [adding, setAdding] = useState(false);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setAdding(true);
    const failure = await add(path.trim(), collection.trim() || null);
    setAdding(false);
    setError(failure);
    if (!failure) setPath('');
  };
  if (info && !info.localPaths) {
    return (
      <p className="field-help" data-testid="watch-remote">
        Folders can be watched only from the computer Hearth runs on: open Hearth there, or a browser on that computer.
        From here, drop files on this window to add them.
      </p>
    );
  }
  return (
    <form className="watch-form" onSubmit={(event) => void submit(event)} data-testid="watch-add-form">
      <div className="library-filters__field library-filters__field--grow">
        <label htmlFor={`${id}-path`}>Folder on this computer</label>
        <input
          id={`${id}-path`}
          className="text-input"
          value={path}
          placeholder="/Users/me/Documents/Notes"
          spellCheck={false}
          autoComplete="off"
          onChange={(event) => {
            setPath(event.target.value);
          }}
          aria-describedby={`${id}-help`}
          data-testid="watch-path"
        />
      </div>
      <div className="library-filters__field">
        <label htmlFor={`${id}-collection`}>Into collection (optional)</label>
        <input
          id={`${id}-collection`}
          className="text-input"
          list={`${id}-collections`}
          value={collection}
          maxLength={200}
          onChange={(event) => {
            setCollection(event.target.value);
          }}
          data-testid="watch-collection"
        />
        <datalist id={`${id}-collections`}>
          {collections?.map((c) => (
            <option key={c.name} value={c.name} />
          ))}
        </datalist>
      </div>
      <button
        type="submit"
        className="button button--small button--primary"
        disabled={adding || path.trim() === ''}
        data-testid="watch-add"
      >
        Watch folder
      </button>
      <p id={`${id}-help`} className="field-help watch-form__help">
        New files are added, edited files become new versions and deleted files leave the library, also after changes
        made while Hearth was closed.
      </p>
      {error && (
        <div className="watch-form__error">
          <ErrorCallout
            title={
              error.code === 'PERMISSION_DENIED' ? 'Add folders from the Hearth app' : 'Could not watch the folder'
            }
            error={error}
            testId="watch-add-error"
          />
        </div>
      )}
    </form>
  );
}

function FolderRow({ folder, onRemove }: { folder: WatchedFolder; onRemove: (f: WatchedFolder) => void }) {
  const busy = useLivingLibraryStore((s) => s.busy.includes(folder.id));
  const pause = useLivingLibraryStore((s) => s.pauseFolder);
  const resume = useLivingLibraryStore((s) => s.resumeFolder);
  const state = STATE[folder.state];
  return (
    <li className="living-list__item" data-testid="watch-row" data-path={folder.path}>
      <div className="living-list__main">
        <span className="path living-list__name">{folder.path}</span>
        <span className={`badge badge--${state.tone}`} data-testid="watch-state">
          {state.label}
        </span>
        <span className="muted">
          {formatInteger(folder.documents)} {folder.documents === 1 ? 'document' : 'documents'}
          {folder.collection ? ` · into ${folder.collection}` : ''} · last scan{' '}
          {folder.lastScanAt ? dateTime.format(folder.lastScanAt) : 'not yet'}
        </span>
        {folder.note && (
          <span className="field-help" data-testid="watch-note">
            {folder.note}
          </span>
        )}
      </div>
      <div className="living-list__actions">
        <button
          type="button"
          className="button button--small"
          disabled={busy}
          onClick={() => void (folder.paused ? resume(folder) : pause(folder))}
          data-testid={folder.paused ? 'watch-resume' : 'watch-pause'}
        >
          {folder.paused ? 'Resume' : 'Pause'}
          <span className="visually-hidden"> {folder.path}</span>
        </button>
        <button
          type="button"
          className="button button--small button--danger-quiet"
          disabled={busy}
          onClick={() => {
            onRemove(folder);
          }}
          data-testid="watch-remove"
        >
          Remove<span className="visually-hidden"> {folder.path}</span>
        </button>
      </div>
    </li>
  );
}

/** Folders the library follows, with their state; add, pause or resume, and remove. */
export function WatchedFoldersCard() {
  const folders = useLivingLibraryStore((s) => s.folders);
  const remove = useLivingLibraryStore((s) => s.removeFolder);
  const [removing, setRemoving] = useState<WatchedFolder | null>(null);
  const [withDocuments, setWithDocuments] = useState(false);
  const checkboxId = useId();
  return (
    <Card title="Watched folders" testId="library-watched">
      <PartOffCallout name="living-library" />
      {folders === null && <p className="muted">Loading…</p>}
      {folders?.length === 0 && <p className="empty">No folder is watched.</p>}
      {folders && folders.length > 0 && (
        <ul className="living-list" data-testid="watch-list">
          {folders.map((f) => (
            <FolderRow
              key={f.id}
              folder={f}
              onRemove={(folder) => {
                setWithDocuments(false);
                setRemoving(folder);
              }}
            />
          ))}
        </ul>
      )}
      <AddFolderForm />
      {removing && (
        <ConfirmDialog
          title="Stop watching this folder?"
          confirmLabel="Stop watching"
          destructive
          onCancel={() => {
            setRemoving(null);
          }}
          onConfirm={() => {
            const target = removing;
            setRemoving(null);
            void remove(target, withDocuments);
          }}
        >
          <p className="path">{removing.path}</p>
          <p>
            {withDocuments
              ? 'The documents of its files are deleted from the library too. The files on disk stay.'
              : 'Its documents stay in the library but no longer follow the files.'}
          </p>
          <p className="checkbox-row">
            <input
              id={checkboxId}
              type="checkbox"
              checked={withDocuments}
              onChange={(event) => {
                setWithDocuments(event.target.checked);
              }}
              data-testid="watch-remove-documents"
            />
            <label htmlFor={checkboxId}>Also delete its documents</label>
          </p>
        </ConfirmDialog>
      )}
    </Card>
  );
}
