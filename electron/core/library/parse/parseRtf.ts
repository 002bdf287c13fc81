import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import iconv from 'iconv-lite';
import { Tokenize } from 'rtf-stream-parser';
import { ToPlainText } from 'rtf-stream-parser/dist/src/ToPlainText.js';
import { HearthError } from '../../../shared/errors';
import type { ParsedDocument } from './ParsedDocument';
import { parseText } from './parseText';

/** Decodes the RTF's ANSI code pages (cp1252, cp932, …) with iconv-lite; an unknown one falls back to Latin-1. */
function decode(buf: Buffer, encoding: string): string {
  return iconv.encodingExists(encoding) ? iconv.decode(buf, encoding) : buf.toString('latin1');
}

/**
 * RTF through rtf-stream-parser's tokenizer and plain-text writer (font tables, pictures and other destinations
 * dropped, Unicode escapes and code pages decoded); the text's paragraphs become lines, as for plain text.
 */
export async function parseRtf(buf: Buffer): Promise<ParsedDocument> {
  const parts: string[] = [];
  const toText = new ToPlainText({ decode, allowCp0: true });
  toText.on('data', (chunk: Buffer | string) => parts.push(chunk.toString()));
  try {
    await pipeline(Readable.from([buf]), new Tokenize(), toText);
  } catch (err) {
    throw new HearthError(
      'UNSUPPORTED_FILE',
      `This RTF document is damaged (${err instanceof Error ? err.message : String(err)}).`,
      undefined,
      { cause: err },
    );
  }
  return { ...parseText(parts.join(''), 'text'), type: 'rtf' };
}
