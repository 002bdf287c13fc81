import { HearthError } from '../../../../shared/errors';
import type { OcrRun } from './ocrOptions';

/**
 * Takes `pages` from the file's OCR budget, or refuses the file before any page is rendered when it asks for more
 * than one file may (a 20,000-page scan would hold a parser for a day).
 */
export function checkOcrPageCount(pages: number, run: OcrRun, what: string): void {
  const { budget } = run;
  if (pages > budget.pagesLeft) {
    throw new HearthError(
      'UNSUPPORTED_FILE',
      `This ${what} has ${pages.toLocaleString('en-US')} pages to recognise as images; Hearth recognises at most ` +
        `${budget.maxPages.toLocaleString('en-US')} in one file. Split it into smaller files.`,
      { pages, maxPages: budget.maxPages, bound: true },
    );
  }
  budget.pagesLeft -= pages;
}
