import type { Citation } from '@shared/answerSchemas';
import { chipLabel } from './citationParts';
import { useViewerStore } from './useViewerStore';

/** One source as a button: "[2] report.pdf p. 3"; it opens the viewer on the passage. */
export function CitationChip({ citation, testId = 'citation-chip' }: { citation: Citation; testId?: string }) {
  const show = useViewerStore((s) => s.show);
  const label = chipLabel(citation);
  return (
    <button
      type="button"
      className={citation.cited ? 'cite-chip' : 'cite-chip cite-chip--consulted'}
      title={citation.snippet}
      aria-haspopup="dialog"
      onClick={(event) => {
        show(citation, event.currentTarget);
      }}
      data-testid={testId}
      data-n={citation.n}
    >
      <span className="cite-chip__n">[{citation.n}]</span>
      <span className="cite-chip__doc">{label.slice(String(citation.n).length + 3)}</span>
      <span className="visually-hidden">, show the passage</span>
    </button>
  );
}
