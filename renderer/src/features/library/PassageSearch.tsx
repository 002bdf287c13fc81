import type { KeyboardEvent } from 'react';
import { useCallback, useEffect, useId, useRef } from 'react';
import type { SearchMode, SearchPassage } from '@shared/searchSchemas';
import { useViewerStore } from '@/features/chat/useViewerStore';
import { Card } from '@/ui/Card';
import { ErrorCallout } from '@/ui/ErrorCallout';
import { SearchFilters } from './SearchFilters';
import { SearchResultList } from './SearchResultList';
import { orderedPassages, useSearchStore } from './useSearchStore';

/** ⌘F / ⌘K, or Ctrl+F / Ctrl+K. */
function isSearchShortcut(event: globalThis.KeyboardEvent): boolean {
  const key = event.key.toLowerCase();
  return (event.metaKey || event.ctrlKey) && !event.altKey && !event.shiftKey && (key === 'f' || key === 'k');
}

const MODES: { value: SearchMode; label: string }[] = [
  { value: 'hybrid', label: 'Words and meaning' },
  { value: 'keyword', label: 'Words only' },
  { value: 'vector', label: 'Meaning only' },
];

function summary(passages: number, documents: number): string {
  const p = `${String(passages)} ${passages === 1 ? 'passage' : 'passages'}`;
  return `${p} in ${String(documents)} ${documents === 1 ? 'document' : 'documents'}`;
}

/**
 * Search the text of every indexed document (`library.search`): ⌘F or ⌘K (Ctrl elsewhere) focuses the box, the
 * arrow keys choose a passage and Enter opens it in the citation viewer, which gives focus back here on close.
 */
export function PassageSearch() {
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const { query, mode, status, result, error, active } = useSearchStore();
  const { setQuery, setMode, searchNow, move, setActive, clear } = useSearchStore.getState();
  const showViewer = useViewerStore((s) => s.show);
  const listId = `${id}-results`;
  const optionId = useCallback((index: number) => `${id}-hit-${String(index)}`, [id]);
  const passages = orderedPassages(result);
  const hasResults = passages.length > 0;

  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      // Not from behind a modal (the viewer, a confirmation): the box is out of reach there.
      if (!isSearchShortcut(event) || document.querySelector('dialog[open]')) return;
      event.preventDefault();
      inputRef.current?.focus();
      inputRef.current?.select();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
    };
  }, []);

  const open = (passage: SearchPassage) => {
    showViewer(
      {
        chunkId: passage.chunkId,
        documentName: passage.documentName,
        documentType: passage.documentType,
        ...(passage.page !== undefined ? { page: passage.page } : {}),
        ...(passage.lineStart !== undefined ? { lineStart: passage.lineStart } : {}),
        ...(passage.lineEnd !== undefined ? { lineEnd: passage.lineEnd } : {}),
        snippet: passage.text.slice(0, 200),
      },
      inputRef.current,
    );
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      move(event.key === 'ArrowDown' ? 1 : -1);
    } else if (event.key === 'Home' && hasResults && active >= 0) {
      event.preventDefault();
      setActive(0);
    } else if (event.key === 'End' && hasResults && active >= 0) {
      event.preventDefault();
      setActive(passages.length - 1);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const chosen = passages[active];
      // Results of what the box says now (not of an earlier text still on screen while typing).
      if (chosen && result?.query === query.trim()) open(chosen);
      else void searchNow();
    } else if (event.key === 'Escape' && query !== '') {
      event.preventDefault();
      clear();
    }
  };

  return (
    <Card title="Search passages" testId="passage-search">
      <div className="passage-search__box" role="search" aria-label="Search the documents">
        <div className="passage-search__labels">
          <label htmlFor={`${id}-input`}>Words or a question</label>
          <label className="passage-search__mode">
            <span className="visually-hidden">Match by</span>
            <select
              className="select-input"
              value={mode}
              onChange={(event) => {
                setMode(event.target.value as SearchMode);
              }}
              data-testid="passage-search-mode"
            >
              {MODES.map((m) => (
                <option key={m.value} value={m.value}>
                  {m.label}
                </option>
              ))}
            </select>
          </label>
        </div>
        <input
          ref={inputRef}
          id={`${id}-input`}
          className="text-input"
          type="search"
          role="combobox"
          aria-expanded={hasResults}
          aria-controls={hasResults ? listId : undefined}
          aria-autocomplete="list"
          aria-activedescendant={hasResults && active >= 0 ? optionId(active) : undefined}
          aria-describedby={`${id}-hint`}
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
          }}
          onKeyDown={onKeyDown}
          maxLength={500}
          autoComplete="off"
          spellCheck={false}
          data-testid="passage-search-input"
        />
        <SearchFilters />
        <p id={`${id}-hint`} className="card__note">
          ⌘F or Ctrl+F focuses this box; ↑ and ↓ choose a passage, Enter opens it.
        </p>
      </div>
      <p className="passage-search__status" role="status" data-testid="passage-search-status">
        {status === 'loading' && (
          <>
            <span className="spinner" aria-hidden="true" /> Searching…
          </>
        )}
        {status === 'ready' && result && (hasResults ? summary(passages.length, result.documents.length) : '')}
      </p>
      {status === 'idle' && (
        <p className="empty" data-testid="passage-search-empty">
          Find passages by their words or meaning across every indexed document.
        </p>
      )}
      {status === 'error' && error && (
        <ErrorCallout title="Could not search the library" error={error} testId="passage-search-error" />
      )}
      {status === 'ready' && result && !hasResults && (
        <p className="empty" data-testid="passage-search-none">
          No passage matches “{result.query}”.
        </p>
      )}
      {result?.vectorSkipped && hasResults && (
        <p className="card__note" data-testid="passage-search-words-only">
          Matched by words only: {result.vectorSkipped}
        </p>
      )}
      {result?.note && hasResults && (
        <p className="card__note" data-testid="passage-search-note">
          {result.note}
        </p>
      )}
      {result && hasResults && (
        <SearchResultList
          id={listId}
          result={result}
          active={active}
          optionId={optionId}
          onChoose={setActive}
          onOpen={open}
        />
      )}
    </Card>
  );
}
