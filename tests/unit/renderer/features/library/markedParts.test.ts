import { describe, expect, it } from 'vitest';
import { excerpt, markedParts } from '@/features/library/markedParts';

describe('markedParts', () => {
  it('splits the text into plain and marked runs at the highlight ranges', () => {
    expect(
      markedParts('the copper lantern shines', [
        { start: 4, end: 10 },
        { start: 11, end: 18 },
      ]),
    ).toEqual([
      { text: 'the ', marked: false },
      { text: 'copper', marked: true },
      { text: ' ', marked: false },
      { text: 'lantern', marked: true },
      { text: ' shines', marked: false },
    ]);
  });

  it('tolerates overlapping, out-of-order and out-of-range ranges without losing text', () => {
    const text = 'abcdef';
    const parts = markedParts(text, [
      { start: 1, end: 3 },
      { start: 2, end: 4 },
      { start: 0, end: 1 },
      { start: 5, end: 99 },
    ]);
    expect(parts.map((p) => p.text).join('')).toBe(text);
    expect(parts.filter((p) => p.marked).map((p) => p.text)).toEqual(['bc', 'd', 'f']);
    expect(markedParts('', [{ start: 0, end: 3 }])).toEqual([]);
  });
});

describe('excerpt', () => {
  it('keeps a short passage whole', () => {
    expect(excerpt('short text', [{ start: 0, end: 5 }], 50)).toEqual({
      text: 'short text',
      highlights: [{ start: 0, end: 5 }],
    });
  });

  it('shows a long passage around its first match, with its marks moved to the cut text', () => {
    const text = `${'lorem ipsum '.repeat(40)}the copper lantern ${'dolor sit '.repeat(40)}`;
    const start = text.indexOf('copper');
    const cut = excerpt(text, [{ start, end: start + 6 }], 80);
    expect(cut.text.startsWith('…')).toBe(true);
    expect(cut.text.endsWith('…')).toBe(true);
    expect(cut.text.length).toBeLessThanOrEqual(82);
    const [mark] = cut.highlights;
    expect(cut.text.slice(mark!.start, mark!.end)).toBe('copper');
  });
});
