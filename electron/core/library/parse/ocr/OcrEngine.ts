import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { imageSize } from 'image-size';
import { createWorker, OEM, type Worker as TesseractWorker } from 'tesseract.js';
import { HearthError } from '../../../../shared/errors';
import type { OcrLanguage } from '../../../../shared/ocrLanguages';

/** Where each shipped language's package is; literal imports, so the bundle and the dead-code check see them. */
const LANGUAGE_PACKAGES: Record<OcrLanguage, () => Promise<{ default: { langPath: string } }>> = {
  eng: () => import('@tesseract.js-data/eng'),
  deu: () => import('@tesseract.js-data/deu'),
  fra: () => import('@tesseract.js-data/fra'),
  spa: () => import('@tesseract.js-data/spa'),
};

/** A recognised word: its text, tesseract's confidence (0–100), its box in image pixels and its line (0-based). */
export interface OcrWord {
  text: string;
  confidence: number;
  bbox: { x0: number; y0: number; x1: number; y1: number };
  line: number;
}

/** What recognition found on one image. */
export interface OcrResult {
  /** Lines joined by newlines, paragraphs by blank lines. */
  text: string;
  /** Mean word confidence, 0–100 (0 when nothing was found). */
  confidence: number;
  /** In reading order. */
  words: OcrWord[];
  /** The image's size in pixels, which the word boxes are measured in. */
  width: number;
  height: number;
}

interface TesseractWord {
  text: string;
  confidence: number;
  bbox: OcrWord['bbox'];
}
interface TesseractBlock {
  paragraphs: { lines: { words: TesseractWord[] }[] }[];
}

/**
 * One tesseract.js worker for a fixed set of languages, loaded from the npm traineddata packages (LSTM "best_int"
 * models) and never from the network. tesseract.js runs recognition in its own `worker_threads` thread; when Hearth
 * runs this inside a parser worker, terminating that worker ends this thread with it.
 */
export class OcrEngine {
  private constructor(
    private readonly worker: TesseractWorker,
    /** The languages, joined as tesseract names them (`eng+deu`). */
    readonly key: string,
  ) {}

  /** Loads the languages (a second or two per language on a slow machine). */
  static async create(languages: readonly OcrLanguage[]): Promise<OcrEngine> {
    const key = languages.join('+');
    // tesseract.js reads every language from one folder, and each package has its own: a private folder of links,
    // removed as soon as the data is loaded into the engine.
    const dir = await mkdtemp(join(tmpdir(), 'hearth-ocr-'));
    try {
      for (const code of languages) {
        const { langPath } = (await LANGUAGE_PACKAGES[code]()).default;
        const file = `${code}.traineddata.gz`;
        await symlink(join(dirname(langPath), '4.0.0_best_int', file), join(dir, file));
      }
      const worker = await createWorker(key, OEM.LSTM_ONLY, {
        langPath: dir,
        // Never write a copy of the data into the working directory (tesseract.js's default cache).
        cacheMethod: 'none',
        gzip: true,
        // Failures reach the awaiting promise; without a handler tesseract.js also throws them uncaught.
        errorHandler: () => undefined,
      });
      return new OcrEngine(worker, key);
    } catch (err) {
      throw new HearthError('INTERNAL', 'Hearth could not load its text recognition (OCR) data.', undefined, {
        cause: err,
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /** Recognises text in an encoded image (PNG, JPEG, WebP); a file tesseract cannot decode is UNSUPPORTED_FILE. */
  async recognize(image: Uint8Array): Promise<OcrResult> {
    let page;
    try {
      ({ data: page } = await this.worker.recognize(Buffer.from(image), {}, { text: true, blocks: true }));
    } catch (err) {
      throw new HearthError('UNSUPPORTED_FILE', 'This image is damaged or in a form Hearth cannot decode.', undefined, {
        cause: err,
      });
    }
    const words: OcrWord[] = [];
    let lineIndex = 0;
    for (const block of (page.blocks ?? []) as unknown as TesseractBlock[]) {
      for (const paragraph of block.paragraphs) {
        for (const line of paragraph.lines) {
          for (const w of line.words) {
            if (w.text.trim() !== '') {
              words.push({ text: w.text, confidence: w.confidence, bbox: w.bbox, line: lineIndex });
            }
          }
          lineIndex++;
        }
      }
    }
    const confidence =
      words.length === 0 ? 0 : Math.round(words.reduce((sum, w) => sum + w.confidence, 0) / words.length);
    // tesseract decoded this image, so its header is sound.
    const { width, height } = imageSize(image);
    return { text: page.text.trim(), confidence, words, width, height };
  }

  async dispose(): Promise<void> {
    await this.worker.terminate().catch(() => undefined);
  }
}

let shared: { key: string; engine: Promise<OcrEngine> } | undefined;

/**
 * The engine of this thread for these languages: made on first use and kept, since loading costs seconds and a
 * parser thread reads many files; a change of languages replaces it.
 */
export async function sharedOcrEngine(languages: readonly OcrLanguage[]): Promise<OcrEngine> {
  const key = languages.join('+');
  if (shared?.key !== key) {
    const previous = shared?.engine;
    shared = { key, engine: OcrEngine.create(languages) };
    if (previous)
      void previous.then(
        (e) => e.dispose(),
        () => undefined,
      );
    // A failed load is not kept: the next file tries again.
    const mine = shared;
    shared.engine.catch(() => {
      if (shared === mine) shared = undefined;
    });
  }
  return shared.engine;
}

/** Ends this thread's engine (tests, and a core that parses in its own thread, when it shuts down). */
export async function disposeSharedOcrEngine(): Promise<void> {
  const current = shared;
  shared = undefined;
  if (current)
    await current.engine.then(
      (e) => e.dispose(),
      () => undefined,
    );
}
