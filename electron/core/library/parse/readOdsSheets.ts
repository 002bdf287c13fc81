import { readOdfBody, odfParagraphs } from './odfText';
import type { ParseContext } from './ParseContext';
import type { SheetGrid } from './sheetSection';
import { childElements, findElements, type XmlElement } from './xmlTree';

const WHAT = 'spreadsheet';
/** Repeats of one non-empty row or cell expanded at most (files repeat empty ones to the sheet's edge). */
const MAX_REPEAT = 1000;

/** Rows of a table, through header-row and row-group wrappers, in order. */
function tableRows(table: XmlElement): XmlElement[] {
  return findElements(table, 'table-row');
}

/**
 * Reads an ODS spreadsheet's sheets (`table:table`) into grids of displayed values (the cell's paragraphs, as the
 * sheet shows them). Repeated empty rows and columns only advance the position; repeated non-empty ones are
 * expanded up to a bound. At most `maxRows` rows in all.
 */
export function readOdsSheets(
  buf: Buffer,
  ctx: ParseContext,
  maxRows: number,
): { title?: string; sheets: SheetGrid[] } {
  const { body, title } = readOdfBody(buf, ctx, WHAT, 'spreadsheet');
  let rowsLeft = maxRows;
  const sheets: SheetGrid[] = [];
  for (const table of childElements(body, 'table')) {
    const rows = new Map<number, Map<number, string>>();
    let r = 1;
    for (const row of tableRows(table)) {
      if (rowsLeft <= 0) break;
      const repeat = Math.max(1, Number(row.attrs['table:number-rows-repeated'] ?? 1) || 1);
      const cells = new Map<number, string>();
      let c = 1;
      for (const cell of childElements(row).filter((e) => e.name === 'table-cell' || e.name === 'covered-table-cell')) {
        const span = Math.max(1, Number(cell.attrs['table:number-columns-repeated'] ?? 1) || 1);
        const value = odfParagraphs(cell).join('\n').trim() || (cell.attrs['office:value'] ?? '');
        if (value !== '') for (let k = 0; k < Math.min(span, MAX_REPEAT); k++) cells.set(c + k, value);
        c += span;
      }
      if (cells.size > 0) {
        for (let k = 0; k < Math.min(repeat, MAX_REPEAT) && rowsLeft > 0; k++, rowsLeft--) rows.set(r + k, cells);
      }
      r += repeat;
    }
    sheets.push({ name: table.attrs['table:name'] ?? `Sheet ${String(sheets.length + 1)}`, rows });
  }
  return title === undefined ? { sheets } : { title, sheets };
}
