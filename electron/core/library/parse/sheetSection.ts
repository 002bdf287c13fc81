import { columnLetters, markdownTable } from './markdownTable';
import type { ParsedSection } from './ParsedDocument';

/** A sheet as read: its name and its non-empty cells by 1-based row, then column. */
export interface SheetGrid {
  name: string;
  rows: Map<number, Map<number, string>>;
}

/**
 * One sheet as one section: a Markdown table from the first non-empty row (the header) to the last, over the used
 * columns, with the sheet and cell range as its location and the row numbers the chunker needs to split it between
 * rows (repeating the header) and name each piece's cells. Null for an empty sheet.
 */
export function sheetSection(grid: SheetGrid): ParsedSection | null {
  const rowNumbers = [...grid.rows.keys()].filter((r) => grid.rows.get(r)!.size > 0).sort((a, b) => a - b);
  if (rowNumbers.length === 0) return null;
  let first = Infinity;
  let last = 0;
  for (const r of rowNumbers) {
    for (const c of grid.rows.get(r)!.keys()) {
      first = Math.min(first, c);
      last = Math.max(last, c);
    }
  }
  const table = rowNumbers.map((r) => {
    const row = grid.rows.get(r)!;
    return Array.from({ length: last - first + 1 }, (_, k) => row.get(first + k) ?? '');
  });
  const firstColumn = columnLetters(first);
  const lastColumn = columnLetters(last);
  const cells = `${firstColumn}${String(rowNumbers[0])}:${lastColumn}${String(rowNumbers[rowNumbers.length - 1])}`;
  return {
    text: markdownTable(table),
    provenance: { sheet: grid.name, cells },
    table: { rowNumbers: rowNumbers.slice(1), firstColumn, lastColumn },
  };
}
