import { markdownTable } from './markdownTable';

/** The fields of a pdf.js text item that page layout needs (`getTextContent().items`, marked content left out). */
export interface PdfTextItem {
  str: string;
  /** Text matrix [a, b, c, d, e, f]: e, f the baseline origin in page units, (c, d) the font size when upright. */
  transform: number[];
  width: number;
  hasEOL: boolean;
}

/** A non-blank, upright text item placed on the page. */
interface Run {
  index: number;
  text: string;
  x0: number;
  x1: number;
  y: number;
  size: number;
}

/** Text items sharing a baseline, left to right, and their runs merged into cells where the gap is small. */
interface Line {
  y: number;
  size: number;
  /** Indexes of every item on the line, blank ones included (so a table swallows pdf.js's gap-filling spaces). */
  items: number[];
  /** Indexes of the line's non-blank items, in the order pdf.js gave them. */
  order: number[];
  cells: { text: string; x0: number; x1: number }[];
}

/** A gap of at least this many ems between two runs on a line starts a new cell (word spaces are ~0.3 em). */
const CELL_GAP_EM = 1;
/** Rows of a table are at most this many ems apart (a larger gap ends the table). */
const ROW_GAP_EM = 2.5;
/** Fewest rows (the header included) before aligned lines count as a table. */
const MIN_ROWS = 3;

/**
 * A PDF page's text with its tables as Markdown tables. Text is kept in content order, as pdf.js gives it; a table
 * (at least three consecutive baselines, each split by wide gaps into cells that fall into the same columns) is
 * written once where its first item appears. Detection is conservative: runs of long cells or columns that every
 * line fills (two-column prose) stay text, so a page with no table reads exactly as before.
 */
export function pdfPageText(items: readonly PdfTextItem[]): string {
  const tables = findTables(items);
  if (tables.length === 0) return items.map((item) => item.str + (item.hasEOL ? '\n' : '')).join('');
  const tableAt = new Map<number, number>();
  tables.forEach((t, n) => t.items.forEach((i) => tableAt.set(i, n)));
  const written = new Set<number>();
  let out = '';
  items.forEach((item, i) => {
    const t = tableAt.get(i);
    if (t === undefined) {
      out += item.str + (item.hasEOL ? '\n' : '');
      return;
    }
    if (written.has(t)) return;
    written.add(t);
    out += `\n\n${tables[t]!.markdown}\n\n`;
  });
  return out.replace(/[^\S\n]+\n/g, '\n').replace(/\n{3,}/g, '\n\n');
}

function runsOf(items: readonly PdfTextItem[]): Run[] {
  const runs: Run[] = [];
  items.forEach((item, index) => {
    const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0] = item.transform;
    // Rotated or skewed text never takes part in a table.
    if (b !== 0 || c !== 0 || a <= 0) return;
    runs.push({ index, text: item.str, x0: e, x1: e + item.width, y: f, size: Math.abs(d) || a });
  });
  return runs;
}

function linesOf(items: readonly PdfTextItem[]): Line[] {
  const runs = runsOf(items).sort((p, q) => q.y - p.y || p.x0 - q.x0);
  const lines: { y: number; size: number; runs: Run[] }[] = [];
  for (const run of runs) {
    const line = lines.at(-1);
    if (line && Math.abs(line.y - run.y) <= 0.4 * Math.min(line.size, run.size || line.size)) line.runs.push(run);
    else lines.push({ y: run.y, size: run.size, runs: [run] });
  }
  return lines.map((line) => {
    const placed = line.runs.filter((r) => r.text.trim() !== '').sort((p, q) => p.x0 - q.x0);
    const size = placed.reduce((s, r) => Math.max(s, r.size), 0) || line.size;
    const cells: Line['cells'] = [];
    for (const run of placed) {
      const last = cells.at(-1);
      if (last && run.x0 - last.x1 < CELL_GAP_EM * size) {
        const joint = run.x0 - last.x1 > 0.15 * size && !/\s$/.test(last.text) ? ' ' : '';
        last.text += joint + run.text;
        last.x1 = Math.max(last.x1, run.x1);
      } else cells.push({ text: run.text, x0: run.x0, x1: run.x1 });
    }
    for (const cell of cells) cell.text = cell.text.replace(/\s+/g, ' ').trim();
    const order = placed.map((r) => r.index).sort((p, q) => p - q);
    return { y: line.y, size, items: line.runs.map((r) => r.index), order, cells };
  });
}

