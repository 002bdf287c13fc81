import { HearthError } from '../../../shared/errors';
import { decodeText } from './decodeText';
import { parseImage } from './image/parseImage';
import type { ParseContext } from './ParseContext';
import type { ParsedDocument } from './ParsedDocument';
import { parseCsv } from './parseCsv';
import { parseDocx } from './parseDocx';
import { parseEmail } from './parseEmail';
import { parseEpub } from './parseEpub';
import { parseHtml } from './parseHtml';
import { parseJson } from './parseJson';
import { parseMarkdown } from './parseMarkdown';
import { parseOdt } from './parseOdt';
import { parsePdf } from './parsePdf';
import { parsePptx } from './parsePptx';
import { parseRtf } from './parseRtf';
import { parseSpreadsheet } from './parseSpreadsheet';
import { parseText } from './parseText';
import { parseZipArchive } from './parseZipArchive';
import { ocrImageKind, sniffType } from './sniffType';

/**
 * Parses bytes already read, by sniffed type. Archives and emails parse what they hold through this same function
 * one level deeper (`ctx.depth`), under the file's one zip-bomb budget (`ctx.budget`).
 */
export async function parseBytes(bytes: Buffer, name: string, ctx: ParseContext): Promise<ParsedDocument> {
  const type = sniffType(bytes, name);
  const inner = (b: Buffer, n: string): Promise<ParsedDocument> => parseBytes(b, n, { ...ctx, depth: ctx.depth + 1 });
  switch (type) {
    case 'pdf':
      return parsePdf(bytes, ctx.signal, ctx.ocr);
    case 'image':
      // Images inside archives and emails (logos, photos) are listed, not recognised: OCR costs seconds a page.
      if (!ctx.ocr || ctx.depth > 0) {
        throw new HearthError('UNSUPPORTED_FILE', `This file is a ${ocrImageKind(bytes) ?? ''} image.`);
      }
      return parseImage(bytes, ctx.ocr);
    case 'docx':
      return parseDocx(bytes, { ...ctx.zipBounds, maxInflatedBytes: ctx.budget.bytesLeft });
    case 'pptx':
      return parsePptx(bytes, ctx);
    case 'xlsx':
    case 'ods':
      return parseSpreadsheet(bytes, type, ctx);
    case 'odt':
      return parseOdt(bytes, ctx);
    case 'epub':
      return parseEpub(bytes, ctx);
    case 'rtf':
      return parseRtf(bytes);
    case 'zip':
      return parseZipArchive(bytes, ctx, inner);
    case 'email':
      return parseEmail(bytes, ctx, inner);
    default: {
      const { text } = decodeText(bytes);
      if (type === 'markdown') return parseMarkdown(text);
      if (type === 'html') return parseHtml(text);
      if (type === 'csv') return parseCsv(text);
      if (type === 'json') return parseJson(text);
      return parseText(text, type);
    }
  }
}
