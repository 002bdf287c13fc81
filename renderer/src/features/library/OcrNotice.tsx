import type { OcrSummary } from '@shared/librarySchemas';
import { Callout } from '@/ui/Callout';

const pageList = (pages: number[]): string =>
  pages.length === 1
    ? `page ${String(pages[0])}`
    : `pages ${pages.slice(0, -1).join(', ')} and ${String(pages.at(-1))}`;

/**
 * Says which pages of a document were read by text recognition, and flags those it was unsure of so the person can
 * check them against the original before trusting an answer drawn from them.
 */
export function OcrNotice({ ocr }: { ocr: OcrSummary }) {
  const read = ocr.pages === 1 ? '1 page was' : `${String(ocr.pages)} pages were`;
  if (ocr.lowConfidencePages.length === 0) {
    return (
      <Callout tone="info" title="Read by text recognition (OCR)" testId="library-detail-ocr">
        <span>{read} scanned images; recognition was confident throughout.</span>
      </Callout>
    );
  }
  return (
    <Callout tone="warning" title="Some pages were hard to read" testId="library-detail-ocr">
      <span>
        {read} read by text recognition (OCR). It was unsure of {pageList(ocr.lowConfidencePages)}: check answers citing{' '}
        {ocr.lowConfidencePages.length === 1 ? 'it' : 'them'} against the original.
      </span>
    </Callout>
  );
}
