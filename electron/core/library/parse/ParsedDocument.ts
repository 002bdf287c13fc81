/** Kinds of document Hearth can parse, decided by content first (see sniffType). */
export type DocumentType = 'pdf' | 'docx' | 'markdown' | 'html' | 'code' | 'csv' | 'json' | 'text';

/** A PDF page, 1-based. */
export interface PageProvenance {
  page: number;
}

/**
 * A 1-based inclusive line range. For text, code, CSV, JSON, Markdown and HTML the lines are the source file's; for
 * DOCX they are paragraphs of the extracted text (a .docx has no lines of its own).
 */
interface LineProvenance {
  lineStart: number;
  lineEnd: number;
}

/** A line range under a chain of headings, outermost first (Markdown, HTML, DOCX). */
export interface HeadingProvenance extends LineProvenance {
  headingPath: string[];
}

export type Provenance = PageProvenance | LineProvenance | HeadingProvenance;

export interface ParsedSection {
  text: string;
  provenance: Provenance;
}

export interface ParsedDocument {
  type: DocumentType;
  title?: string;
  sections: ParsedSection[];
}

export function isPageProvenance(p: Provenance): p is PageProvenance {
  return 'page' in p;
}

export function isHeadingProvenance(p: Provenance): p is HeadingProvenance {
  return 'headingPath' in p;
}
