import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Citation } from '@shared/answerSchemas';
import { splitCitations } from '@shared/citations';
import { locationLabel } from '@shared/locationText';
import { chipLabel, orderSources } from '@/features/chat/citationParts';
import { AnswerMarkdown } from '@/features/chat/AnswerMarkdown';
import { remarkCitations } from '@/features/chat/remarkCitations';
import { conversationHref, conversationIdFromHash, routeFromHash } from '@/routing/routes';

function citation(n: number, fields: Partial<Citation> = {}): Citation {
  return {
    n,
    chunkId: `c${String(n)}`,
    documentId: 'd1',
    documentName: 'report.pdf',
    documentType: 'pdf',
    snippet: 'text',
    score: 1 / n,
    cited: true,
    ...fields,
  };
}

describe('splitCitations', () => {
  it('splits text and [n] marks in order', () => {
    expect(splitCitations('Rivers flood [1] in spring [2][3].')).toEqual([
      { type: 'text', value: 'Rivers flood ' },
      { type: 'cite', n: 1 },
      { type: 'text', value: ' in spring ' },
      { type: 'cite', n: 2 },
      { type: 'cite', n: 3 },
      { type: 'text', value: '.' },
    ]);
  });

  it('leaves text without marks whole', () => {
    expect(splitCitations('No sources here.')).toEqual([{ type: 'text', value: 'No sources here.' }]);
    expect(splitCitations('')).toEqual([]);
  });

  it('ignores brackets that are not source numbers', () => {
    expect(splitCitations('a [0] b [x] c [1234] d [ 2 ]')).toEqual([
      { type: 'text', value: 'a [0] b [x] c [1234] d [ 2 ]' },
    ]);
  });

  it('splits a group [1, 3] into one citation per number', () => {
    expect(splitCitations('Both [1, 3] and [2,4 ,5].')).toEqual([
      { type: 'text', value: 'Both ' },
      { type: 'cite', n: 1 },
      { type: 'cite', n: 3 },
      { type: 'text', value: ' and ' },
      { type: 'cite', n: 2 },
      { type: 'cite', n: 4 },
      { type: 'cite', n: 5 },
      { type: 'text', value: '.' },
    ]);
    expect(splitCitations('not [1, 0] nor [1,] nor [, 2]')).toEqual([
      { type: 'text', value: 'not [1, 0] nor [1,] nor [, 2]' },
    ]);
  });

  it('handles a mark at the very start and end, and a partial mark while streaming', () => {
    expect(splitCitations('[12]end')).toEqual([
      { type: 'cite', n: 12 },
      { type: 'text', value: 'end' },
    ]);
    expect(splitCitations('so [3')).toEqual([{ type: 'text', value: 'so [3' }]);
  });
});

describe('chip labels', () => {
  it('names the document and where the passage is', () => {
    expect(chipLabel(citation(2, { page: 3 }))).toBe('[2] report.pdf p. 3');
    expect(chipLabel(citation(1, { documentName: 'notes.md', lineStart: 4, lineEnd: 9 }))).toBe(
      '[1] notes.md lines 4–9',
    );
    expect(chipLabel(citation(1, { documentName: 'a.ts', lineStart: 7, lineEnd: 7 }))).toBe('[1] a.ts line 7');
    expect(chipLabel(citation(5, { documentName: 'memo.docx' }))).toBe('[5] memo.docx');
  });

  it('gives an empty location when the citation has none', () => {
    expect(locationLabel({})).toBe('');
    expect(locationLabel({ lineStart: 3 })).toBe('line 3');
  });
});

describe('orderSources', () => {
  it('lists cited sources first and the rest as also consulted, each by number', () => {
    const { cited, consulted } = orderSources([
      citation(3, { cited: false }),
      citation(2),
      citation(1, { cited: false }),
      citation(4),
    ]);
    expect(cited.map((c) => c.n)).toEqual([2, 4]);
    expect(consulted.map((c) => c.n)).toEqual([1, 3]);
  });
});

describe('conversation routes', () => {
  it('opens a conversation from #/chat/<id> and a new one from #/chat', () => {
    expect(routeFromHash('#/chat/abc-123')).toBe('chat');
    expect(conversationIdFromHash('#/chat/abc-123')).toBe('abc-123');
    expect(conversationIdFromHash('#/chat/abc-123/')).toBe('abc-123');
    expect(conversationIdFromHash('#/chat')).toBeNull();
    expect(conversationIdFromHash('#/chat/Not_An_Id')).toBeNull();
    expect(routeFromHash('#/chat/Not_An_Id')).toBe('not-found');
    expect(conversationHref('abc')).toBe('#/chat/abc');
    expect(conversationHref(null)).toBe('#/chat');
  });

  it('knows the quick prompt route', () => {
    expect(routeFromHash('#/quick')).toBe('quick');
  });
});

describe('remarkCitations', () => {
  it('turns [n] in text into citation spans, leaving code and links alone', () => {
    const tree = {
      type: 'root',
      children: [
        { type: 'paragraph', children: [{ type: 'text', value: 'See [2].' }] },
        { type: 'code', value: 'a[1]' },
        { type: 'paragraph', children: [{ type: 'inlineCode', value: 'x[1]' }] },
        { type: 'link', children: [{ type: 'text', value: '[3]' }] },
      ],
    };
    remarkCitations()(tree);
    const paragraph = tree.children[0] as { children: unknown[] };
    expect(paragraph.children).toEqual([
      { type: 'text', value: 'See ' },
      {
        type: 'citation',
        data: { hName: 'span', hProperties: { dataCite: '2' } },
        children: [{ type: 'text', value: '[2]' }],
      },
      { type: 'text', value: '.' },
    ]);
    expect(tree.children[1]).toEqual({ type: 'code', value: 'a[1]' });
    expect(tree.children[2]).toEqual({ type: 'paragraph', children: [{ type: 'inlineCode', value: 'x[1]' }] });
    expect(tree.children[3]).toEqual({ type: 'link', children: [{ type: 'text', value: '[3]' }] });
  });
});

describe('an answer citing [1, 3]', () => {
  it('gets one citation span per source from remarkCitations', () => {
    const tree = {
      type: 'root',
      children: [{ type: 'paragraph', children: [{ type: 'text', value: 'Floods [1, 3].' }] }],
    };
    remarkCitations()(tree);
    const cites = (tree.children[0] as { children: { type: string; data?: { hProperties?: object } }[] }).children
      .filter((c) => c.type === 'citation')
      .map((c) => c.data?.hProperties);
    expect(cites).toEqual([{ dataCite: '1' }, { dataCite: '3' }]);
  });

  it('renders two chips, source 1 and source 3', () => {
    const html = renderToStaticMarkup(
      createElement(AnswerMarkdown, {
        text: 'Rivers flood in spring [1, 3].',
        citations: [
          citation(1, { page: 2 }),
          citation(2),
          citation(3, { documentName: 'notes.md', lineStart: 4, lineEnd: 9 }),
        ],
      }),
    );
    const chips = [...html.matchAll(/<button[^>]*data-testid="citation-chip"[^>]*data-n="(\d+)"/g)].map((m) => m[1]);
    expect(chips).toEqual(['1', '3']);
    expect(html).toContain('report.pdf p. 2');
    expect(html).toContain('notes.md lines 4–9');
    expect(html).not.toContain('[1, 3]');
  });
});
