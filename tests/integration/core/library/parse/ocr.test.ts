import { existsSync, readdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import UTIF from 'utif2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disposeSharedOcrEngine } from '../../../../../electron/core/library/parse/ocr/OcrEngine';
import type { OcrProgress } from '../../../../../electron/core/library/parse/ocr/ocrOptions';
import { parseFile, type ParseFileOptions } from '../../../../../electron/core/library/parse/parseFile';
import type { ParsedDocument } from '../../../../../electron/core/library/parse/ParsedDocument';
import { ParserPool } from '../../../../../electron/core/library/parse/pool/ParserPool';
import { HearthError } from '../../../../../electron/shared/errors';
import {
  corruptPng,
  hugeBlankPng,
  manyPageImagePdf,
  scannedPdf,
  textImage,
  textPixels,
  wordAccuracy,
} from '../../../../fixtures/ocr/ocrFixtures';
import { tempDir, testPlatform, waitFor } from '../../../../helpers/tempCore';

// OCR costs about a second per small page on a busy 2-core machine: every image here is a few lines, and one
// tesseract engine (this thread's) serves the in-process tests.
const MAX = 50 * 1024 * 1024;
const SCAN = ['Invoice 4471 from Harbour Lights Limited', 'Total due seventeen pounds by Friday'];
const PAGE_ONE = 'The first page has a real text layer about lighthouses.';
let dir: Awaited<ReturnType<typeof tempDir>>;

async function file(name: string, bytes: Buffer): Promise<string> {
  const path = join(dir.path, name);
  await writeFile(path, bytes);
  return path;
}

async function failure(path: string, options: Partial<ParseFileOptions> = {}): Promise<HearthError> {
  try {
    await parseFile(path, { maxBytes: MAX, ...options });
  } catch (err) {
    expect(err).toBeInstanceOf(HearthError);
    return err as HearthError;
  }
  return expect.fail(`${path} parsed`);
}

const allText = (doc: ParsedDocument) => doc.sections.map((s) => s.text).join('\n');

beforeAll(async () => {
  dir = await tempDir('hearth-ocr-');
});
afterAll(async () => {
  await disposeSharedOcrEngine();
  await dir.remove();
});

describe('OCR in parseFile', () => {
  it('reads a PNG named like a text file (sniffed by content), page 1 with its confidence', async () => {
    const path = await file('scan.txt', await textImage(SCAN));
    const progress: OcrProgress[] = [];
    const doc = await parseFile(path, { maxBytes: MAX, onProgress: (p) => progress.push(p) });
    expect(doc.type).toBe('image');
    expect(doc.sections).toHaveLength(1);
    const section = doc.sections[0]!;
    expect(section.provenance).toMatchObject({ page: 1 });
    const confidence = (section.provenance as { confidence: number }).confidence;
    expect(confidence).toBeGreaterThan(70);
    const accuracy = wordAccuracy(SCAN, section.text);
    console.log(`OCR word accuracy (PNG): ${(accuracy * 100).toFixed(1)} %, confidence ${confidence}`);
    expect(accuracy).toBeGreaterThanOrEqual(0.9);
    expect(progress).toEqual([{ page: 1, pages: 1 }]);
  });

  it('recognises the image-only page of a PDF on its own page number and keeps the text layer of the other', async () => {
    const pdf = await scannedPdf([{ text: PAGE_ONE }, { png: await textImage(SCAN) }]);
    const progress: OcrProgress[] = [];
    const doc = await parseFile(await file('mixed.pdf', pdf), { maxBytes: MAX, onProgress: (p) => progress.push(p) });
    expect(doc.type).toBe('pdf');
    expect(doc.sections.map((s) => s.provenance)).toEqual([{ page: 1 }, { page: 2, confidence: expect.any(Number) }]);
    expect(doc.sections[0]!.text).toBe(PAGE_ONE);
    const accuracy = wordAccuracy(SCAN, doc.sections[1]!.text);
    console.log(`OCR word accuracy (scanned PDF page): ${(accuracy * 100).toFixed(1)} %`);
    expect(accuracy).toBeGreaterThanOrEqual(0.9);
    expect(doc.sections[1]!.text).not.toContain('lighthouses');
    expect(progress).toEqual([{ page: 1, pages: 1 }]);
  });

  it('reads JPEG, WebP and TIFF as well as PNG', async () => {
    const lines = ['Quarterly report for Lisbon'];
    const { rgba, width, height } = textPixels(lines);
    const tiff = Buffer.from(UTIF.encodeImage(rgba, width, height));
    for (const [name, bytes] of [
      ['a.jpg', await textImage(lines, { format: 'jpeg' })],
      ['a.webp', await textImage(lines, { format: 'webp' })],
      ['a.tif', tiff],
    ] as const) {
      const doc = await parseFile(await file(name, bytes), { maxBytes: MAX });
      expect({ name, accuracy: wordAccuracy(lines, allText(doc)) }).toEqual({ name, accuracy: 1 });
    }
  });

  it('refuses a 30,000 × 30,000 PNG from its header, before decoding (3.6 GB as pixels)', async () => {
    const path = await file('huge.png', await hugeBlankPng(30_000, 30_000));
    const err = await failure(path);
    expect(err.code).toBe('UNSUPPORTED_FILE');
    expect(err.message).toBe(
      'This image is 30,000 × 30,000 pixels; Hearth reads images up to 40 megapixels and 20,000 pixels a side.',
    );
  });

  it('fails a damaged image with a clear error', async () => {
    const err = await failure(await file('broken.png', await corruptPng()));
    expect(err.toData()).toMatchObject({
      code: 'UNSUPPORTED_FILE',
      message: 'This image is damaged or in a form Hearth cannot decode.',
    });
  });

  it('refuses a 20,000-page image PDF by its page count before reading a page', async () => {
    const err = await failure(await file('endless.pdf', manyPageImagePdf(20_000)));
    expect(err.message).toBe(
      'This PDF has 20,000 pages; Hearth reads PDFs of up to 10,000 pages. Split it into smaller files.',
    );
  });

  it('refuses a scan with more pages to recognise than the OCR budget, before rendering any', async () => {
    const progress: OcrProgress[] = [];
    const err = await failure(await file('three.pdf', manyPageImagePdf(3)), {
      ocr: { maxPages: 2 },
      onProgress: (p) => progress.push(p),
    });
    expect(err.message).toBe(
      'This PDF has 3 pages to recognise as images; Hearth recognises at most 2 in one file. Split it into smaller files.',
    );
    expect(progress).toEqual([]);
  });
});

describe('OCR in the parser pool', () => {
  it('recognises in a worker thread and relays "page n of m" progress', async () => {
    const pool = new ParserPool({ ...testPlatform('/nonexistent').parseWorker! });
    try {
      const path = await file('pooled.png', await textImage(SCAN));
      const progress: OcrProgress[] = [];
      const doc = await pool.parse(path, {
        maxBytes: MAX,
        ocr: { languages: ['eng', 'deu'] },
        onProgress: (p) => progress.push(p),
      });
      expect(wordAccuracy(SCAN, allText(doc))).toBeGreaterThanOrEqual(0.9);
      expect(progress).toEqual([{ page: 1, pages: 1 }]);
    } finally {
      await pool.dispose();
    }
  });

  it('cancelling a scan mid-way ends the parser thread and the recognition thread inside it', async () => {
    const page = await textImage(SCAN);
    const path = await file('long-scan.pdf', await scannedPdf([{ png: page }, { png: page }, { png: page }]));
    // This process's OS threads where /proc shows them (Linux): the parser worker and tesseract's thread both count.
    const threads = () => (existsSync('/proc/self/task') ? readdirSync('/proc/self/task').length : 0);
    const before = threads();
    const pool = new ParserPool({ ...testPlatform('/nonexistent').parseWorker! });
    try {
      const controller = new AbortController();
      const seen: OcrProgress[] = [];
      const parsing = pool.parse(path, {
        maxBytes: MAX,
        signal: controller.signal,
        onProgress: (p) => {
          seen.push(p);
          if (p.page === 2) controller.abort();
        },
      });
      await expect(parsing).rejects.toMatchObject({ code: 'CANCELLED' });
      expect(seen).toEqual([
        { page: 1, pages: 3 },
        { page: 2, pages: 3 },
      ]);
      await waitFor('the parser and OCR threads to end', () => pool.stats().workers === 0 && threads() <= before);
    } finally {
      await pool.dispose();
    }
  });
});
