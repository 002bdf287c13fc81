import type { SectionOcr } from './ocr/ocrWordBoxes';

/** Kinds of document Hearth can parse, decided by content first (see sniffType). */
export type DocumentType =
  | 'pdf'
  | 'docx'
  | 'pptx'
  | 'xlsx'
  | 'ods'
  | 'odt'
  | 'rtf'
  | 'epub'
  | 'email'
  | 'zip'
  | 'image'
  | 'markdown'
  | 'html'
  | 'code'
  | 'csv'
  | 'json'
  | 'text';

/** A PDF, TIFF or image page, 1-based; `confidence` (tesseract's mean word confidence, 0–100) marks OCR text. */
export interface PageProvenance {
  page: number;
  confidence?: number;
}

/**
 * A 1-based inclusive line range. For text, code, CSV, JSON, Markdown and HTML the lines are the source file's; for
 * DOCX they are paragraphs of the extracted text (a .docx has no lines of its own).
 */
interface LineProvenance {
  lineStart: number;
  lineEnd: number;
}

/**
 * A line range under a chain of headings, outermost first (Markdown, HTML, DOCX, ODT, EPUB chapters, emails, and the
 * entries of archives and attachments, whose inner place is spelled into the path). Lines are missing only where
 * the inner place had none (a PDF page inside a ZIP).
 */
export interface HeadingProvenance {
  headingPath: string[];
  lineStart?: number;
  lineEnd?: number;
}

/** A presentation slide, 1-based (PPTX). */
export interface SlideProvenance {
  slide: number;
}

/** A range of cells in a spreadsheet (XLSX, ODS): the sheet's name and an A1-style range such as "A1:D20". */
export interface SheetProvenance {
  sheet: string;
  cells: string;
}

export type Provenance = PageProvenance | LineProvenance | HeadingProvenance | SlideProvenance | SheetProvenance;

/**
 * The rows of a Markdown table that makes up a whole section, so the chunker can split it between rows, repeat the
 * header and name the cells each piece covers. Line 0 of the section is the header, line 1 the `| --- |` rule.
 */
export interface SectionTable {
  /** The sheet row number of each body line (line 2 onwards), for cell ranges. */
  rowNumbers: number[];
  /** Column letters of the table's first and last column. */
  firstColumn: string;
  lastColumn: string;
}

export interface ParsedSection {
  text: string;
  provenance: Provenance;
  /** Set when the section is one spreadsheet table (SheetProvenance). */
  table?: SectionTable;
  /** Set when the section is a page read by OCR: its words' places in `text` and on the page image. */
  ocr?: SectionOcr;
}

/** An email's attachment kept whole, to become a document of its own (see `ParseContext.attachmentsAsDocuments`). */
export interface ParsedAttachment {
  /** Its file name ("attachment 2" when the mail gives none). */
  name: string;
  /** Its decoded bytes (a Uint8Array once it has crossed from a parse worker). */
  bytes: Uint8Array;
  /** The subject of the message holding it. */
  subject: string;
}

/** An attachment that is not indexed (an image, a type Hearth cannot read), and why, in words. */
export interface SkippedPart {
  name: string;
  reason: string;
}

export interface ParsedDocument {
  type: DocumentType;
  title?: string;
  sections: ParsedSection[];
  /** Attachments to index as documents of their own; only when the parse was asked for them. */
  attachments?: ParsedAttachment[];
  /** Attachments left out of the index, with the reason; only when the parse was asked for attachments. */
  skippedAttachments?: SkippedPart[];
}

export function isPageProvenance(p: Provenance): p is PageProvenance {
  return 'page' in p;
}

export function isHeadingProvenance(p: Provenance): p is HeadingProvenance {
  return 'headingPath' in p;
}

export function isLineProvenance(p: Provenance): p is LineProvenance {
  return 'lineStart' in p && !('headingPath' in p);
}
