import { headingSections } from './headingSections';
import { htmlToBlocks } from './htmlToBlocks';
import type { ParsedDocument } from './ParsedDocument';

/** HTML: visible text only, one section per heading with its heading path and source line range. */
export function parseHtml(html: string): ParsedDocument {
  const { title, blocks } = htmlToBlocks(html);
  const doc: ParsedDocument = { type: 'html', sections: headingSections(blocks) };
  const h1 = blocks.find((b) => b.level === 1)?.text;
  if (title ?? h1) doc.title = (title ?? h1)!;
  return doc;
}
