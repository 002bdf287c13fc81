/**
 * How Hearth writes where a passage sits in its document, for the core (prompts, exported answers) and the renderer
 * (chips, the viewer, the document detail): a PDF page, a slide, a sheet's cells, a line range, a heading path.
 */

/** What a passage's provenance or a citation knows about its place; every field may be missing. */
export interface PassageLocation {
  page?: number;
  lineStart?: number;
  lineEnd?: number;
  headingPath?: readonly string[];
  /** A presentation slide, 1-based. */
  slide?: number;
  /** A spreadsheet's sheet and its A1-style cell range. */
  sheet?: string;
  cells?: string;
}

/** The slide and sheet fields of a stored provenance, for copying into a passage or citation. */
export function slideAndSheet(prov: object): Pick<PassageLocation, 'slide' | 'sheet' | 'cells'> {
  const p = prov as PassageLocation;
  return {
    ...(typeof p.slide === 'number' ? { slide: p.slide } : {}),
    ...(typeof p.sheet === 'string' ? { sheet: p.sheet } : {}),
    ...(typeof p.cells === 'string' ? { cells: p.cells } : {}),
  };
}

/** "Sales!A1:D9" (Excel's own notation), or the sheet alone. */
function cellsText(loc: PassageLocation): string {
  if (loc.sheet === undefined) return '';
  return loc.cells ? `${loc.sheet}!${loc.cells}` : loc.sheet;
}

/** "line 7" or "lines 4–9" (a missing end is the start line); '' without a start line. */
export function linesText(loc: PassageLocation): string {
  if (loc.lineStart === undefined) return '';
  const end = loc.lineEnd ?? loc.lineStart;
  return end > loc.lineStart ? `lines ${String(loc.lineStart)}–${String(end)}` : `line ${String(loc.lineStart)}`;
}

/** "Setup › Linux"; '' without a heading path. */
function headingText(loc: PassageLocation): string {
  return loc.headingPath?.join(' › ') ?? '';
}

/** Options for `locationLabel`. */
export interface LocationLabelOptions {
  /** Put the heading path first ("Install › Linux · lines 4–9"); a chip has no room for it. */
  headings?: boolean;
}

/**
 * Where a passage is, compact, for people: "p. 3", "lines 4–9", "line 4" (with `headings`: "Install › Linux ·
 * lines 4–9"); '' when nothing is known. A page says it all: PDFs have no lines or headings.
 */
export function locationLabel(loc: PassageLocation, options: LocationLabelOptions = {}): string {
  if (loc.page !== undefined) return `p. ${String(loc.page)}`;
  if (loc.slide !== undefined) return `slide ${String(loc.slide)}`;
  if (loc.sheet !== undefined) return cellsText(loc);
  return [options.headings ? headingText(loc) : '', linesText(loc)].filter(Boolean).join(' · ');
}

/**
 * A source spelled out, for the model's prompt and exported answers: "report.pdf, page 2",
 * "notes.md, lines 4–9 (Setup › Linux)", or the name alone.
 */
export function describeSource(documentName: string, loc: PassageLocation): string {
  const where = [documentName];
  if (loc.page !== undefined) where.push(`page ${String(loc.page)}`);
  if (loc.slide !== undefined) where.push(`slide ${String(loc.slide)}`);
  if (loc.sheet !== undefined) where.push(`cells ${cellsText(loc)}`);
  const lines = linesText(loc);
  if (lines) where.push(lines);
  const heading = headingText(loc);
  return heading ? `${where.join(', ')} (${heading})` : where.join(', ');
}
