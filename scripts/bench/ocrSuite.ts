import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createCanvas } from '@napi-rs/canvas';
import { disposeSharedOcrEngine, OcrEngine } from '../../electron/core/library/parse/ocr/OcrEngine';
import { parseFile } from '../../electron/core/library/parse/parseFile';
import { OCR_LANGUAGES } from '../../electron/shared/ocrLanguages';
import { scannedPdf, wordAccuracy } from '../../tests/fixtures/ocr/ocrFixtures';
import type { BenchRow } from './stats';
import { round } from './stats';

/** Scanned pages per run (every other one skewed and speckled like a photocopy). */
const PAGES = Number(process.env.HEARTH_BENCH_OCR_PAGES ?? 4);
const WORDS = (
  'harbour tide ledger berth anchor lantern ferry quay rope gull pier warden mooring survey timber cargo ' +
  'schedule invoice meeting council pontoon slipway beacon channel dredging licence permit fees annual report'
).split(' ');

/** A page's lines: 24 lines of 8 words drawn from WORDS by a fixed sequence, so every run reads the same text. */
function pageLines(page: number): string[] {
  return Array.from({ length: 24 }, (_, l) =>
    Array.from({ length: 8 }, (_, w) => WORDS[(page * 131 + l * 17 + w * 7) % WORDS.length]!).join(' '),
  );
}

/** An A4 page at 150 dpi (1240 × 1754 px) of 11 pt text; `noisy` skews it by 0.8° and adds toner specks. */
async function scanPage(lines: string[], noisy: boolean): Promise<Buffer> {
  const canvas = createCanvas(1240, 1754);
  const g = canvas.getContext('2d');
  g.fillStyle = '#ffffff';
  g.fillRect(0, 0, 1240, 1754);
  if (noisy) g.rotate((0.8 * Math.PI) / 180);
  g.fillStyle = '#111111';
  g.font = '23px serif';
  lines.forEach((line, i) => g.fillText(line, 120, 180 + i * 52));
  if (noisy) {
    g.setTransform(1, 0, 0, 1, 0, 0);
    g.fillStyle = '#555555';
    for (let k = 0; k < 3000; k++) g.fillRect((k * 7919) % 1240, (k * 104729) % 1754, 2, 2);
  }
  return canvas.encode('png');
}

/**
 * `npm run bench -- ocr` (issue 21): tesseract.js on scanned A4 pages generated in code, as an image-only PDF
 * through parseFile (pdf.js render at 300 dpi + recognition): pages/s and word accuracy, clean and noisy pages
 * apart; the cost of loading the engine for English and for every shipped language.
 */
export async function ocrSuite(): Promise<{ rows: BenchRow[]; meta: Record<string, unknown> }> {
  const dir = await mkdtemp(join(tmpdir(), 'hearth-bench-ocr-'));
  const rows: BenchRow[] = [];
  try {
    for (const languages of [['eng'] as const, OCR_LANGUAGES]) {
      const started = performance.now();
      const engine = await OcrEngine.create(languages);
      rows.push({
        metric: `engine load (${languages.join('+')})`,
        value: round((performance.now() - started) / 1000, 2),
        unit: 's',
      });
      await engine.dispose();
    }
    const texts = Array.from({ length: PAGES }, (_, p) => pageLines(p));
    const pngs = await Promise.all(texts.map((lines, p) => scanPage(lines, p % 2 === 1)));
    const path = join(dir, 'scan.pdf');
    await writeFile(path, await scannedPdf(pngs.map((png) => ({ png }))));
    // Load the engine first: pages/s is the steady state of a parser thread that has read a scan before.
    await parseFile(join(dir, 'scan.pdf'), { maxBytes: 1 << 30, ocr: { languages: ['eng'] }, timeoutMs: 600_000 });
    const started = performance.now();
    const doc = await parseFile(path, { maxBytes: 1 << 30, ocr: { languages: ['eng'] }, timeoutMs: 600_000 });
    const seconds = (performance.now() - started) / 1000;
    rows.push({
      metric: 'scanned PDF pages/s (A4, 300 dpi render)',
      value: round(PAGES / seconds, 3),
      unit: 'pages/s',
    });
    const accuracy = (noisy: boolean) => {
      const picked = texts.flatMap((lines, p) => (p % 2 === (noisy ? 1 : 0) ? [{ lines, page: p + 1 }] : []));
      const scores = picked.map(({ lines, page }) =>
        wordAccuracy(lines, doc.sections.find((s) => 'page' in s.provenance && s.provenance.page === page)?.text ?? ''),
      );
      return round((scores.reduce((a, b) => a + b, 0) / Math.max(1, scores.length)) * 100, 1);
    };
    rows.push({ metric: 'word accuracy, clean pages', value: accuracy(false), unit: '%' });
    if (PAGES > 1) rows.push({ metric: 'word accuracy, skewed + speckled pages', value: accuracy(true), unit: '%' });
    const confidence = doc.sections.map((s) => ('confidence' in s.provenance ? (s.provenance.confidence ?? 0) : 0));
    rows.push({
      metric: 'mean confidence',
      value: round(confidence.reduce((a, b) => a + b, 0) / Math.max(1, confidence.length), 1),
      unit: '0-100',
    });
    return { rows, meta: { pages: PAGES, wordsPerPage: 24 * 8, engine: 'tesseract.js 7.0.0, LSTM best_int' } };
  } finally {
    await disposeSharedOcrEngine();
    await rm(dir, { recursive: true, force: true });
  }
}
