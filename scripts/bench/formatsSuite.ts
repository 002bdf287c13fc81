import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chunkDocument } from '../../electron/core/library/parse/chunkDocument';
import { parseFile } from '../../electron/core/library/parse/parseFile';
import { Document, HeadingLevel, Packer, Paragraph } from 'docx';
import {
  makeEml,
  makeEpub,
  makeMbox,
  makeOds,
  makeOdt,
  makePptx,
  makeRtf,
  makeXlsx,
  makeZip,
  type CellSpec,
} from '../../tests/fixtures/corpus/formatFiles';
import { makeLaidOutPdf, wrapWords } from '../../tests/fixtures/corpus/pdfTableFiles';
import type { BenchRow } from './stats';
import { percentile, round } from './stats';

/** Parses of each file; the median is reported (the first run also loads the parser's modules). */
const RUNS = Number(process.env.HEARTH_BENCH_FORMATS_RUNS ?? 5);
const SENTENCE = 'The harbour master logged the tide, the wind and the boats that came in before noon.';

/** Documents of a size people have: each format at a realistic scale, built in code. */
async function corpus(): Promise<Record<string, Buffer>> {
  const para = (k: number) => `${String(k)}. ${SENTENCE}`;
  const sheet: CellSpec[][] = [
    ['Date', 'Boat', 'Berth', 'Tonnage', 'Crew', 'Notes'],
    ...Array.from({ length: 10_000 }, (_, k): CellSpec[] => [
      new Date(Date.UTC(2024, 0, 1 + (k % 365))),
      `Boat ${String(k)}`,
      `B${String(k % 40)}`,
      100 + (k % 900),
      k % 12,
      k % 7 === 0 ? 'Inspected' : '',
    ]),
  ];
  const message = (k: number) =>
    makeEml({
      from: `sender${String(k)}@example.org`,
      to: 'harbour@example.org',
      subject: `Report ${String(k)}`,
      date: 'Mon, 1 Jan 2024 10:00:00 +0000',
      body: Array.from({ length: 10 }, (_, n) => para(n)).join('\n'),
    });
  const tableRows = Array.from(
    { length: 2000 },
    (_, k) => `<tr><td>Boat ${k}</td><td>${k % 40}</td><td>${SENTENCE}</td></tr>`,
  );
  return {
    'docx (1,000 paragraphs, baseline)': await Packer.toBuffer(
      new Document({
        sections: [
          {
            children: Array.from({ length: 1000 }, (_, k) =>
              k % 50 === 0
                ? new Paragraph({ text: `Part ${String(k / 50 + 1)}`, heading: HeadingLevel.HEADING_1 })
                : new Paragraph(para(k)),
            ),
          },
        ],
      }),
    ),
    'pptx (100 slides, notes)': makePptx(
      Array.from({ length: 100 }, (_, k) => ({
        title: `Slide ${String(k + 1)}`,
        body: [para(1), para(2), para(3)],
        notes: para(4),
        ...(k % 10 === 0
          ? { table: [['Boat', 'Berth'], ...Array.from({ length: 8 }, (_, n) => [`Boat ${n}`, `B${n}`])] }
          : {}),
      })),
    ),
    'xlsx (10,000 rows × 6)': makeXlsx([{ name: 'Log', rows: sheet }]),
    'ods (5,000 rows × 4)': makeOds([
      {
        name: 'Log',
        rows: [
          ['Boat', 'Berth', 'Crew', 'Notes'],
          ...Array.from({ length: 5000 }, (_, k) => [`Boat ${k}`, `B${k % 40}`, `${k % 12}`, SENTENCE]),
        ],
      },
    ]),
    'odt (1,000 paragraphs)': makeOdt(
      Array.from({ length: 1000 }, (_, k) =>
        k % 50 === 0 ? { h: 1, text: `Part ${String(k / 50 + 1)}` } : { p: para(k) },
      ),
    ),
    'rtf (1,000 paragraphs)': makeRtf(Array.from({ length: 1000 }, (_, k) => para(k))),
    'epub (30 chapters × 40 paragraphs)': makeEpub(
      'Harbour Log',
      Array.from({ length: 30 }, (_, c) => ({
        title: `Chapter ${String(c + 1)}`,
        body: Array.from({ length: 40 }, (_, k) => `<p>${para(k)}</p>`).join(''),
      })),
    ),
    'eml (1 MB attachment)': makeEml({
      from: 'a@example.org',
      to: 'b@example.org',
      subject: 'Log export',
      date: 'Mon, 1 Jan 2024 10:00:00 +0000',
      body: para(1),
      attachments: [
        {
          name: 'log.md',
          type: 'text/markdown',
          data: Buffer.from(Array.from({ length: 11_000 }, (_, k) => para(k)).join('\n')),
        },
      ],
    }),
    'mbox (500 messages)': makeMbox(Array.from({ length: 500 }, (_, k) => message(k))),
    'zip (50 Markdown files)': makeZip(
      Array.from({ length: 50 }, (_, k) => ({
        name: `notes/day-${String(k)}.md`,
        data: Buffer.from(`# Day ${String(k)}\n\n${Array.from({ length: 40 }, (_, n) => para(n)).join('\n\n')}\n`),
      })),
    ),
    'pdf (50 pages of prose, baseline)': await makeLaidOutPdf(
      Array.from({ length: 50 }, () => [
        { prose: wrapWords(Array.from({ length: 40 }, (_, k) => para(k)).join(' '), 95) },
      ]),
    ),
    'pdf (50 pages, 45-row table each)': await makeLaidOutPdf(
      Array.from({ length: 50 }, (_, p) => [
        {
          table: [
            ['Boat', 'Berth', 'Tonnage', 'Crew'],
            ...Array.from({ length: 45 }, (_, k) => [`Boat ${p * 45 + k}`, `B${k % 40}`, `${100 + k}`, `${k % 12}`]),
          ],
          columns: [50, 180, 300, 400],
        },
      ]),
    ),
    'html (2,000-row table)': Buffer.from(
      `<html><body><h1>Berths</h1><table><tr><th>Boat</th><th>Berth</th><th>Note</th></tr>${tableRows.join('')}</table></body></html>`,
    ),
  };
}

