import { extractText, getDocumentProxy } from 'unpdf';
import { HearthError } from '../../../shared/errors';
import type { ParsedDocument } from './ParsedDocument';

/** PDF text one section per page (1-based); blank pages (scans without OCR) are skipped. */
export async function parsePdf(bytes: Uint8Array, signal?: AbortSignal): Promise<ParsedDocument> {
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
    const { text } = await extractText(pdf, { mergePages: false });
    const sections = text
      .map((pageText, n) => ({ text: pageText.trim(), provenance: { page: n + 1 } }))
      .filter((s) => s.text !== '');
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
    throw pdfError(err);
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
