import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summariseOcr } from '../../../../electron/core/library/summariseOcr';
import type { Passage } from '../../../../electron/shared/answerSchemas';
import type { BatchResult, IngestProgress } from '../../../../electron/shared/librarySchemas';
import type { OcrMarks } from '../../../../electron/shared/ocrMarks';
import type { Result } from '../../../../electron/shared/result';
import { createLexicalEmbeddingModel } from '../../../fixtures/gguf/tinyLlama';
import {
  corruptPng,
  hugeBlankPng,
  manyPageImagePdf,
  scannedPdf,
  textImage,
  wordCentre,
} from '../../../fixtures/ocr/ocrFixtures';
import type { TestCore } from '../../../helpers/tempCore';
import { startTestCore, tempDir } from '../../../helpers/tempCore';

let dir: Awaited<ReturnType<typeof tempDir>>;
let core: TestCore;
let batch: BatchResult;
const events: IngestProgress[] = [];

const SCAN = ['Minutes of the harbour board meeting', 'The new pontoon opens in April'];
const BOARD = ['Buy rope and two fenders'];

beforeAll(async () => {
  dir = await tempDir('hearth-ocr-ingest-');
  core = await startTestCore(join(dir.path, 'data'), { startSidecars: true });
  await core.services.storage.ready;
  // Two languages through the setting: the library's parse reads it for each file.
  await core.services.settings.update({ library: { ocrLanguages: ['eng', 'fra'] } });
  const embed = await core.services.modelCatalog.importFile(
    (await createLexicalEmbeddingModel(join(dir.path, 'lex.gguf'))).path,
  );
  await core.services.modelCatalog.setDefault('embedding', embed.id);
  const files: Record<string, Buffer> = {
    'minutes.pdf': await scannedPdf([{ text: 'Agenda: moorings, pontoon, fees.' }, { png: await textImage(SCAN) }]),
    'whiteboard.png': await textImage(BOARD),
    'notes.md': Buffer.from('# Notes\n\nThe slipway is closed on Sundays.\n'),
    // Hostile files in the same batch: each ends with its own error, the rest is indexed.
    'huge.png': await hugeBlankPng(30_000, 30_000),
    'broken.png': await corruptPng(),
    'endless.pdf': manyPageImagePdf(20_000),
  };
  for (const [name, bytes] of Object.entries(files)) await writeFile(join(dir.path, name), bytes);
  batch = await core.services.library.ingest(
    { paths: Object.keys(files).map((name) => join(dir.path, name)) },
    { onProgress: (e) => events.push(e) },
  );
}, 180_000);

afterAll(async () => {
  await core?.dispose();
  await dir?.remove();
});

describe('scans and images through the library', () => {
  it('indexes the scans and images of a batch and gives each hostile file its own error', () => {
    const byName = new Map(batch.files.map((f) => [f.name, f]));
    for (const name of ['minutes.pdf', 'whiteboard.png', 'notes.md']) {
      expect(byName.get(name), name).toMatchObject({ stage: 'indexed' });
    }
    expect(byName.get('huge.png')?.error?.message).toMatch(/^This image is 30,000 × 30,000 pixels/);
    expect(byName.get('broken.png')?.error?.message).toBe('This image is damaged or in a form Hearth cannot decode.');
    expect(byName.get('endless.pdf')?.error?.message).toMatch(/^This PDF has 20,000 pages/);
  });

  it('keeps the page and the confidence of OCR passages, and the text layer of the other page', () => {
    const docs = core.services.libraryCatalog.listDocuments({ status: 'indexed' });
    const chunks = core.services.libraryCatalog.listChunks(docs.find((d) => d.name === 'minutes.pdf')!.id);
    expect(chunks.map((c) => c.provenance)).toEqual([{ page: 1 }, { page: 2, confidence: expect.any(Number) }]);
    expect(chunks[1]!.text).toContain('pontoon opens in April');
    expect(summariseOcr(chunks)).toEqual({ pages: 1, lowConfidencePages: [] });
    const image = docs.find((d) => d.name === 'whiteboard.png')!;
    expect(image.type).toBe('image');
    expect(core.services.libraryCatalog.listChunks(image.id)[0]!.text).toContain('fenders');
  });

  it('reports "page n of m" while a scan is recognised', () => {
    const pages = events.flatMap((e) => (e.kind === 'file' && e.ocr ? [[e.name, e.ocr] as const] : []));
    expect(pages).toEqual(
      expect.arrayContaining([
        ['minutes.pdf', { page: 1, pages: 1 }],
        ['whiteboard.png', { page: 1, pages: 1 }],
      ]),
    );
  });
});

/** The passage of a document's only chunk on `page`, as the citation viewer asks for it. */
async function passageOf(name: string, page: number): Promise<Passage> {
  const catalog = core.services.libraryCatalog;
  const doc = catalog.listDocuments({ status: 'indexed' }).find((d) => d.name === name)!;
  const chunk = catalog.listChunks(doc.id).find((c) => (c.provenance as { page?: number }).page === page)!;
  const ctx = { origin: 'internal' as const, signal: new AbortController().signal };
  const result = (await core.services.dispatcher.call(
    'library.passage',
    { chunkId: chunk.id },
    ctx,
  )) as Result<Passage>;
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

/** The box holding a point, if any. */
const boxAt = (ocr: OcrMarks, p: { x: number; y: number }) =>
  ocr.boxes.find(([x, y, w, h]) => p.x >= x && p.x <= x + w && p.y >= y && p.y <= y + h);

describe('where OCR passages lie on their page', () => {
  it("keeps the boxes of a scanned PDF page's words where they are drawn, one per line, for the viewer", async () => {
    const passage = await passageOf('minutes.pdf', 2);
    const ocr = passage.ocr!;
    // The page image is rendered at 300 dpi from a 1000-pixel-wide scan placed at 150 dpi.
    expect(ocr.width / ocr.height).toBeCloseTo(1000 / 166, 1);
    expect(ocr.boxes).toHaveLength(2);
    for (const word of ['harbour', 'pontoon', 'April']) {
      expect(boxAt(ocr, wordCentre(SCAN, word)), word).toBeDefined();
    }
    // Each line's box is its own: "pontoon" is in the second, below the first.
    expect(boxAt(ocr, wordCentre(SCAN, 'pontoon'))).toBe(ocr.boxes[1]);
    expect(ocr.boxes[0]![1] + ocr.boxes[0]![3]).toBeLessThanOrEqual(ocr.boxes[1]![1] + 0.01);
    // Nothing marked in the margins the scan left blank.
    for (const [x, , w] of ocr.boxes) {
      expect(x).toBeGreaterThan(0.02);
      expect(x + w).toBeLessThan(0.75);
    }
  });

  it("keeps the boxes of an image's words, and none for a page that had a text layer", async () => {
    const ocr = (await passageOf('whiteboard.png', 1)).ocr!;
    expect(ocr).toMatchObject({ width: 1000, height: 115 });
    expect(boxAt(ocr, wordCentre(BOARD, 'fenders'))).toBeDefined();
    expect(boxAt(ocr, wordCentre(BOARD, 'rope'))).toBe(ocr.boxes[0]);
    expect(await passageOf('minutes.pdf', 1)).not.toHaveProperty('ocr');
  });
});