/**
 * A mail added on its own: its attachments come back whole for documents of their own (the pipeline then parses
 * each as a file), so the mail's parse is only the split; the median of RUNS like the others.
 */
async function splitParseRow(label: string, path: string): Promise<BenchRow> {
  const options = { maxBytes: 100 * 1024 * 1024, timeoutMs: 120_000, attachmentsAsDocuments: true };
  let doc = await parseFile(path, options);
  const ms: number[] = [];
  for (let k = 0; k < RUNS; k++) {
    const t0 = performance.now();
    doc = await parseFile(path, options);
    ms.push(performance.now() - t0);
  }
  const parts = doc.attachments ?? [];
  const bytes = parts.reduce((sum, a) => sum + a.bytes.length, 0);
  return {
    metric: `${label} parse, attachments as documents`,
    value: round(percentile(ms, 50), 1),
    unit: 'ms',
    note: `${parts.length} attachment(s), ${round(bytes / 1_000_000, 2)} MB handed back whole; ${doc.sections.length} sections`,
  };
}

/**
 * `npm run bench -- formats` (issue 21): parse time per format on documents of a realistic size built in code — the
 * median of HEARTH_BENCH_FORMATS_RUNS (5) parses through parseFile in this process (sniffing, zip-bomb checks,
 * parsing), then the chunker's time on the parsed document, with sizes, sections and chunks for scale.
 */
export async function formatsSuite(): Promise<{ rows: BenchRow[]; meta: Record<string, unknown> }> {
  const dir = await mkdtemp(join(tmpdir(), 'hearth-bench-formats-'));
  const rows: BenchRow[] = [];
  const meta: Record<string, unknown> = { runs: RUNS };
  try {
    const files = await corpus();
    let n = 0;
    for (const [label, bytes] of Object.entries(files)) {
      // A neutral name: the type comes from the content (the HTML one needs its extension, being text).
      const path = join(dir, label.startsWith('html') ? `file-${String(n++)}.html` : `file-${String(n++)}`);
      await writeFile(path, bytes);
      const parseMs: number[] = [];
      let doc = await parseFile(path, { maxBytes: 100 * 1024 * 1024, timeoutMs: 120_000 });
      for (let k = 0; k < RUNS; k++) {
        const t0 = performance.now();
        doc = await parseFile(path, { maxBytes: 100 * 1024 * 1024, timeoutMs: 120_000 });
        parseMs.push(performance.now() - t0);
      }
      const t1 = performance.now();
      const chunks = await chunkDocument(doc);
      const chunkMs = performance.now() - t1;
      const parse = percentile(parseMs, 50);
      const mb = bytes.length / 1_000_000;
      rows.push(
        {
          metric: `${label} parse`,
          value: round(parse, 1),
          unit: 'ms',
          note: `${round(mb, 2)} MB, ${round(mb / (parse / 1000), 1)} MB/s, ${doc.sections.length} sections (${doc.type})`,
        },
        { metric: `${label} chunk`, value: round(chunkMs, 1), unit: 'ms', note: `${chunks.length} chunks` },
      );
      if (label.startsWith('eml')) rows.push(await splitParseRow(label, path));
    }
    return { rows, meta };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
