import type { Citation } from '@shared/answerSchemas';
import { orderSources } from './citationParts';
import { CitationChip } from './CitationChip';

/** Under an answer: the sources it cites, then the passages it was given but did not cite ("also consulted"). */
export function SourcesList({ citations }: { citations: readonly Citation[] }) {
  if (citations.length === 0) return null;
  const { cited, consulted } = orderSources(citations);
  return (
    <div className="answer-sources" data-testid="answer-sources">
      {cited.length > 0 && (
        <div className="answer-sources__group">
          <p className="answer-sources__label">Sources</p>
          <ul className="answer-sources__list">
            {cited.map((c) => (
              <li key={c.n}>
                <CitationChip citation={c} testId="source-chip" />
              </li>
            ))}
          </ul>
        </div>
      )}
      {consulted.length > 0 && (
        <div className="answer-sources__group">
          <p className="answer-sources__label">{cited.length > 0 ? 'Also consulted' : 'Consulted'}</p>
          <ul className="answer-sources__list">
            {consulted.map((c) => (
              <li key={c.n}>
                <CitationChip citation={c} testId="source-chip" />
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
