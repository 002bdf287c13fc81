import { describe, expect, it } from 'vitest';
import { describeSource, linesText, locationLabel } from '../../../electron/shared/locationText';

describe('location text', () => {
  it('writes a line range, one line, or nothing', () => {
    expect(linesText({ lineStart: 4, lineEnd: 9 })).toBe('lines 4–9');
    expect(linesText({ lineStart: 7, lineEnd: 7 })).toBe('line 7');
    expect(linesText({ lineStart: 7 })).toBe('line 7');
    expect(linesText({ page: 2 })).toBe('');
  });

  it('labels compactly for people, with the heading path only when asked', () => {
    expect(locationLabel({ page: 3 })).toBe('p. 3');
    expect(locationLabel({ headingPath: ['Setup', 'Linux'], lineStart: 4, lineEnd: 9 })).toBe('lines 4–9');
    expect(locationLabel({ headingPath: ['Setup', 'Linux'], lineStart: 4, lineEnd: 9 }, { headings: true })).toBe(
      'Setup › Linux · lines 4–9',
    );
    expect(locationLabel({}, { headings: true })).toBe('');
  });

  it('spells a source out for the model and for exports', () => {
    expect(describeSource('report.pdf', { page: 2 })).toBe('report.pdf, page 2');
    expect(describeSource('notes.md', { headingPath: ['Setup', 'Linux'], lineStart: 4, lineEnd: 9 })).toBe(
      'notes.md, lines 4–9 (Setup › Linux)',
    );
    expect(describeSource('a.ts', { lineStart: 7, lineEnd: 7 })).toBe('a.ts, line 7');
    expect(describeSource('old.md', { headingPath: ['Intro'] })).toBe('old.md (Intro)');
    expect(describeSource('memo.docx', {})).toBe('memo.docx');
  });
});
