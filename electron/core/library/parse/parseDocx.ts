import mammoth from 'mammoth';
import { HearthError } from '../../../shared/errors';
import { checkZipBounds, DEFAULT_ZIP_BOUNDS, type ZipBounds } from './checkZipBounds';
import { headingSections } from './headingSections';
import { htmlToBlocks } from './htmlToBlocks';
import type { ParsedDocument } from './ParsedDocument';

/**
 * DOCX via mammoth's HTML (which keeps headings), after the zip-bomb check. Lines in the provenance are paragraphs
 * of the extracted text, since a .docx has no lines of its own.
 */
export async function parseDocx(buf: Buffer, bounds: ZipBounds = DEFAULT_ZIP_BOUNDS): Promise<ParsedDocument> {
  checkZipBounds(buf, bounds);
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: buf })).value;
  } catch (err) {
    throw new HearthError(
      'UNSUPPORTED_FILE',
      `This Word document could not be read (${err instanceof Error ? err.message : String(err)}).`,
      undefined,
      { cause: err },
    );
  }
  const { blocks } = htmlToBlocks(html);
  blocks.forEach((b, n) => {
    b.lineStart = n + 1;
    b.lineEnd = n + 1;
  });
  const doc: ParsedDocument = { type: 'docx', sections: headingSections(blocks) };
  const h1 = blocks.find((b) => b.level === 1)?.text;
  if (h1 !== undefined) doc.title = h1;
  return doc;
}
