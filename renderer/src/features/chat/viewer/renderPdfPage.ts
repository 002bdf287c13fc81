import type { OcrMarks } from '@shared/ocrMarks';
import { matchTextItems } from '../passageMatch';
import { drawOcrMarks } from './drawOcrMarks';
import { loadPdfjs } from './loadPdfjs';

export interface PdfPageRequest {
  /** Same-origin URL of the original (`/api/originals/<id>`, or `hearth://original/<id>` in the app). */
  url: string;
  /** 1-based; clamped to the document. */
  pageNumber: number;
  /** The cited passage, marked on the page. */
  passage: string;
  /** Where an OCR passage's words are on the page: marked by these boxes, as a scan has no text layer to match. */
  ocr?: OcrMarks;
  /** Where the page goes; its children are replaced. */
  host: HTMLElement;
  /** CSS pixels the page is scaled to fit. */
  width: number;
  /** Label of the page image for assistive tech. */
  label: string;
  signal: AbortSignal;
}

export interface PdfPageResult {
  pageNumber: number;
  pageCount: number;
  /** Text items (or, for OCR text, boxes) marked as the passage. */
  marked: number;
}

/**
 * Renders one page of a PDF into `host`: the canvas, and over it pdf.js's text layer (selectable, read by screen
 * readers) with the spans that belong to the passage marked, or for a passage read by OCR its boxes. pdf.js fetches the original itself, with Range requests,
 * so a large PDF is not downloaded whole.
 */
export async function renderPdfPage(request: PdfPageRequest): Promise<PdfPageResult> {
  const { url, passage, host, width, label, signal } = request;
  const pdfjs = await loadPdfjs();
  const task = pdfjs.getDocument({ url, withCredentials: true, verbosity: pdfjs.VerbosityLevel.ERRORS });
  // The document lives until the view closes (the signal aborts), not only until the page is drawn; a signal that
  // aborted before this point destroys it at once.
  const abort = () => void task.destroy();
  signal.addEventListener('abort', abort, { once: true });
  if (signal.aborted) abort();
  const doc = await task.promise;
  const pageNumber = Math.min(Math.max(1, request.pageNumber), doc.numPages);
  const page = await doc.getPage(pageNumber);
  const scale = width / page.getViewport({ scale: 1 }).width;
  const viewport = page.getViewport({ scale });
  const ratio = window.devicePixelRatio || 1;

  const pageDiv = document.createElement('div');
  pageDiv.className = 'pdf-page';
  pageDiv.style.width = `${String(Math.floor(viewport.width))}px`;
  pageDiv.style.height = `${String(Math.floor(viewport.height))}px`;
  pageDiv.style.setProperty('--scale-factor', String(scale));
  pageDiv.style.setProperty('--total-scale-factor', String(scale));
  pageDiv.style.setProperty('--scale-round-x', '1px');
  pageDiv.style.setProperty('--scale-round-y', '1px');

  const canvas = document.createElement('canvas');
  canvas.className = 'pdf-page__canvas';
  canvas.width = Math.floor(viewport.width * ratio);
  canvas.height = Math.floor(viewport.height * ratio);
  canvas.style.width = `${String(Math.floor(viewport.width))}px`;
  canvas.style.height = `${String(Math.floor(viewport.height))}px`;
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', label);
  canvas.dataset.testid = 'pdf-canvas';
  canvas.dataset.page = String(pageNumber);
  pageDiv.append(canvas);
  // A render the viewer replaced while pdf.js was loading must not take the host back from its successor (it would
  // show a page whose passage is never marked); no await lies between this check and taking the host.
  if (signal.aborted) throw new DOMException('Closed', 'AbortError');
  host.replaceChildren(pageDiv);

  await page.render({ canvas, viewport, ...(ratio === 1 ? {} : { transform: [ratio, 0, 0, ratio, 0, 0] }) }).promise;
  if (signal.aborted) throw new DOMException('Closed', 'AbortError');

  if (request.ocr) {
    // OCR boxes are fractions of the whole page as pdf.js rendered it for recognition, so they fit this viewport.
    drawOcrMarks(pageDiv, request.ocr, passage)?.scrollIntoView({ block: 'center' });
    return { pageNumber, pageCount: doc.numPages, marked: request.ocr.boxes.length };
  }

  const textDiv = document.createElement('div');
  textDiv.className = 'textLayer';
  pageDiv.append(textDiv);
  const textLayer = new pdfjs.TextLayer({
    textContentSource: page.streamTextContent(),
    container: textDiv,
    viewport,
  });
  await textLayer.render();
  if (signal.aborted) throw new DOMException('Closed', 'AbortError');

  const marked = matchTextItems(textLayer.textContentItemsStr, passage);
  for (const index of marked) {
    const span = textLayer.textDivs[index];
    if (!span) continue;
    span.classList.add('passage-highlight');
    span.dataset.testid = 'passage-highlight';
  }
  textLayer.textDivs[marked[0] ?? -1]?.scrollIntoView({ block: 'center' });
  return { pageNumber, pageCount: doc.numPages, marked: marked.length };
}
