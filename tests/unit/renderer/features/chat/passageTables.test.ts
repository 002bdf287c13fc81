import { describe, expect, it } from 'vitest';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Passage } from '@shared/answerSchemas';
import { describeSource, locationLabel, slideAndSheet } from '@shared/locationText';
import { PassageTextView } from '@/features/chat/viewer/PassageTextView';

function passage(fields: Partial<Passage>): Passage {
  return {
    chunkId: 'c1',
    documentId: 'd1',
    documentName: 'sales.xlsx',
    documentType: 'xlsx',
    text: '',
    originalPath: '/api/originals/d1',
    ...fields,
  };
}

describe('slides and sheets as places', () => {
  it('labels and spells out a slide and a cell range', () => {
    expect(locationLabel({ slide: 3 })).toBe('slide 3');
    expect(locationLabel({ sheet: 'Sales', cells: 'A1:D9' }, { headings: true })).toBe('Sales!A1:D9');
    expect(describeSource('deck.pptx', { slide: 3 })).toBe('deck.pptx, slide 3');
    expect(describeSource('sales.xlsx', { sheet: 'Sales', cells: 'A1:D9' })).toBe('sales.xlsx, cells Sales!A1:D9');
  });

  it('copies only well-typed slide and sheet fields from a stored provenance', () => {
    expect(slideAndSheet({ slide: 2, page: 1 })).toEqual({ slide: 2 });
    expect(slideAndSheet({ sheet: 'S', cells: 'B2:C3', extra: 1 })).toEqual({ sheet: 'S', cells: 'B2:C3' });
    expect(slideAndSheet({ slide: '2', sheet: 4 })).toEqual({});
  });
});

describe('PassageTextView', () => {
  it('draws a passage holding a Markdown table as a table, under its sheet and cells', () => {
    const html = renderToStaticMarkup(
      createElement(PassageTextView, {
        passage: passage({
          sheet: 'Sales',
          cells: 'A1:B3',
          text: '| Region | Revenue |\n| --- | --- |\n| North | 1200 |\n| South \\| East | 900 |',
        }),
        asMain: true,
      }),
    );
    expect(html).toContain('<figcaption class="passage-text__caption">Sales!A1:B3</figcaption>');
    expect(html).toMatch(
      /<table>.*<th>Region<\/th><th>Revenue<\/th>.*<td>North<\/td><td>1200<\/td>.*<td>South \| East<\/td>/s,
    );
  });

  it('keeps other passages as plain text, markup and all, never as HTML', () => {
    const html = renderToStaticMarkup(
      createElement(PassageTextView, {
        passage: passage({ documentType: 'text', text: '# not a heading <b>x</b> | a | b |', headingPath: ['Notes'] }),
        asMain: false,
      }),
    );
    expect(html).not.toContain('<table');
    expect(html).not.toContain('<h1');
    expect(html).toContain('<p># not a heading &lt;b&gt;x&lt;/b&gt; | a | b |</p>');
  });
});
