import type { FormEvent } from 'react';
import { useId, useState } from 'react';
import type { LibraryDocument } from '@shared/librarySchemas';
import { useLivingLibraryStore } from './useLivingLibraryStore';

const NONE = '\u0000none';
const NEW = '\u0000new';

/** Puts the document into a collection (a new name creates it), or out of any. */
export function MoveToCollection({ document }: { document: LibraryDocument }) {
  const id = useId();
  const collections = useLivingLibraryStore((s) => s.collections);
  const moving = useLivingLibraryStore((s) => s.busy.includes('move'));
  const move = useLivingLibraryStore((s) => s.move);
  const [target, setTarget] = useState(document.collection ?? NONE);
  const [newName, setNewName] = useState('');
  const chosen = target === NEW ? newName.trim() : target === NONE ? null : target;
  const unchanged = chosen === document.collection || (target === NEW && chosen === '');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (unchanged) return;
    if (await move([document.id], chosen)) setNewName('');
  };

  return (
    <form className="inline-form library-move" onSubmit={(event) => void submit(event)} data-testid="library-move">
      <label htmlFor={`${id}-target`}>Move to collection</label>
      <select
        id={`${id}-target`}
        className="select-input"
        value={target}
        onChange={(event) => {
          setTarget(event.target.value);
        }}
        data-testid="library-move-target"
      >
        <option value={NONE}>No collection</option>
        {collections?.map((c) => (
          <option key={c.name} value={c.name}>
            {c.name}
          </option>
        ))}
        <option value={NEW}>New collection…</option>
      </select>
      {target === NEW && (
        <>
          <label htmlFor={`${id}-new`} className="visually-hidden">
            Name of the new collection
          </label>
          <input
            id={`${id}-new`}
            className="text-input"
            value={newName}
            maxLength={200}
            placeholder="Name"
            onChange={(event) => {
              setNewName(event.target.value);
            }}
            data-testid="library-move-new"
          />
        </>
      )}
      <button
        type="submit"
        className="button button--small"
        disabled={moving || unchanged}
        data-testid="library-move-submit"
      >
        Move
      </button>
    </form>
  );
}
