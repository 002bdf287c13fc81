import { LOW_OCR_CONFIDENCE } from '../../shared/ocrLanguages';
import type { OcrSummary } from '../../shared/librarySchemas';
import type { Provenance } from './catalog/catalogTypes';

/**
 * Which pages of a document were read by OCR (their passages carry a confidence) and which of them were uncertain:
 * a page is as sure as its least sure passage. Undefined when no page was recognised.
 */
export function summariseOcr(chunks: readonly { provenance: Provenance }[]): OcrSummary | undefined {
  const pages = new Map<number, number>();
  for (const { provenance: p } of chunks) {
    if (!('confidence' in p) || p.confidence === undefined || p.page === undefined) continue;
    pages.set(p.page, Math.min(p.confidence, pages.get(p.page) ?? 100));
  }
  if (pages.size === 0) return undefined;
  const low = [...pages].filter(([, c]) => c < LOW_OCR_CONFIDENCE).map(([page]) => page);
  return { pages: pages.size, lowConfidencePages: low.sort((a, b) => a - b) };
}
