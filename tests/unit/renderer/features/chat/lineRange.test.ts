import { describe, expect, it } from 'vitest';
import { splitLines } from '@shared/splitLines';
import { lineWindow, locateLines } from '@/features/chat/lineRange';

describe('splitLines', () => {
  it('splits on any line ending without a phantom last line', () => {
    expect(splitLines('a\nb\r\nc\rd\n')).toEqual(['a', 'b', 'c', 'd']);
    expect(splitLines('one')).toEqual(['one']);
    expect(splitLines('')).toEqual(['']);
    expect(splitLines('a\n\n')).toEqual(['a', '']);
  });
});

describe('lineWindow', () => {
  it('shows the cited range with context either side, clamped to the file', () => {
    expect(lineWindow(1000, 500, 510, 20)).toEqual({ first: 480, last: 530, mark: { start: 500, end: 510 } });
    expect(lineWindow(30, 2, 4, 20)).toEqual({ first: 1, last: 24, mark: { start: 2, end: 4 } });
    expect(lineWindow(30, 28, 99, 20)).toEqual({ first: 8, last: 30, mark: { start: 28, end: 30 } });
  });

  it('treats a missing end as one line and an end before the start as the start', () => {
    expect(lineWindow(10, 3, undefined, 1).mark).toEqual({ start: 3, end: 3 });
    expect(lineWindow(10, 5, 2, 1).mark).toEqual({ start: 5, end: 5 });
  });

  it('shows the file start when the range is missing or past the end', () => {
    expect(lineWindow(1000, undefined, undefined, 50)).toEqual({ first: 1, last: 100, mark: null });
    expect(lineWindow(10, 11, 12, 50)).toEqual({ first: 1, last: 10, mark: null });
    expect(lineWindow(0, 1, 1)).toEqual({ first: 1, last: 0, mark: null });
  });
});

describe('locateLines', () => {
  const lines = ['# Title', '', 'First paragraph line one', 'line two of it.', '', 'Second paragraph.'];

  it('finds the lines a passage occupies, whitespace and case ignored', () => {
    expect(locateLines(lines, 'first paragraph line one line two of it.')).toEqual({ start: 3, end: 4 });
    expect(locateLines(lines, 'Second paragraph.')).toEqual({ start: 6, end: 6 });
    expect(locateLines(lines, 'of it.\n\nSecond')).toEqual({ start: 4, end: 6 });
  });

  it('returns null when the passage is not in the file', () => {
    expect(locateLines(lines, 'nowhere to be found')).toBeNull();
    expect(locateLines(lines, '')).toBeNull();
  });
});