interface FoundTable {
  items: number[];
  markdown: string;
}

function findTables(items: readonly PdfTextItem[]): FoundTable[] {
  const lines = linesOf(items);
  const tables: FoundTable[] = [];
  let block: Line[] = [];
  const close = (): void => {
    const table = block.length >= MIN_ROWS ? tableOf(block) : undefined;
    if (table) tables.push(table);
    block = [];
  };
  for (const line of lines) {
    const prev = block.at(-1);
    if (line.cells.length < 2) {
      close();
      continue;
    }
    if (prev && prev.y - line.y > ROW_GAP_EM * Math.max(prev.size, line.size)) close();
    block.push(line);
  }
  close();
  return tables;
}

/** Columns as the x-projection of every cell: overlapping spans merge, so left, right and centred cells all fit. */
function columnsOf(block: readonly Line[]): [number, number][] {
  const spans = block.flatMap((l) => l.cells.map((c): [number, number] => [c.x0, c.x1])).sort((p, q) => p[0] - q[0]);
  const columns: [number, number][] = [];
  for (const [x0, x1] of spans) {
    const last = columns.at(-1);
    if (last && x0 <= last[1]) last[1] = Math.max(last[1], x1);
    else columns.push([x0, x1]);
  }
  return columns;
}

const wordsIn = (text: string): number => text.split(/\s+/).filter(Boolean).length;

function tableOf(block: readonly Line[]): FoundTable | undefined {
  const columns = columnsOf(block);
  if (columns.length < 2) return undefined;
  const rows = block.map((line) => {
    const row = columns.map(() => '');
    for (const cell of line.cells) {
      const mid = (cell.x0 + cell.x1) / 2;
      const k = columns.findIndex(([x0, x1]) => mid >= x0 && mid <= x1);
      row[k] = row[k] === '' ? cell.text : `${row[k]!} ${cell.text}`;
    }
    return row;
  });
  // A column most rows leave empty is a stray mark (a footnote number, a margin note), not a column.
  for (let k = 0; k < columns.length; k++) {
    if (rows.filter((r) => r[k] !== '').length * 2 < rows.length) return undefined;
  }
  const cells = block.flatMap((l) => l.cells);
  const words = cells.map((c) => wordsIn(c.text));
  const meanWords = words.reduce((s, w) => s + w, 0) / cells.length;
  const longCells = words.filter((w) => w > 6).length;
  // Prose set in columns: lines of many words, or lines that fill their column's width almost every time.
  const filled = columns.every(([x0, x1]) => {
    const inColumn = block.map((l) => l.cells.find((c) => c.x0 >= x0 && c.x1 <= x1)).filter((c) => c !== undefined);
    return inColumn.filter((c) => c.x1 - c.x0 >= 0.85 * (x1 - x0)).length >= 0.6 * inColumn.length;
  });
  if (meanWords > 5 || longCells * 4 > cells.length || (filled && meanWords >= 3)) return undefined;
  // Writers emit a table row by row, but columns of prose one whole column after the other.
  let rowMajor = 0;
  for (let n = 1; n < block.length; n++) {
    if (block[n]!.order[0]! > block[n - 1]!.order.at(-1)!) rowMajor++;
  }
  if (rowMajor < 0.8 * (block.length - 1)) return undefined;
  return { items: block.flatMap((l) => l.items), markdown: markdownTable(rows) };
}
