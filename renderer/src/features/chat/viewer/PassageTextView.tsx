import type { Passage } from '@shared/answerSchemas';

/** The passage itself, for documents whose original is not drawn here (Word) or as the text under a drawn page. */
export function PassageTextView({ passage, asMain }: { passage: Passage; asMain: boolean }) {
  return (
    <figure className={asMain ? 'passage-text passage-text--main' : 'passage-text'} data-testid="viewer-passage">
      <figcaption className="passage-text__caption">
        {passage.headingPath && passage.headingPath.length > 0 ? passage.headingPath.join(' › ') : 'The passage'}
      </figcaption>
      <blockquote className="passage-text__quote">
        <p>{passage.text}</p>
      </blockquote>
    </figure>
  );
}
