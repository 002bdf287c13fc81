import { describe, expect, it } from 'vitest';
import { matchTextItems, normalizeSpace, squash } from '@/features/chat/passageMatch';

describe('squash and normalizeSpace', () => {
  it('ignores whitespace and case, and folds compatibility forms', () => {
    expect(squash('  The  River\nFloods ')).toBe('theriverfloods');
    expect(squash('ﬁle')).toBe('file');
    expect(normalizeSpace('  a \n\t b  ')).toBe('a b');
  });
});

describe('matchTextItems', () => {
  const page = ['Annual report', 'The river floods', 'in spring near', 'the old mill.', 'Page 2'];

  it('marks every item the passage overlaps, however lines were joined', () => {
    expect(matchTextItems(page, 'The river floods in spring\nnear the old mill.')).toEqual([1, 2, 3]);
    expect(matchTextItems(page, 'theriverfloodsinspringneartheoldmill.')).toEqual([1, 2, 3]);
  });

  it('marks items only partly inside the passage (a chunk cut mid-line)', () => {
    expect(matchTextItems(page, 'floods in spring')).toEqual([1, 2]);
  });

  it('marks the start of a passage that continues on the next page', () => {
    const items = ['Intro text', 'The harvest begins when the', 'barley turns golden'];
    expect(matchTextItems(items, 'The harvest begins when the barley turns golden and the farmers gather')).toEqual([
      1, 2,
    ]);
  });

  it('marks the end of a passage that began on the previous page', () => {
    const items = ['the farmers gather in the square', 'Next section'];
    expect(matchTextItems(items, 'When the barley turns golden the farmers gather in the square')).toEqual([0]);
  });

  it('falls back to items found in the passage, never short ones alone', () => {
    const items = ['a', 'completely different', 'words here', 'of'];
    expect(matchTextItems(items, 'something of words here and a bit more that is not on the page')).toEqual([2]);
  });

  it('marks nothing for an empty passage or an empty page', () => {
    expect(matchTextItems(page, '   ')).toEqual([]);
    expect(matchTextItems([], 'text')).toEqual([]);
  });

  it('marks a PDF table passage by its cells, a later piece under a repeated header included', () => {
    const items = [
      'Breeding pairs',
      'Colony',
      ' ',
      'Pairs',
      'Stack 1',
      ' ',
      '101',
      'Gannet Rock',
      ' ',
      '3170',
      'Notes',
    ];
    const first = 'Breeding pairs\n\n| Colony | Pairs |\n| --- | --- |\n| Stack 1 | 101 |';
    expect(matchTextItems(items, first)).toEqual([0, 1, 3, 4, 6]);
    const later = '| Colony | Pairs |\n| --- | --- |\n| Gannet Rock | 3170 |';
    expect(matchTextItems(items, later)).toEqual([1, 3, 7, 9]);
    expect(matchTextItems(['a|b', 'Total'], '| a\\|b | Total |\n| --- | --- |\n| x | y |')).toEqual([0, 1]);
  });
});
