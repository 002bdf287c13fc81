import { describe, expect, it } from 'vitest';
import type { OcrWord } from '../../../../../../electron/core/library/parse/ocr/OcrEngine';
import {
  normaliseBox,
  passageOcrMarks,
  placeOcrWords,
} from '../../../../../../electron/core/library/parse/ocr/ocrWordBoxes';
import { chunkDocument } from '../../../../../../electron/core/library/parse/chunkDocument';
import { MAX_OCR_BOXES, OcrMarksSchema } from '../../../../../../electron/shared/ocrMarks';

/** Words laid out as a page of 1000 × 500 pixels: each line 40 px high, each word 100 px wide with 20 px between. */
function page(lines: string[][]): { text: string; words: OcrWord[] } {
  const words: OcrWord[] = [];
  lines.forEach((line, l) =>
    line.forEach((text, i) =>
      words.push({
        text,
        confidence: 90,
        line: l,
        bbox: { x0: 20 + i * 120, y0: 20 + l * 50, x1: 120 + i * 120, y1: 60 + l * 50 },
      }),
    ),
  );
  return { text: lines.map((l) => l.join(' ')).join('\n'), words };
}

describe('normaliseBox', () => {
  it('gives [x, y, w, h] as fractions of the image, rounded to 4 decimals', () => {
    expect(normaliseBox({ x0: 100, y0: 50, x1: 400, y1: 80 }, 1000, 300)).toEqual([0.1, 0.1667, 0.3, 0.1]);
    expect(normaliseBox({ x0: 1, y0: 1, x1: 2, y1: 2 }, 3000, 3000)).toEqual([0.0003, 0.0003, 0.0004, 0.0004]);
  });

  it('clamps a box that spills over the edge and orders swapped corners', () => {
    expect(normaliseBox({ x0: 900, y0: -10, x1: 1200, y1: 50 }, 1000, 100)).toEqual([0.9, 0, 0.1, 0.5]);
    expect(normaliseBox({ x0: 400, y0: 80, x1: 100, y1: 50 }, 1000, 100)).toEqual([0.1, 0.5, 0.3, 0.3]);
  });

  it('refuses an image without a size', () => {
    expect(() => normaliseBox({ x0: 0, y0: 0, x1: 1, y1: 1 }, 0, 100)).toThrow(RangeError);
  });
});

describe('placeOcrWords', () => {
  it('finds each word in the page text in reading order, a repeated word at its own place', () => {
    const { text, words } = page([
      ['the', 'tide'],
      ['the', 'moon'],
    ]);
    const placed = placeOcrWords(text, words, 1000, 500);
    expect(placed.words.map((w) => text.slice(w.start, w.end))).toEqual(['the', 'tide', 'the', 'moon']);
    expect(placed.words.map((w) => w.start)).toEqual([0, 4, 9, 13]);
    expect(placed.words[3]).toMatchObject({ line: 1, box: [0.14, 0.14, 0.1, 0.08] });
  });

  it('leaves out a word the text does not hold instead of shifting the rest', () => {
    const { text, words } = page([['alpha', 'beta', 'gamma']]);
    words[1] = { ...words[1]!, text: 'bēta' };
    const placed = placeOcrWords(text, words, 1000, 500);
    expect(placed.words.map((w) => text.slice(w.start, w.end))).toEqual(['alpha', 'gamma']);
  });
});

describe('passageOcrMarks', () => {
  const { text, words } = page([
    ['one', 'two', 'three'],
    ['four', 'five', 'six'],
    ['seven', 'eight', 'nine'],
  ]);
  const ocr = placeOcrWords(text, words, 1000, 500);

  it("marks only the passage's words, one box per line they run along", () => {
    const offset = text.indexOf('three');
    const marks = passageOcrMarks(ocr, offset, text.indexOf('seven') + 'seven'.length - offset);
    // "three" (line 0), "four five six" (line 1, one box), "seven" (line 2).
    expect(marks).toEqual({
      width: 1000,
      height: 500,
      boxes: [
        [0.26, 0.04, 0.1, 0.08],
        [0.02, 0.14, 0.34, 0.08],
        [0.02, 0.24, 0.1, 0.08],
      ],
    });
    expect(OcrMarksSchema.safeParse(marks).success).toBe(true);
  });

  it('counts a word cut by the passage edge as its own, and gives nothing for a range without words', () => {
    expect(passageOcrMarks(ocr, text.indexOf('five') + 2, 1)?.boxes).toEqual([[0.14, 0.14, 0.1, 0.08]]);
    expect(passageOcrMarks(ocr, text.length, 10)).toBeUndefined();
  });

  it(`keeps at most ${MAX_OCR_BOXES} boxes, the first ones`, () => {
    const many = page(Array.from({ length: MAX_OCR_BOXES + 50 }, (_, l) => [`w${l}`]));
    const marks = passageOcrMarks(placeOcrWords(many.text, many.words, 1000, 20_000), 0, many.text.length);
    expect(marks?.boxes).toHaveLength(MAX_OCR_BOXES);
    expect(marks?.boxes[0]?.[1]).toBe(0.001);
    expect(JSON.stringify(marks).length).toBeLessThan(40 * MAX_OCR_BOXES);
  });
});

describe('chunkDocument with an OCR page', () => {
  it('gives each chunk of a long scanned page the boxes of its own words only', async () => {
    const lines = Array.from({ length: 8 }, (_, l) => Array.from({ length: 6 }, (_, i) => `word${l}x${i}`));
    const { text, words } = page(lines);
    const chunks = await chunkDocument(
      {
        type: 'pdf',
        sections: [
          { text: 'A text layer page.', provenance: { page: 1 } },
          { text, provenance: { page: 2, confidence: 91 }, ocr: placeOcrWords(text, words, 1000, 500) },
        ],
      },
      { chunkTokens: 40, overlapTokens: 0 },
    );
    expect(chunks[0]).not.toHaveProperty('ocr');
    const scanned = chunks.filter((c) => (c.provenance as { page: number }).page === 2);
    expect(scanned.length).toBeGreaterThan(1);
    for (const chunk of scanned) {
      const lineTops = [...new Set(chunk.text.split('\n').map((l) => Number(/^word(\d)/.exec(l)?.[1])))].map(
        (l) => Math.round(((20 + l * 50) / 500) * 10_000) / 10_000,
      );
      expect(chunk.ocr?.boxes.map((b) => b[1])).toEqual(lineTops);
    }
  });
});
