import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AskEvent, Message, Passage } from '../../../../electron/shared/answerSchemas';
import type { BatchResult } from '../../../../electron/shared/librarySchemas';
import type { Result } from '../../../../electron/shared/result';
import type { SearchResult } from '../../../../electron/shared/searchSchemas';
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
  type CellSpec,
} from '../../../fixtures/corpus/formatFiles';
import { makeLaidOutPdf } from '../../../fixtures/corpus/pdfTableFiles';
import { createLexicalEmbeddingModel, createTinyLlamaModel } from '../../../fixtures/gguf/tinyLlama';
import type { TestCore } from '../../../helpers/tempCore';
import { startTestCore, tempDir } from '../../../helpers/tempCore';

let dir: Awaited<ReturnType<typeof tempDir>>;
let core: TestCore;
let batch: BatchResult;
const ctx = () => ({ origin: 'internal' as const, signal: new AbortController().signal });

const DISTRICTS = ['Harbour', 'Orchard', 'Quarry', 'Meadow', 'Mill', 'Bridge', 'Market', 'Chapel', 'Forge', 'Dock'];
/** 120 rows: far more than one passage holds, so the sheet is chunked by rows. Row 77 is the one asked about. */
const SALES: CellSpec[][] = [
  ['District', 'Month', 'Revenue', 'Manager'],
  ...Array.from({ length: 120 }, (_, k): CellSpec[] =>
    k === 75
      ? ['Lighthouse', 'March', 48_250, 'Ottoline Barrow']
      : [
          `${DISTRICTS[k % 10]!} ${String(k)}`,
          ['January', 'February', 'April'][k % 3]!,
          1000 + k,
          `Clerk ${String(k)}`,
        ],
  ),
];

/** A seabird count on page 2 of a PDF, as a typeset table (no rules, right-aligned counts): the row asked about. */
const COLONIES = [
  ['Colony', 'Species', 'Pairs', 'Counter'],
  ...Array.from({ length: 30 }, (_, k) =>
    k === 21
      ? ['Gannet Rock', 'Kittiwake', '3170', 'Perpetua Quill']
      : [`Stack ${k}`, 'Fulmar', `${100 + k}`, `Ranger ${k}`],
  ),
];

const FILES: Record<string, () => Buffer | Promise<Buffer>> = {
  'seabirds.pdf': () =>
    makeLaidOutPdf([
      [{ prose: ['Seabird census of the northern cliffs.', 'The counts follow on the next page.'] }],
      [
        { prose: ['Breeding pairs by colony.'] },
        { table: COLONIES, columns: [50, 170, 330, 350], align: ['left', 'left', 'right', 'left'] },
      ],
    ]),
  'sales.xlsx': () => makeXlsx([{ name: 'Sales', rows: SALES }], 'Sales 2024'),
  'deck.pptx': () =>
    makePptx([
      { title: 'Roadmap', body: ['Launch the kayak rental in spring'] },
      { title: 'Staffing', body: ['Hire two wardens'], notes: 'Mention the volunteer rota' },
    ]),
  'stock.ods': () =>
    makeOds([
      {
        name: 'Stock',
        rows: [
          ['Item', 'Count'],
          ['Lanterns', '14'],
        ],
      },
    ]),
  'notes.odt': () => makeOdt([{ h: 1, text: 'Field Notes' }, { p: 'The heron nested by the weir.' }]),
  'letter.rtf': () => makeRtf(['The café on the pier opens at nine.']),
  'book.epub': () => makeEpub('Tides', [{ title: 'Low Water', body: '<p>The estuary drains at noon.</p>' }]),
  'mail.eml': () =>
    makeEml({
      from: 'ann@example.org',
      to: 'bob@example.org',
      subject: 'Boathouse keys',
      date: 'Mon, 1 Jan 2024 10:00:00 +0000',
      body: 'The boathouse keys hang behind the tide clock.',
    }),
  'archive.mbox': () =>
    makeMbox([
      makeEml({
        from: 'a@x.org',
        to: 'b@x.org',
        subject: 'Rota',
        date: 'Tue, 2 Jan 2024 09:00:00 +0000',
        body: 'Gull survey on Tuesday.',
      }),
    ]),
  'bundle.zip': () =>
    makeZip([{ name: 'inside/readme.md', data: Buffer.from('# Zipped\n\nThe ferry timetable changed.\n') }]),
  // Hostile files in the same batch: each ends with its own error, the rest is indexed.
  'bomb.xlsx': () => makeBomb('xlsx'),
  'bomb.pptx': () => makeBomb('pptx'),
  'bomb.epub': () => makeBomb('epub'),
  'nested.zip': () => makeNestedZip(6),
  'huge.eml': () =>
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
};

