import Markdown from 'react-markdown';
import remarkGfm from 'remark-gfm';
import type { Passage } from '@shared/answerSchemas';
import { locationLabel } from '@shared/locationText';

const PLUGINS = [remarkGfm];
/** Remote images would leave the machine (and the CSP refuses them); their alt text stays. */
const DISALLOWED = ['img'];
const TABLE_RULE = /^\|(?:\s*:?-+:?\s*\|)+\s*$/m;

/**
 * The passage itself, for documents whose original is not drawn here (Word, slides, sheets) or as the text under a
 * drawn page. A passage holding a Markdown table (spreadsheets, tables from Word, HTML, slides) is drawn as a table
 * (GitHub-flavoured Markdown, no raw HTML); any other passage stays plain text, as written.
 */
export function PassageTextView({ passage, asMain }: { passage: Passage; asMain: boolean }) {
  const where = locationLabel(passage, { headings: true });
  return (
    <figure className={asMain ? 'passage-text passage-text--main' : 'passage-text'} data-testid="viewer-passage">
      <figcaption className="passage-text__caption">{where || 'The passage'}</figcaption>
      <blockquote className="passage-text__quote">
        {TABLE_RULE.test(passage.text) ? (
          <div className="passage-text__table" data-testid="viewer-passage-table">
            <Markdown remarkPlugins={PLUGINS} disallowedElements={DISALLOWED} unwrapDisallowed>
              {passage.text}
            </Markdown>
          </div>
        ) : (
          <p>{passage.text}</p>
        )}
      </blockquote>
    </figure>
  );
}
