import type { OcrMarks } from '@shared/ocrMarks';

let nextId = 0;

/** A box's place as CSS percentages of the page it lies on. */
export function markPlacement(box: readonly [number, number, number, number]): {
  left: string;
  top: string;
  width: string;
  height: string;
} {
  const pct = (n: number): string => `${String(Math.round(n * 1_000_000) / 10_000)}%`;
  const [x, y, w, h] = box;
  return { left: pct(x), top: pct(y), width: pct(w), height: pct(h) };
}

/**
 * Marks an OCR passage over a drawn page (a PDF canvas or an image) that fills `page`, which must be positioned:
 * one highlight per box, placed in percentages so it follows the page at any size. The marks are a group named for
 * what they are and described by the passage's text, for people who cannot see them; the boxes themselves are hidden
 * from assistive tech. Returns the first mark, to scroll to.
 */
export function drawOcrMarks(page: HTMLElement, ocr: OcrMarks, passageText: string): HTMLElement | undefined {
  const layer = document.createElement('div');
  layer.className = 'ocr-marks';
  layer.setAttribute('role', 'group');
  layer.setAttribute('aria-label', 'Recognised passage, marked on the page');
  layer.dataset.testid = 'ocr-marks';
  const description = document.createElement('p');
  description.className = 'visually-hidden';
  description.id = `ocr-passage-${String(++nextId)}`;
  description.textContent = passageText;
  layer.setAttribute('aria-describedby', description.id);
  layer.append(description);
  for (const box of ocr.boxes) {
    const mark = document.createElement('div');
    mark.className = 'ocr-mark';
    mark.setAttribute('aria-hidden', 'true');
    mark.dataset.testid = 'ocr-highlight';
    Object.assign(mark.style, markPlacement(box));
    layer.append(mark);
  }
  page.append(layer);
  return layer.querySelector<HTMLElement>('.ocr-mark') ?? undefined;
}
