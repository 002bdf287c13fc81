import type { ComponentPropsWithoutRef } from 'react';
import { memo, useMemo } from 'react';
import type { Components, ExtraProps } from 'react-markdown';
import Markdown from 'react-markdown';
import type { Citation } from '@shared/answerSchemas';
import { CitationChip } from './CitationChip';
import { CodeBlock } from './CodeBlock';
import { remarkCitations } from './remarkCitations';

const PLUGINS = [remarkCitations];
/** Remote images would leave the machine (and the CSP refuses them); their alt text stays. */
const DISALLOWED = ['img'];

function Link({ node: _node, ...props }: ComponentPropsWithoutRef<'a'> & ExtraProps) {
  return <a {...props} target="_blank" rel="noopener noreferrer" />;
}

function components(citations: readonly Citation[] | null): Components {
  const byNumber = new Map((citations ?? []).map((c) => [c.n, c]));
  return {
    pre: CodeBlock,
    a: Link,
    span({ node, ...props }) {
      const n = node?.properties.dataCite;
      if (n === undefined) return <span {...props} />;
      const citation = byNumber.get(Number(n));
      // While streaming (sources not known yet) or for a number with no source: the mark as written.
      return citation ? <CitationChip citation={citation} /> : <span className="cite-mark">[{String(n)}]</span>;
    },
  };
}

/** An answer as Markdown (no raw HTML), its `[n]` marks drawn as citation chips. */
export const AnswerMarkdown = memo(function AnswerMarkdown({
  text,
  citations,
}: {
  text: string;
  citations: readonly Citation[] | null;
}) {
  const parts = useMemo(() => components(citations), [citations]);
  return (
    <div className="answer-md">
      <Markdown remarkPlugins={PLUGINS} components={parts} disallowedElements={DISALLOWED} unwrapDisallowed>
        {text}
      </Markdown>
    </div>
  );
});
