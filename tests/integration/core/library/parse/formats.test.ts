import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chunkDocument } from '../../../../../electron/core/library/parse/chunkDocument';
import { parseFile } from '../../../../../electron/core/library/parse/parseFile';
import { makeDocx } from '../../../../fixtures/corpus/corpusFiles';
import {
  makeBomb,
  makeEml,
  makeEpub,
  makeMbox,
  makeNestedZip,
  makeOds,
  makeOdt,
  makePptx,
  makeRtf,
  makeXlsx,
  makeZip,
} from '../../../../fixtures/corpus/formatFiles';
import { tempDir } from '../../../../helpers/tempCore';

const MAX = 50 * 1024 * 1024;
let dir: Awaited<ReturnType<typeof tempDir>>;

/** Writes the file under a name that says nothing true about it, so only its content can decide the type. */
async function parseAs(bytes: Buffer, name = 'unnamed.bin') {
  const path = join(dir.path, `${String(Math.random()).slice(2)}-${name}`);
  await writeFile(path, bytes);
  return parseFile(path, { maxBytes: MAX, timeoutMs: 20_000 });
}

beforeAll(async () => {
  dir = await tempDir('hearth-formats-');
});
afterAll(() => dir.remove());

describe('new formats, sniffed by content and placed by slide, sheet, chapter, message or entry', () => {
  it('reads a PPTX slide by slide in presentation order, with notes and tables', async () => {
    const doc = await parseAs(
      makePptx([
        { title: 'Roadmap', body: ['Launch in spring', 'Hire two engineers'], notes: 'Mention the budget freeze' },
        {
          title: 'Costs',
          body: ['Servers dominate'],
          table: [
            ['Item', 'Cost'],
            ['Servers', '1200'],
          ],
        },
      ]),
      'deck.txt',
    );
    expect(doc).toMatchObject({ type: 'pptx', title: 'Roadmap' });
    expect(doc.sections).toEqual([
      {
        text: 'Roadmap\nLaunch in spring\nHire two engineers\nNotes: Mention the budget freeze',
        provenance: { slide: 1 },
      },
      {
        text: 'Costs\nServers dominate\n| Item | Cost |\n| --- | --- |\n| Servers | 1200 |',
        provenance: { slide: 2 },
      },
    ]);
  });

  it('reads XLSX and ODS sheets as Markdown tables located by sheet and cell range', async () => {
    const xlsx = await parseAs(
      makeXlsx(
        [
          {
            name: 'Sales',
            rows: [
              ['Region', 'Revenue', 'Closed'],
              ['North', 1200, new Date(Date.UTC(2024, 2, 1))],
              ['South | East', 900, new Date(Date.UTC(2024, 2, 2))],
            ],
          },
          { name: 'Blank', rows: [] },
        ],
        'Budget 2024',
      ),
    );
    expect(xlsx).toMatchObject({ type: 'xlsx', title: 'Budget 2024' });
    expect(xlsx.sections.map((s) => [s.text, s.provenance])).toEqual([
      [
        [
          '| Region | Revenue | Closed |',
          '| --- | --- | --- |',
          '| North | 1200 | 2024-03-01 |',
          '| South \\| East | 900 | 2024-03-02 |',
        ].join('\n'),
        { sheet: 'Sales', cells: 'A1:C3' },
      ],
    ]);
    const ods = await parseAs(
      makeOds([
        {
          name: 'Stock',
          rows: [
            ['Item', 'Count'],
            ['Apples', '12'],
          ],
        },
      ]),
    );
    expect(ods.sections).toEqual([
      {
        text: '| Item | Count |\n| --- | --- |\n| Apples | 12 |',
        provenance: { sheet: 'Stock', cells: 'A1:B2' },
        table: { rowNumbers: [2], firstColumn: 'A', lastColumn: 'B' },
      },
    ]);
  });

  it('reads ODT headings, paragraphs and tables; RTF paragraphs as lines', async () => {
    const odt = await parseAs(
      makeOdt([
        { h: 1, text: 'Field Notes' },
        { p: 'The river was  high.' },
        { h: 2, text: 'Birds' },
        {
          table: [
            ['Bird', 'Seen'],
            ['Heron', '3'],
          ],
        },
      ]),
    );
    expect(odt.sections.map((s) => [s.text, s.provenance])).toEqual([
      ['Field Notes\nThe river was  high.', { headingPath: ['Field Notes'], lineStart: 1, lineEnd: 2 }],
      [
        'Birds\n| Bird | Seen |\n| --- | --- |\n| Heron | 3 |',
        { headingPath: ['Field Notes', 'Birds'], lineStart: 3, lineEnd: 4 },
      ],
    ]);
    const rtf = await parseAs(makeRtf(['Dear café owner,', 'The price is 5 € per cup.']));
    expect(rtf).toEqual({
      type: 'rtf',
      sections: [{ text: 'Dear café owner,\nThe price is 5 € per cup.', provenance: { lineStart: 1, lineEnd: 2 } }],
    });
  });

  it('reads an EPUB with each chapter (named by its table of contents) as the outermost heading', async () => {
    const doc = await parseAs(
      makeEpub('A Small Book', [
        { title: 'Arrival', body: '<h1>Arrival</h1><p>The ship arrived at dawn.</p>' },
        { title: 'Inland', body: '<p>They walked inland.</p><h2>The Farm</h2><p>A farm with goats.</p>' },
      ]),
    );
    expect(doc.title).toBe('A Small Book');
    expect(doc.sections.map((s) => s.provenance)).toEqual([
      { headingPath: ['Arrival'], lineStart: 1, lineEnd: 2 },
      { headingPath: ['Inland'], lineStart: 3, lineEnd: 4 },
      { headingPath: ['Inland', 'The Farm'], lineStart: 5, lineEnd: 6 },
    ]);
    expect(doc.sections[2]!.text).toBe('The Farm\nA farm with goats.');
  });

  it('reads an email with headers, body and an attachment parsed by its own type', async () => {
    const doc = await parseAs(
      makeEml({
        from: 'Ann <ann@example.org>',
        to: 'bob@example.org',
        subject: 'Invoice 42',
        date: 'Mon, 1 Jan 2024 10:00:00 +0000',
        body: 'Please pay the invoice by Friday.',
        attachments: [
          { name: 'terms.md', type: 'text/markdown', data: Buffer.from('# Terms\n\nNet thirty days.\n') },
          { name: 'photo.jpg', type: 'image/jpeg', data: Buffer.from([0xff, 0xd8, 0xff, 0xe0, 1, 2]) },
        ],
      }),
    );
    expect(doc).toMatchObject({ type: 'email', title: 'Invoice 42' });
    expect(doc.sections[0]).toEqual({
      text: [
        'From: "Ann" <ann@example.org>',
        'To: bob@example.org',
        'Date: 2024-01-01 10:00',
        'Subject: Invoice 42',
        'Attachments: terms.md, photo.jpg (not read: This file is a JPEG image.)',
        '',
        'Please pay the invoice by Friday.',
      ].join('\n'),
      provenance: { headingPath: ['Invoice 42'] },
    });
    expect(doc.sections[1]).toEqual({
      text: 'Terms\n\nNet thirty days.',
      provenance: { headingPath: ['Invoice 42', 'Attachment: terms.md', 'Terms'], lineStart: 1, lineEnd: 3 },
    });
  });

  it('reads an mbox message by message, keeping "From" lines inside bodies', async () => {
    const message = (subject: string, body: string) =>
      makeEml({ from: 'a@x.org', to: 'b@x.org', subject, date: 'Tue, 2 Jan 2024 09:30:00 +0000', body });
    const doc = await parseAs(
      makeMbox([message('First', 'Hello.\nFrom the start, all went well.'), message('Second', 'Bye.')]),
    );
    expect(doc.type).toBe('email');
    expect(doc.sections.map((s) => s.provenance)).toEqual([
      { headingPath: ['Message 1: First'] },
      { headingPath: ['Message 2: Second'] },
    ]);
    expect(doc.sections[0]!.text).toMatch(/Hello\.\nFrom the start, all went well\.$/);
  });

  it('reads a ZIP of documents entry by entry and lists the entries it cannot read', async () => {
    const doc = await parseAs(
      makeZip([
        { name: 'notes/readme.md', data: Buffer.from('# Read me\n\nArchive text here.\n') },
        { name: 'report.docx', data: await makeDocx() },
        { name: 'deck.pptx', data: makePptx([{ title: 'Inside', body: ['A slide in a zip'] }]) },
        { name: 'logo.png', data: Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]) },
        { name: '__MACOSX/._readme.md', data: Buffer.from('junk') },
      ]),
      'bundle.docx',
    );
    expect(doc.type).toBe('zip');
    expect(doc.sections.map((s) => s.provenance)).toEqual([
      { headingPath: ['notes/readme.md', 'Read me'], lineStart: 1, lineEnd: 3 },
      { headingPath: ['report.docx', 'Quarterly Report'], lineStart: 1, lineEnd: 2 },
      { headingPath: ['report.docx', 'Quarterly Report', 'Risks'], lineStart: 3, lineEnd: 4 },
      { headingPath: ['deck.pptx', 'Slide 1'] },
      { headingPath: ['Entries not read'] },
    ]);
    expect(doc.sections[4]!.text).toBe('Entries Hearth could not read:\n- logo.png: This file is a PNG image.');
  });

  it('keeps tables from HTML and DOCX-like markup as tables that chunk between rows only', async () => {
    const rows = Array.from({ length: 60 }, (_, k) => `<tr><td>Item ${k + 1}</td><td>${(k + 1) * 10} units</td></tr>`);
    const html = `<html><body><h1>Stock</h1><p>Counted in May.</p><table><tr><th>Item</th><th>Count</th></tr>${rows.join('')}</table></body></html>`;
    const doc = await parseAs(Buffer.from(html), 'stock.html');
    expect(doc.sections[0]!.text).toMatch(
      /^Stock\nCounted in May\.\n\| Item \| Count \|\n\| --- \| --- \|\n\| Item 1 \| 10 units \|/,
    );
    const chunks = await chunkDocument(doc, { chunkTokens: 80, overlapTokens: 10 });
    expect(chunks.length).toBeGreaterThan(2);
    for (const c of chunks.slice(1)) {
      expect(c.text.split('\n').slice(0, 2)).toEqual(['| Item | Count |', '| --- | --- |']);
    }
    const bodyRows = chunks.flatMap((c) => c.text.split('\n').filter((l) => /^\| Item \d/.test(l)));
    expect(bodyRows).toEqual(Array.from({ length: 60 }, (_, k) => `| Item ${k + 1} | ${(k + 1) * 10} units |`));
  });
});

