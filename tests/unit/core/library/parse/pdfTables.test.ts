import { describe, expect, it } from 'vitest';
import { chunkDocument } from '../../../../../electron/core/library/parse/chunkDocument';
import { parsePdf } from '../../../../../electron/core/library/parse/parsePdf';
import { pdfPageText } from '../../../../../electron/core/library/parse/pdfPageText';
import { makeLaidOutPdf, wrapWords } from '../../../../fixtures/corpus/pdfTableFiles';

/** One token per whitespace-separated word: exact, so budgets can be checked precisely. */
const countWords = (text: string): number => text.split(/\s+/).filter(Boolean).length;

const ESSAY =
  'The estuary drains twice a day and the wardens walk the mudflats at low water to count the waders that feed ' +
  'along the channel edges. In winter the flocks of knot and dunlin arrive from the north and stay until the ' +
  'spring tides, when the saltmarsh floods and the birds move up to the fields behind the sea wall. Volunteers ' +
  'keep a daily log of every species they see, and the log has been kept without a break since the reserve ' +
  'opened, which makes it one of the longest records of its kind anywhere on this coast.';

const TABLE = [
  ['District', 'Month', 'Revenue', 'Manager'],
  ['Harbour', 'January', '1200', 'Ann Lee'],
  ['Lighthouse', 'March', '48250', 'Ottoline Barrow'],
  ['Orchard', 'April', '930', 'Bo Chan'],
];

describe('PDF tables', () => {
  it('lays out a table as a Markdown table between its page prose, right-aligned numbers included', async () => {
    const pdf = await makeLaidOutPdf([
      [
        { prose: ['Revenue by district for the first quarter.'] },
        { table: TABLE, columns: [50, 170, 320, 360], align: ['left', 'left', 'right', 'left'] },
        { prose: ['Figures are in pounds.'] },
      ],
    ]);
    const doc = await parsePdf(pdf);
    expect(doc.sections).toEqual([
      {
        text:
          'Revenue by district for the first quarter.\n\n' +
          '| District | Month | Revenue | Manager |\n| --- | --- | --- | --- |\n| Harbour | January | 1200 | Ann Lee |\n' +
          '| Lighthouse | March | 48250 | Ottoline Barrow |\n| Orchard | April | 930 | Bo Chan |\n\nFigures are in pounds.',
        provenance: { page: 1 },
      },
    ]);
  });

  it('keeps two-column prose as text, wide columns and narrow ones alike', async () => {
    for (const width of [52, 24]) {
      const left = wrapWords(ESSAY, width);
      const right = wrapWords(ESSAY.split(' ').reverse().join(' '), width);
      const pdf = await makeLaidOutPdf([[{ prose: ['Notes from the reserve'] }, { twoColumns: [left, right] }]]);
      const [page] = (await parsePdf(pdf)).sections;
      expect(page!.text).not.toContain('|');
      // Content order survives: the whole left column, then the whole right one.
      expect(page!.text.replace(/\s+/g, ' ')).toContain(left.join(' '));
      expect(page!.text.replace(/\s+/g, ' ')).toContain(right.join(' '));
    }
  });

  it('keeps two-column prose as text even when the writer emits it line by line across the columns', async () => {
    const left = wrapWords(ESSAY, 52);
    const right = wrapWords(ESSAY.split(' ').reverse().join(' '), 52);
    const pdf = await makeLaidOutPdf([[{ twoColumns: [left, right], lineByLine: true }]]);
    const [page] = (await parsePdf(pdf)).sections;
    expect(page!.text).not.toContain('|');
    expect(page!.text).toContain(left[0]);
  });

  it('keeps an empty cell in its column, and a page holding both a table and two-column prose', async () => {
    const left = wrapWords(ESSAY, 52);
    const pdf = await makeLaidOutPdf([
      [
        {
          table: [
            ['Tide', 'Height', 'Note'],
            ['High', '5.1', 'Spring'],
            ['Low', '0.4', ''],
            ['High', '4.8', 'Neap'],
          ],
          columns: [50, 150, 250],
        },
        { twoColumns: [left, left] },
      ],
    ]);
    const [page] = (await parsePdf(pdf)).sections;
    expect(page!.text).toMatch(
      /^\| Tide \| Height \| Note \|\n\| --- \| --- \| --- \|\n\| High \| 5\.1 \| Spring \|\n\| Low \| 0\.4 \| {2}\|\n\| High \| 4\.8 \| Neap \|\n\nThe estuary/,
    );
    expect(page!.text.match(/\|/g)).toHaveLength(20);
  });

  it('needs three aligned rows: two short aligned lines stay text', () => {
    const item = (str: string, x: number, y: number, hasEOL = false) => ({
      str,
      transform: [10, 0, 0, 10, x, y],
      width: str.length * 5,
      hasEOL,
    });
    const items = [item('Name', 50, 700), item('Value', 200, 700, true), item('Tide', 50, 686), item('High', 200, 686)];
    expect(pdfPageText(items)).toBe('NameValue\nTideHigh');
    const three = [...items.slice(0, 3), item('High', 200, 686, true), item('Wind', 50, 672), item('West', 200, 672)];
    expect(pdfPageText(three)).toBe('\n\n| Name | Value |\n| --- | --- |\n| Tide | High |\n| Wind | West |\n\n');
  });

  it('chunks a long PDF table only between rows, each piece under the header, on its page', async () => {
    const rows = [
      ['Code', 'Species', 'Count'],
      ...Array.from({ length: 40 }, (_, k) => [`S${k}`, `Wader ${k}`, `${k}`]),
    ];
    const pdf = await makeLaidOutPdf([[{ prose: ['Intro page.'] }], [{ table: rows, columns: [50, 150, 300] }]]);
    const chunks = await chunkDocument(await parsePdf(pdf), {
      chunkTokens: 60,
      overlapTokens: 0,
      countTokens: countWords,
    });
    const tablePieces = chunks.filter((c) => c.text.includes('| Code |'));
    expect(tablePieces.length).toBeGreaterThan(1);
    const seen: string[] = [];
    for (const c of tablePieces) {
      expect(c.provenance).toEqual({ page: 2 });
      const lines = c.text.split('\n');
      expect(lines.slice(0, 2)).toEqual(['| Code | Species | Count |', '| --- | --- | --- |']);
      for (const line of lines.slice(2)) expect(line).toMatch(/^\| S\d+ \| Wader \d+ \| \d+ \|$/);
      seen.push(...lines.slice(2));
    }
    expect(seen).toEqual(rows.slice(1).map((r) => `| ${r.join(' | ')} |`));
  });
});
