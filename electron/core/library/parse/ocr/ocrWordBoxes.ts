import { MAX_OCR_BOXES, OCR_BOX_DECIMALS, type OcrMarks } from '../../../../shared/ocrMarks';
import type { OcrWord } from './OcrEngine';

/** A recognised word placed in its section's text: `start..end` are offsets there; `box` is in page fractions. */
export interface OcrWordSpan {
  start: number;
  end: number;
  /** Tesseract's line, 0-based: words of one line are marked as one box. */
  line: number;
  /** `[x, y, w, h]` as fractions of the page image (0..1). */
  box: [number, number, number, number];
}

/** The words of an OCR section with the size of the page image they were measured on. */
export interface SectionOcr {
  width: number;
  height: number;
  words: OcrWordSpan[];
}

const SCALE = 10 ** OCR_BOX_DECIMALS;
const round = (n: number): number => Math.round(Math.min(1, Math.max(0, n)) * SCALE) / SCALE;

/** A pixel box as `[x, y, w, h]` fractions of a `width` × `height` image, clamped to it and rounded. */
export function normaliseBox(
  bbox: { x0: number; y0: number; x1: number; y1: number },
  width: number,
  height: number,
): [number, number, number, number] {
  if (!(width > 0 && height > 0)) throw new RangeError(`An OCR page needs a size, not ${width} × ${height}.`);
  const x0 = round(Math.min(bbox.x0, bbox.x1) / width);
  const y0 = round(Math.min(bbox.y0, bbox.y1) / height);
  const x1 = round(Math.max(bbox.x0, bbox.x1) / width);
  const y1 = round(Math.max(bbox.y0, bbox.y1) / height);
  return [x0, y0, round(x1 - x0), round(y1 - y0)];
}

/**
 * Places each word in `text` (tesseract's text of the page, which holds the words in reading order): each is looked
 * for after the one before. A word the text does not hold (tesseract spells the two apart only in rare cases) is
 * left out rather than guessed, so no box ever marks the wrong words.
 */
export function placeOcrWords(text: string, words: readonly OcrWord[], width: number, height: number): SectionOcr {
  const spans: OcrWordSpan[] = [];
  let cursor = 0;
  for (const word of words) {
    const needle = word.text.trim();
    const start = text.indexOf(needle, cursor);
    if (start === -1) continue;
    cursor = start + needle.length;
    spans.push({ start, end: cursor, line: word.line, box: normaliseBox(word.bbox, width, height) });
  }
  return { width, height, words: spans };
}

/**
 * The marks of the passage at `offset..offset+length` of its section: its words (those overlapping the range), one
 * box per run of them on a line, the first MAX_OCR_BOXES kept. Undefined when no word falls in it.
 */
export function passageOcrMarks(ocr: SectionOcr, offset: number, length: number): OcrMarks | undefined {
  const end = offset + length;
  const boxes: [number, number, number, number][] = [];
  let line = -1;
  for (const word of ocr.words) {
    if (word.end <= offset || word.start >= end) continue;
    const [x, y, w, h] = word.box;
    const last = boxes[boxes.length - 1];
    if (last && word.line === line) {
      const x0 = Math.min(last[0], x);
      const y0 = Math.min(last[1], y);
      const x1 = Math.max(last[0] + last[2], x + w);
      const y1 = Math.max(last[1] + last[3], y + h);
      boxes[boxes.length - 1] = [x0, y0, round(x1 - x0), round(y1 - y0)];
      continue;
    }
    if (boxes.length === MAX_OCR_BOXES) break;
    boxes.push([x, y, w, h]);
    line = word.line;
  }
  return boxes.length === 0 ? undefined : { width: ocr.width, height: ocr.height, boxes };
}
