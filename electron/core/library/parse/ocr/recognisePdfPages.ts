import { renderPageAsImage, type getDocumentProxy } from 'unpdf';
import { HearthError } from '../../../../shared/errors';
import type { PageProvenance, ParsedSection } from '../ParsedDocument';
import { checkOcrPageCount } from './checkOcrPageCount';
import type { OcrRun } from './ocrOptions';
import { sharedOcrEngine } from './OcrEngine';
import { placeOcrWords } from './ocrWordBoxes';

type PdfDocument = Awaited<ReturnType<typeof getDocumentProxy>>;

/** Scans are rendered at 300 dpi (what tesseract is tuned for), but never past these, whatever the page claims. */
const RENDER_DPI = 300;
const MAX_RENDER_SIDE = 4000;
const MAX_RENDER_PIXELS = 20_000_000;

/** The render scale for a page of `width` × `height` points: 300 dpi, capped in side and area. */
export function renderScale(width: number, height: number): number {
  const w = Math.max(1, width);
  const h = Math.max(1, height);
  return Math.min(RENDER_DPI / 72, MAX_RENDER_SIDE / Math.max(w, h), Math.sqrt(MAX_RENDER_PIXELS / (w * h)));
}

const loadCanvas = () => import('@napi-rs/canvas');

/**
 * Renders the PDF pages that have no text layer (scans) with pdf.js and recognises them, one section per page with
 * its page number, mean word confidence and word boxes (fractions of the page, as the whole page is rendered). `pages` are 1-based page numbers; the file's OCR budget is checked
 * before the first page is rendered.
 */
export async function recognisePdfPages(
  pdf: PdfDocument,
  pages: number[],
  run: OcrRun,
): Promise<(ParsedSection & { provenance: PageProvenance })[]> {
  if (pages.length === 0) return [];
  checkOcrPageCount(pages.length, run, 'PDF');
  const engine = await sharedOcrEngine(run.languages);
  const sections: (ParsedSection & { provenance: PageProvenance })[] = [];
  for (const [i, pageNumber] of pages.entries()) {
    if (run.signal.aborted) throw new HearthError('CANCELLED', 'Reading this file was cancelled.');
    run.onPage({ page: i + 1, pages: pages.length });
    const page = await pdf.getPage(pageNumber);
    const { width, height } = page.getViewport({ scale: 1 });
    const png = await renderPageAsImage(pdf, pageNumber, {
      canvasImport: loadCanvas,
      scale: renderScale(width, height),
    });
    const result = await engine.recognize(new Uint8Array(png));
    if (result.text !== '') {
      sections.push({
        text: result.text,
        provenance: { page: pageNumber, confidence: result.confidence },
        ocr: placeOcrWords(result.text, result.words, result.width, result.height),
      });
    }
  }
  return sections;
}