beforeAll(async () => {
  dir = await tempDir('hearth-formats-ingest-');
  core = await startTestCore(join(dir.path, 'data'), { startSidecars: true });
  await core.services.storage.ready;
  await core.services.settings.update({ answers: { maxTokens: 24 } });
  const embed = await core.services.modelCatalog.importFile(
    (await createLexicalEmbeddingModel(join(dir.path, 'lex.gguf'))).path,
  );
  await core.services.modelCatalog.setDefault('embedding', embed.id);
  const chat = await core.services.modelCatalog.importFile(
    (await createTinyLlamaModel(join(dir.path, 'chat.gguf'))).path,
  );
  await core.services.modelCatalog.setDefault('chat', chat.id);
  const paths: string[] = [];
  for (const [name, make] of Object.entries(FILES)) {
    paths.push(join(dir.path, name));
    await writeFile(join(dir.path, name), await make());
  }
  batch = await core.services.library.ingest({ paths });
}, 180_000);

afterAll(async () => {
  await core?.dispose();
  await dir?.remove();
});

describe('every new format through the library', () => {
  it('indexes the good files of a mixed batch and gives each hostile file its own error', () => {
    const byName = new Map(batch.files.map((f) => [f.name, f]));
    for (const name of Object.keys(FILES).filter((n) => !/^(bomb|nested|huge)/.test(n))) {
      expect(byName.get(name), name).toMatchObject({ stage: 'indexed' });
    }
    expect(byName.get('bomb.xlsx')?.error?.message).toMatch(/^This spreadsheet expands to far more data/);
    expect(byName.get('bomb.pptx')?.error?.message).toMatch(/^This presentation expands to far more data/);
    expect(byName.get('bomb.epub')?.error?.message).toMatch(/^This e-book expands to far more data/);
    expect(byName.get('nested.zip')?.error?.message).toMatch(/nested more than 3 deep/);
    expect(byName.get('huge.eml')?.error).toMatchObject({
      code: 'FILE_TOO_LARGE',
      message: expect.stringMatching(/^This email's attachment “big\.bin” is 1\.1 GB, over the .+ limit\.$/),
    });
    const types = Object.fromEntries(
      core.services.libraryCatalog.listDocuments({ status: 'indexed' }).map((d) => [d.name, d.type]),
    );
    expect(types).toEqual({
      'seabirds.pdf': 'pdf',
      'sales.xlsx': 'xlsx',
      'deck.pptx': 'pptx',
      'stock.ods': 'ods',
      'notes.odt': 'odt',
      'letter.rtf': 'rtf',
      'book.epub': 'epub',
      'mail.eml': 'email',
      'archive.mbox': 'email',
      'bundle.zip': 'zip',
    });
  });

  it('stores each passage with its place: slide, sheet and cells, chapter, message, entry', () => {
    const docs = core.services.libraryCatalog.listDocuments({ status: 'indexed' });
    const places = (name: string) =>
      core.services.libraryCatalog.listChunks(docs.find((d) => d.name === name)!.id).map((c) => c.provenance);
    expect(places('deck.pptx')).toEqual([{ slide: 1 }, { slide: 2 }]);
    expect(places('stock.ods')).toEqual([{ sheet: 'Stock', cells: 'A1:B2' }]);
    expect(places('book.epub')).toEqual([{ headingPath: ['Low Water'], lineStart: 1, lineEnd: 2 }]);
    expect(places('mail.eml')).toEqual([{ headingPath: ['Boathouse keys'] }]);
    expect(places('archive.mbox')).toEqual([{ headingPath: ['Message 1: Rota'] }]);
    expect(places('bundle.zip')).toEqual([{ headingPath: ['inside/readme.md', 'Zipped'], lineStart: 1, lineEnd: 3 }]);
    // The sheet is cut between rows into consecutive ranges that cover every row once, each with the header.
    const sales = core.services.libraryCatalog.listChunks(docs.find((d) => d.name === 'sales.xlsx')!.id);
    expect(sales.length).toBeGreaterThan(1);
    const ranges = sales.map((c) =>
      /^A(\d+):D(\d+)$/
        .exec((c.provenance as { cells: string }).cells)!
        .slice(1)
        .map(Number),
    );
    expect(ranges[0]![0]).toBe(2);
    expect(ranges.at(-1)![1]).toBe(121);
    for (let k = 1; k < ranges.length; k++) expect(ranges[k]![0]).toBe(ranges[k - 1]![1]! + 1);
    for (const c of sales) {
      expect(c.provenance).toMatchObject({ sheet: 'Sales' });
      expect(c.text.split('\n').slice(0, 2)).toEqual([
        '| District | Month | Revenue | Manager |',
        '| --- | --- | --- | --- |',
      ]);
    }
  });

  it('finds the passage holding a table row, and an answer cites its sheet and cells', async () => {
    const search = (await core.services.dispatcher.call(
      'library.search',
      { query: 'Lighthouse March revenue', mode: 'keyword' },
      ctx(),
    )) as Result<SearchResult>;
    if (!search.ok) throw new Error(search.error.message);
    const top = search.value.passages[0]!;
    expect(top).toMatchObject({
      documentName: 'sales.xlsx',
      sheet: 'Sales',
      location: expect.stringMatching(/^Sales!A\d+:D\d+$/),
    });
    expect(top.text).toContain('| Lighthouse | March | 48250 | Ottoline Barrow |');

    const events: AskEvent[] = [];
    const asked = (await core.services.dispatcher.stream(
      'chat.ask',
      { question: 'What revenue did the Lighthouse district make in March?' },
      ctx(),
      (e) => events.push(e as AskEvent),
    )) as Result<{ conversationId: string; message: Message }>;
    if (!asked.ok) throw new Error(asked.error.message);
    const cite = asked.value.message.citations[0]!;
    expect(cite).toMatchObject({ documentName: 'sales.xlsx', sheet: 'Sales' });
    const [first, last] = /^A(\d+):D(\d+)$/.exec(cite.cells!)!.slice(1).map(Number);
    // Row 77 of the sheet (the header is row 1) is inside the cited range, and the passage holds it under its header.
    expect(first).toBeLessThanOrEqual(77);
    expect(last).toBeGreaterThanOrEqual(77);
    const passage = (await core.services.dispatcher.call(
      'library.passage',
      { chunkId: cite.chunkId },
      ctx(),
    )) as Result<Passage>;
    expect(passage.ok && passage.value).toMatchObject({
      sheet: 'Sales',
      cells: cite.cells,
      text: expect.stringMatching(
        /^\| District \| Month \| Revenue \| Manager \|\n[^]*\| Lighthouse \| March \| 48250 \|/,
      ),
    });
  });

  it('reads a PDF table as a table: a question about its row cites the passage on its page', async () => {
    const search = (await core.services.dispatcher.call(
      'library.search',
      { query: 'Kittiwake pairs Gannet Rock', mode: 'keyword' },
      ctx(),
    )) as Result<SearchResult>;
    if (!search.ok) throw new Error(search.error.message);
    const top = search.value.passages[0]!;
    expect(top).toMatchObject({ documentName: 'seabirds.pdf', page: 2 });
    expect(top.text).toMatch(/^Breeding pairs by colony\.\n\n\| Colony \| Species \| Pairs \| Counter \|\n\| --- /);
    expect(top.text).toContain('\n| Gannet Rock | Kittiwake | 3170 | Perpetua Quill |');

    const asked = (await core.services.dispatcher.stream(
      'chat.ask',
      { question: 'How many Kittiwake pairs did Gannet Rock have?' },
      ctx(),
      () => undefined,
    )) as Result<{ conversationId: string; message: Message }>;
    if (!asked.ok) throw new Error(asked.error.message);
    const cite = asked.value.message.citations[0]!;
    expect(cite).toMatchObject({ documentName: 'seabirds.pdf', page: 2 });
    const passage = (await core.services.dispatcher.call(
      'library.passage',
      { chunkId: cite.chunkId },
      ctx(),
    )) as Result<Passage>;
    expect(passage.ok && passage.value).toMatchObject({
      page: 2,
      text: expect.stringContaining('| Gannet Rock | Kittiwake | 3170 | Perpetua Quill |'),
    });
  });
});
