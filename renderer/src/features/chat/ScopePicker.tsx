import { useId } from 'react';
import { useConversationsStore } from './useConversationsStore';
import { useLibraryStore } from '@/features/library/libraryStores';

const WHOLE_LIBRARY = '';
const NONE: readonly string[] = [];

/** Which documents this conversation searches: the whole library or one collection. */
export function ScopePicker() {
  const id = useId();
  // A stable empty list: a selector returning a fresh [] would re-render forever.
  const collections = useLibraryStore((s) => s.list?.collections) ?? NONE;
  const scope = useConversationsStore((s) => (s.activeId ? (s.conversation?.collection ?? null) : s.draftCollection));
  const setCollection = useConversationsStore((s) => s.setCollection);
  const busy = useConversationsStore((s) => s.turn !== null);
  // A collection that no longer has documents still shows while it is the scope.
  const options = scope && !collections.includes(scope) ? [...collections, scope] : collections;
  return (
    <div className="scope-picker">
      <label htmlFor={id} className="scope-picker__label">
        Search in
      </label>
      <select
        id={id}
        className="text-input scope-picker__select"
        value={scope ?? WHOLE_LIBRARY}
        disabled={busy}
        onChange={(event) => {
          const value = event.target.value;
          void setCollection(value === WHOLE_LIBRARY ? null : value);
        }}
        data-testid="chat-scope"
      >
        <option value={WHOLE_LIBRARY}>Whole library</option>
        {options.map((name) => (
          <option key={name} value={name}>
            {name}
          </option>
        ))}
      </select>
    </div>
  );
}
