import { describe, expect, it } from 'vitest';
import { chunkDocument } from '../../../../../electron/core/library/parse/chunkDocument';
import { htmlToBlocks } from '../../../../../electron/core/library/parse/htmlToBlocks';
import { columnLetters, columnNumber, markdownTable } from '../../../../../electron/core/library/parse/markdownTable';
import type { ParsedDocument } from '../../../../../electron/core/library/parse/ParsedDocument';
import { sheetSection } from '../../../../../electron/core/library/parse/sheetSection';
import { sniffType } from '../../../../../electron/core/library/parse/sniffType';
import {
  makeEml,
  makeEpub,
  makeMbox,
  makeOdt,
  makePptx,
  makeXlsx,
  makeZip,
} from '../../../../fixtures/corpus/formatFiles';

/** One token per whitespace-separated word: exact, so budgets can be checked precisely. */
const countWords = (text: string): number => text.split(/\s+/).filter(Boolean).length;

describe('Markdown tables', () => {
  it('escapes pipes, collapses line breaks and pads short rows', () => {
    expect(markdownTable([['a|b', 'c'], ['line\nbreak']])).toBe('| a\\|b | c |\n| --- | --- |\n| line break |  |');
    expect(markdownTable([])).toBe('');
  });

  it('names columns as spreadsheets do', () => {
    expect([1, 26, 27, 52, 703].map(columnLetters)).toEqual(['A', 'Z', 'AA', 'AZ', 'AAA']);
    expect(['A', 'Z', 'AA', 'AZ', 'AAA', 'a1'].map(columnNumber)).toEqual([1, 26, 27, 52, 703, 0]);
  });

  it('turns HTML tables (nested ones flattened into their cell) into one Markdown block', () => {
    const { blocks } = htmlToBlocks(
      '<p>Before</p><table><caption>Prices</caption><tr><th>Fruit</th><th>Price</th></tr>' +
        '<tr><td><p>Apple</p><p>green</p></td><td><table><tr><td>1</td><td>EUR</td></tr></table></td></tr></table><p>After</p>',
    );
    expect(blocks.map((b) => b.text)).toEqual([
      'Before',
      'Prices\n| Fruit | Price |\n| --- | --- |\n| Apple green | 1 EUR |',
      'After',
    ]);
  });
});

describe('chunking keeps tables whole rows', () => {
  const rows = Array.from({ length: 40 }, (_, k) => [`item${k + 1}`, `${k + 1}`, 'alpha beta gamma']);

  it('splits a sheet between rows, repeats the header and names the cells of each piece', async () => {
    const grid = new Map<number, Map<number, string>>();
    grid.set(
      3,
      new Map([
        [2, 'Name'],
        [3, 'Qty'],
        [4, 'Note'],
      ]),
    );
    rows.forEach((r, k) => grid.set(k + 5, new Map(r.map((v, c) => [c + 2, v]))));
    const section = sheetSection({ name: 'Stock', rows: grid })!;
    expect(section.provenance).toEqual({ sheet: 'Stock', cells: 'B3:D44' });
    const chunks = await chunkDocument(
      { type: 'xlsx', sections: [section] },
      { chunkTokens: 60, countTokens: countWords },
    );
    expect(chunks.length).toBeGreaterThan(3);
    let expectedRow = 5;
    for (const c of chunks) {
      const lines = c.text.split('\n');
      expect(lines.slice(0, 2)).toEqual(['| Name | Qty | Note |', '| --- | --- | --- |']);
      const body = lines.slice(2);
      expect(body.every((l) => /^\| item\d+ \| \d+ \| alpha beta gamma \|$/.test(l))).toBe(true);
      expect(c.provenance).toEqual({ sheet: 'Stock', cells: `B${expectedRow}:D${expectedRow + body.length - 1}` });
      expectedRow += body.length;
    }
    expect(expectedRow).toBe(45);
  });

  it('packs prose with a table that fits and splits a long one in a heading section between rows', async () => {
    const table = markdownTable([['Name', 'Qty', 'Note'], ...rows]);
    const doc: ParsedDocument = {
      type: 'docx',
      sections: [
        {
          text: `Stock\nCounted in May.\n${table}\nSigned by the keeper.`,
          provenance: { headingPath: ['Stock'], lineStart: 1, lineEnd: 4 },
        },
      ],
    };
    const chunks = await chunkDocument(doc, { chunkTokens: 60, countTokens: countWords });
    expect(
      chunks[0]!.text.startsWith('Stock\nCounted in May.\n| Name | Qty | Note |\n| --- | --- | --- |\n| item1 |'),
    ).toBe(true);
    const tableRows = chunks.flatMap((c) => c.text.split('\n').filter((l) => l.startsWith('| item')));
    expect(tableRows).toHaveLength(40);
    for (const c of chunks.filter((x) => x.text.includes('| item'))) {
      expect(c.text).toContain('| Name | Qty | Note |\n| --- | --- | --- |');
      expect(c.provenance).toMatchObject({ headingPath: ['Stock'] });
    }
    expect(chunks.at(-1)!.text.endsWith('Signed by the keeper.')).toBe(true);
  });

  it('keeps a row larger than a chunk whole rather than cutting it', async () => {
    const long = Array.from({ length: 80 }, (_, k) => `word${k}`).join(' ');
    const text = markdownTable([
      ['A', 'B'],
      ['short', 'row'],
      [long, 'x'],
    ]);
    const chunks = await chunkDocument(
      { type: 'html', sections: [{ text, provenance: { headingPath: [], lineStart: 1, lineEnd: 4 } }] },
      { chunkTokens: 30, countTokens: countWords },
    );
    expect(chunks.map((c) => c.text.split('\n').length)).toEqual([3, 3]);
    expect(chunks[1]!.text).toContain(`| ${long} | x |`);
  });
});

describe('sniffType on the new formats, by content whatever the name', () => {
  it('tells ZIP-based formats apart by their mimetype entry or [Content_Types].xml', () => {
    expect(sniffType(makePptx([{ title: 'T', body: [] }]), 'a.docx')).toBe('pptx');
    expect(sniffType(makeXlsx([{ name: 'S', rows: [['a']] }]), 'a.txt')).toBe('xlsx');
    expect(sniffType(makeOdt([{ p: 'x' }]), 'a.xlsx')).toBe('odt');
    expect(sniffType(makeEpub('B', [{ title: 'C', body: '<p>x</p>' }]), 'a.zip')).toBe('epub');
    expect(sniffType(makeZip([{ name: 'a.txt', data: Buffer.from('x') }]), 'a.docx')).toBe('zip');
    expect(() => sniffType(Buffer.from('PK\x03\x04 not really'), 'a.zip')).toThrow(/ZIP archive is damaged/);
  });

  it('knows RTF and email by their first bytes, and leaves notes with "Title:" lines alone', () => {
    expect(sniffType(Buffer.from('{\\rtf1\\ansi hello}'), 'a.txt')).toBe('rtf');
    const eml = makeEml({
      from: 'a@x.org',
      to: 'b@x.org',
      subject: 'S',
      date: 'Mon, 1 Jan 2024 00:00:00 +0000',
      body: 'b',
    });
    expect(sniffType(eml, 'message.txt')).toBe('email');
    expect(sniffType(makeMbox([eml]), 'inbox')).toBe('email');
    expect(sniffType(Buffer.from('Title: Notes\nDate: today\nTags: a\n\nBody'), 'notes.md')).toBe('markdown');
  });
});
