import { describe, expect, it } from 'vitest';
import { highlightRanges } from '../../../../electron/core/agents/retrieval/highlightRanges';

/** The marked words, as a reader sees them. */
function marked(text: string, query: string): string[] {
  return highlightRanges(text, query).map((r) => text.slice(r.start, r.end));
}

describe('highlightRanges', () => {
  it('marks whole words case-insensitively, at their offsets in the text', () => {
    const text = 'The Lighthouse keeper repaired the LANTERN.';
    expect(highlightRanges(text, 'lantern lighthouse')).toEqual([
      { start: 4, end: 14 },
      { start: 35, end: 42 },
    ]);
    expect(marked(text, 'lantern lighthouse')).toEqual(['Lighthouse', 'LANTERN']);
  });

  it('does not mark a word inside a longer one', () => {
    expect(marked('A cartoon of a car in the carpark.', 'car')).toEqual(['car']);
  });

  it('matches simple English inflections both ways', () => {
    const text = 'She repairs lanterns; he repaired one; they are repairing stories and boxes, running and stopped.';
    expect(marked(text, 'repair')).toEqual(['repairs', 'repaired', 'repairing']);
    expect(marked(text, 'lantern story box')).toEqual(['lanterns', 'stories', 'boxes']);
    expect(marked(text, 'runs stopping')).toEqual(['running', 'stopped']);
    expect(marked('Making a make of makes.', 'made making')).toEqual(['Making', 'make', 'makes']);
    expect(marked("The gardener's straw", 'gardeners')).toEqual(["gardener's"]);
  });

  it('leaves common words unmarked unless the query has nothing else', () => {
    expect(marked('The history of the river', 'the history of rivers')).toEqual(['history', 'river']);
    expect(marked('To be or not to be', 'to be')).toEqual(['To', 'be', 'to', 'be']);
  });

  it('is Unicode-aware: accented letters, other alphabets, and offsets past astral characters', () => {
    expect(marked('Un café à Zürich, CAFÉ noir', 'café zürich')).toEqual(['café', 'Zürich', 'CAFÉ']);
    expect(marked('Москва и москвичи, МОСКВА', 'москва')).toEqual(['Москва', 'МОСКВА']);
    const text = '😀 emoji then Straße';
    const [range] = highlightRanges(text, 'straße');
    expect(text.slice(range!.start, range!.end)).toBe('Straße');
  });

  it('finds a word of a script without spaces inside a sentence', () => {
    const text = '本手册介绍如何配置检索功能。検索エンジンを使う。';
    expect(marked(text, '检索')).toEqual(['检索']);
    expect(marked(text, '検索 エンジン')).toEqual(['検索エンジン']);
  });

  it('returns nothing for a query without words or a text without them', () => {
    expect(highlightRanges('Some text', '  ?! ')).toEqual([]);
    expect(highlightRanges('Nothing here', 'absent')).toEqual([]);
  });
});
