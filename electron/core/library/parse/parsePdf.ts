import { getDocumentProxy } from 'unpdf';
import { HearthError, isHearthError } from '../../../shared/errors';
import type { OcrRun } from './ocr/ocrOptions';
import { recognisePdfPages } from './ocr/recognisePdfPages';
import type { PageProvenance, ParsedDocument } from './ParsedDocument';
import { pdfPageText, type PdfTextItem } from './pdfPageText';

/** Pages at most in one PDF: past this, text extraction alone outlasts any parse time limit. */
export const MAX_PDF_PAGES = 10_000;

/**
 * PDF text one section per page (1-based), tables laid out on the page as Markdown tables (see pdfPageText). Pages without a text layer (scans) are rendered and recognised when `ocr`
 * is given, else skipped.
 */
export async function parsePdf(bytes: Uint8Array, signal?: AbortSignal, ocr?: OcrRun): Promise<ParsedDocument> {
  // pdf.js takes ownership of (and may detach) the buffer it is given, so hand it a copy.
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    pdf = await getDocumentProxy(new Uint8Array(bytes), { stopAtErrors: false, verbosity: 0 });
  } catch (err) {
    throw pdfError(err);
  }
  const onAbort = (): void => void pdf.loadingTask.destroy();
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    if (pdf.numPages > MAX_PDF_PAGES) {
      throw new HearthError(
        'UNSUPPORTED_FILE',
        `This PDF has ${pdf.numPages.toLocaleString('en-US')} pages; Hearth reads PDFs of up to ` +
          `${MAX_PDF_PAGES.toLocaleString('en-US')} pages. Split it into smaller files.`,
        { pages: pdf.numPages, bound: true },
      );
    }
    const all: { text: string; provenance: PageProvenance }[] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      const items: PdfTextItem[] = content.items.filter((item) => 'str' in item);
      all.push({ text: pdfPageText(items).trim(), provenance: { page: n } });
      page.cleanup();
    }
    const sections = all.filter((s) => s.text !== '');
    if (ocr) {
      const scanned = all.filter((s) => s.text === '').map((s) => s.provenance.page);
      sections.push(...(await recognisePdfPages(pdf, scanned, ocr)));
      sections.sort((a, b) => a.provenance.page - b.provenance.page);
    }
    const doc: ParsedDocument = { type: 'pdf', sections };
    try {
      const meta = await pdf.getMetadata();
      const title = (meta.info as { Title?: unknown } | undefined)?.Title;
      if (typeof title === 'string' && title.trim() !== '') doc.title = title.trim();
    } catch {
      // A missing or broken info dictionary only costs the title.
    }
    return doc;
  } catch (err) {
    throw isHearthError(err) ? err : pdfError(err);
  } finally {
    signal?.removeEventListener('abort', onAbort);
    await pdf.loadingTask.destroy().catch(() => undefined);
  }
}

function pdfError(err: unknown): HearthError {
  const name = (err as { name?: string } | null)?.name;
  if (name === 'PasswordException') {
    return new HearthError('UNSUPPORTED_FILE', 'This PDF is password-protected.', undefined, { cause: err });
  }
  const reason = err instanceof Error ? err.message : String(err);
  return new HearthError('UNSUPPORTED_FILE', `This PDF is damaged and cannot be read (${reason}).`, undefined, {
    cause: err,
  });
}
