/** One table cell as Markdown: whitespace and line breaks collapsed, pipes escaped so the row keeps its columns. */
function tableCell(text: string): string {
  return text.replace(/\s+/g, ' ').trim().replace(/\\/g, '\\\\').replace(/\|/g, '\\|');
}

/** A row of cells as a Markdown table line. */
function tableRow(cells: readonly string[]): string {
  return `| ${cells.map((c) => tableCell(c)).join(' | ')} |`;
}

/**
 * A GitHub-flavoured Markdown table from rows of cell text, the first row as the header; short rows are padded so
 * every line has the same columns. Empty when there are no rows.
 */
export function markdownTable(rows: readonly (readonly string[])[]): string {
  const width = rows.reduce((w, r) => Math.max(w, r.length), 0);
  if (rows.length === 0 || width === 0) return '';
  const pad = (r: readonly string[]): string[] => [...r, ...Array<string>(width - r.length).fill('')];
  const lines = [tableRow(pad(rows[0]!)), `|${' --- |'.repeat(width)}`];
  for (const r of rows.slice(1)) lines.push(tableRow(pad(r)));
  return lines.join('\n');
}

/** Spreadsheet column letters for a 1-based column number: 1 → A, 27 → AA. */
export function columnLetters(column: number): string {
  let n = column;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/** The 1-based column number of letters such as "AB"; 0 for anything else. */
export function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) {
    const c = ch.charCodeAt(0);
    if (c < 65 || c > 90) return 0;
    n = n * 26 + (c - 64);
  }
  return n;
}
