import { createCanvas, ImageData } from '@napi-rs/canvas';
import UTIF from 'utif2';
import { HearthError } from '../../../../shared/errors';
import { checkOcrPageCount } from '../ocr/checkOcrPageCount';
import type { OcrRun } from '../ocr/ocrOptions';
import { sharedOcrEngine } from '../ocr/OcrEngine';
import { placeOcrWords } from '../ocr/ocrWordBoxes';
import type { ParsedDocument, ParsedSection } from '../ParsedDocument';
import { checkImageBounds, checkImageDimensions, DEFAULT_IMAGE_BOUNDS, type ImageBounds } from './checkImageBounds';

/** One page of a TIFF as a PNG tesseract can read, after its size was checked against the bounds. */
async function tiffPages(bytes: Uint8Array, bounds: ImageBounds, run: OcrRun): Promise<(() => Promise<Buffer>)[]> {
  let ifds: UTIF.IFD[];
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  try {
    ifds = UTIF.decode(buffer);
  } catch (err) {
    throw new HearthError('UNSUPPORTED_FILE', 'This TIFF image is damaged and cannot be read.', undefined, {
      cause: err,
    });
  }
  checkOcrPageCount(ifds.length, run, 'TIFF image');
  for (const ifd of ifds) {
    const width = (ifd['t256'] as number[] | undefined)?.[0] ?? 0;
    const height = (ifd['t257'] as number[] | undefined)?.[0] ?? 0;
    checkImageDimensions(width, height, bounds);
  }
  return ifds.map((ifd) => async () => {
    try {
      UTIF.decodeImage(buffer, ifd);
      const rgba = UTIF.toRGBA8(ifd);
      const canvas = createCanvas(ifd.width, ifd.height);
      const pixels = new Uint8ClampedArray(rgba.buffer, rgba.byteOffset, rgba.byteLength);
      canvas.getContext('2d').putImageData(new ImageData(pixels, ifd.width, ifd.height), 0, 0);
      return await canvas.encode('png');
    } catch (err) {
      throw new HearthError('UNSUPPORTED_FILE', 'This TIFF image is damaged and cannot be decoded.', undefined, {
        cause: err,
      });
    }
  });
}

/**
 * Reads the text of an image by OCR: PNG, JPEG and WebP go to tesseract as they are, TIFF pages are decoded first
 * (one section per page). The size comes from the header and is checked before any pixel is decoded.
 */
export async function parseImage(
  bytes: Uint8Array,
  run: OcrRun,
  bounds: ImageBounds = DEFAULT_IMAGE_BOUNDS,
): Promise<ParsedDocument> {
  const header = checkImageBounds(bytes, bounds);
  const pages =
    header.type === 'tiff'
      ? await tiffPages(bytes, bounds, run)
      : (checkOcrPageCount(1, run, 'image'), [() => Promise.resolve(bytes)]);
  const engine = await sharedOcrEngine(run.languages);
  const sections: ParsedSection[] = [];
  for (const [i, page] of pages.entries()) {
    if (run.signal.aborted) throw new HearthError('CANCELLED', 'Reading this file was cancelled.');
    run.onPage({ page: i + 1, pages: pages.length });
    const result = await engine.recognize(await page());
    if (result.text !== '') {
      sections.push({
        text: result.text,
        provenance: { page: i + 1, confidence: result.confidence },
        ocr: placeOcrWords(result.text, result.words, result.width, result.height),
      });
    }
  }
  if (sections.length === 0) {
    throw new HearthError('UNSUPPORTED_FILE', 'No text was recognised in this image.');
  }
  return { type: 'image', sections };
}