describe('hostile versions fail with a clear message, within bounds', () => {
  const cases: [string, () => Buffer, string, RegExp][] = [
    ['zip-bomb XLSX', () => makeBomb('xlsx'), 'UNSUPPORTED_FILE', /^This spreadsheet expands to far more data/],
    ['zip-bomb PPTX', () => makeBomb('pptx'), 'UNSUPPORTED_FILE', /^This presentation expands to far more data/],
    ['zip-bomb EPUB', () => makeBomb('epub'), 'UNSUPPORTED_FILE', /^This e-book expands to far more data/],
    [
      'ZIP nested 6 deep',
      () => makeNestedZip(6),
      'UNSUPPORTED_FILE',
      /^In “level1\.zip”: In “level2\.zip”: In “level3\.zip”: This archive holds archives nested more than 3 deep/,
    ],
    [
      'a zip bomb inside a ZIP',
      () =>
        makeZip([
          { name: 'ok.txt', data: Buffer.from('fine') },
          { name: 'sheet.xlsx', data: makeBomb('xlsx') },
        ]),
      'UNSUPPORTED_FILE',
      /^In “sheet\.xlsx”: This spreadsheet expands to far more data/,
    ],
    [
      '.eml whose attachment header claims 1 GB',
      () =>
        makeEml({
          from: 'a@x.org',
          to: 'b@x.org',
          subject: 'Huge',
          date: 'Mon, 1 Jan 2024 10:00:00 +0000',
          body: 'See attached.',
          attachments: [
            {
              name: 'big.bin',
              type: 'application/octet-stream',
              data: Buffer.from('small'),
              headers: 'Content-Disposition: attachment; filename="big.bin"; size=1073741824',
            },
          ],
        }),
      'FILE_TOO_LARGE',
      /^This email's attachment “big\.bin” is 1\.1 GB, over the 52\.4 MB limit\.$/,
    ],
  ];
  it.each(cases)('%s', async (_label, make, code, message) => {
    const failure = await parseAs(make()).then(
      () => null,
      (err: unknown) => err as { code: string; message: string },
    );
    expect(failure).toMatchObject({ code, message: expect.stringMatching(message) });
  });
});
