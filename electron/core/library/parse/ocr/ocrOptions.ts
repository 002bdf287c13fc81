import type { OcrLanguage } from '../../../../shared/ocrLanguages';

/** OCR settings for one parse: what the setting chose and how much one file may ask for. */
export interface OcrOptions {
  /** Languages to recognise (default English); only shipped ones pass the settings schema. */
  languages?: OcrLanguage[];
  /** Pages (PDF pages without a text layer, TIFF pages) recognised at most in one file (default 1,000). */
  maxPages?: number;
}

/** Which page recognition has reached, for "recognising page 3 of 40". */
export interface OcrProgress {
  page: number;
  pages: number;
}

/** OCR as one parser runs it: resolved options, the parse's signal, and a report per page. */
export interface OcrRun {
  languages: readonly OcrLanguage[];
  /** Pages this file may still have recognised: one budget for the file and the documents inside it. */
  budget: { pagesLeft: number; maxPages: number };
  signal: AbortSignal;
  /** Called before each page is recognised; also re-arms the parse's deadline (each page gets the full limit). */
  onPage(progress: OcrProgress): void;
}

export const DEFAULT_MAX_OCR_PAGES = 1000;
