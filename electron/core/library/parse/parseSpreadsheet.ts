import type { ParseContext } from './ParseContext';
import type { ParsedDocument, ParsedSection } from './ParsedDocument';
import { readOdsSheets } from './readOdsSheets';
import { readXlsxSheets } from './readXlsxSheets';
import { sheetSection } from './sheetSection';

/** Most rows read from a workbook in all, like the CSV parser's record limit, so a huge export stays bounded. */
const MAX_SHEET_ROWS = 200_000;

/**
 * XLSX and ODS: every sheet as a Markdown table with the sheet name and cell range as its location; a sheet too big
 * for one passage is chunked by rows with its header repeated (see chunkDocument).
 */
export function parseSpreadsheet(buf: Buffer, type: 'xlsx' | 'ods', ctx: ParseContext): ParsedDocument {
  const { title, sheets } =
    type === 'xlsx' ? readXlsxSheets(buf, ctx, MAX_SHEET_ROWS) : readOdsSheets(buf, ctx, MAX_SHEET_ROWS);
  const sections = sheets.map(sheetSection).filter((s): s is ParsedSection => s !== null);
  return title === undefined ? { type, sections } : { type, title, sections };
}
