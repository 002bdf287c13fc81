import type { Provenance } from '@shared/librarySchemas';
import { locationLabel } from '@shared/locationText';

/**
 * Where a passage sits, for the document detail: "p. 3", "Install › On Intel Macs · lines 12–13", "p. 2 · OCR 64%"
 * for text read by OCR (with tesseract's confidence); a dash if unknown.
 */
export function formatProvenance(p: Provenance): string {
  const where = locationLabel(p, { headings: true }) || '—';
  return p.confidence === undefined ? where : `${where} · OCR ${String(Math.round(p.confidence))}%`;
}

const TYPES: Record<string, string> = {
  pdf: 'PDF',
  docx: 'Word',
  pptx: 'PowerPoint',
  xlsx: 'Excel',
  ods: 'OpenDocument spreadsheet',
  odt: 'OpenDocument text',
  rtf: 'RTF',
  epub: 'EPUB',
  email: 'Email',
  zip: 'ZIP archive',
  image: 'Image',
  markdown: 'Markdown',
  html: 'HTML',
  text: 'Text',
  code: 'Code',
  csv: 'CSV',
  json: 'JSON',
};

/** The sniffed type as people call it; '' (not read yet, or unreadable) is a dash. */
export function documentTypeLabel(type: string): string {
  if (!type) return '—';
  return TYPES[type] ?? type.toUpperCase();
}

/** What the library reads, for empty states and the drop overlay. */
export const SUPPORTED_TYPES_TEXT =
  'PDF, Word (.docx), PowerPoint (.pptx), Excel (.xlsx), OpenDocument (.odt, .ods), RTF, EPUB, email (.eml, .mbox), ' +
  'ZIP archives of these, Markdown, HTML, plain text, source code, CSV, JSON, and images (PNG, JPEG, TIFF, WebP) and ' +
  'scanned PDFs, read by text recognition';
