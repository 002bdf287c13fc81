import { useEffect, useRef } from 'react';
import type { SearchPassage, SearchResult } from '@shared/searchSchemas';
import { excerpt, markedParts } from './markedParts';

/** Characters of a passage shown in a result. */
const EXCERPT_CHARS = 280;

interface SearchResultListProps {
  id: string;
  result: SearchResult;
  /** Position of the chosen passage in display order; -1 for none. */
  active: number;
  optionId: (index: number) => string;
  onChoose: (index: number) => void;
  onOpen: (passage: SearchPassage, index: number) => void;
}

function MarkedText({ passage }: { passage: SearchPassage }) {
  const shown = excerpt(passage.text, passage.highlights, EXCERPT_CHARS);
  return (
    <>
      {markedParts(shown.text, shown.highlights).map((part, i) =>
        part.marked ? <mark key={i}>{part.text}</mark> : part.text,
      )}
    </>
  );
}

/**
 * The passages found, grouped by document, as a listbox the search box drives (aria-activedescendant): the arrow
 * keys choose, Enter or a click opens the passage in the viewer.
 */
export function SearchResultList({ id, result, active, optionId, onChoose, onOpen }: SearchResultListProps) {
  const activeRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    activeRef.current?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  let index = 0;
  return (
    <div id={id} role="listbox" aria-label="Passages found" className="search-results" data-testid="search-results">
      {result.documents.map((doc) => {
        const count = doc.passageIndexes.length;
        return (
          <div
            key={doc.documentId}
            role="group"
            aria-label={`${doc.documentName}, ${String(count)} ${count === 1 ? 'passage' : 'passages'}`}
            className="search-group"
            data-testid="search-group"
            data-name={doc.documentName}
          >
            {/* The group's name is its aria-label; this is the same for the eye. */}
            <div className="search-group__title" aria-hidden="true">
              {doc.documentName}
            </div>
            {doc.passageIndexes.map((i) => {
              const passage = result.passages[i];
              if (!passage) return null;
              const position = index++;
              const chosen = position === active;
              return (
                <div
                  key={passage.chunkId}
                  id={optionId(position)}
                  ref={chosen ? activeRef : undefined}
                  role="option"
                  aria-selected={chosen}
                  className={chosen ? 'search-hit is-active' : 'search-hit'}
                  onMouseDown={(event) => {
                    // Keeps focus in the search box, which drives the list.
                    event.preventDefault();
                  }}
                  onClick={() => {
                    onChoose(position);
                    onOpen(passage, position);
                  }}
                  data-testid="search-result"
                  data-chunk-id={passage.chunkId}
                >
                  {passage.location && <span className="search-hit__where">{passage.location}</span>}
                  <span className="search-hit__text">
                    <MarkedText passage={passage} />
                  </span>
                </div>
              );
            })}
          </div>
        );
      })}
    </div>
  );
}
