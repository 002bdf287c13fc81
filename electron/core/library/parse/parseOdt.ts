import { headingSections, type TextBlock } from './headingSections';
import { markdownTable } from './markdownTable';
import { odfParagraphs, odfText, readOdfBody } from './odfText';
import type { ParseContext } from './ParseContext';
import type { ParsedDocument } from './ParsedDocument';
import { childElements, type XmlElement } from './xmlTree';

const WHAT = 'OpenDocument text';
/** Generated or bookkeeping content that would repeat the document's own text. */
const SKIPPED = new Set(['table-of-content', 'sequence-decls', 'tracked-changes', 'variable-decls', 'forms']);

function collect(el: XmlElement, blocks: Omit<TextBlock, 'lineStart' | 'lineEnd'>[], listDepth = 0): void {
  for (const child of childElements(el)) {
    if (SKIPPED.has(child.name)) continue;
    if (child.name === 'h') {
      const level = Math.min(6, Math.max(1, Number(child.attrs['text:outline-level'] ?? 1) || 1));
      blocks.push({ text: odfText(child).trim(), level });
    } else if (child.name === 'p') {
      blocks.push({ text: odfText(child).trim() });
    } else if (child.name === 'list') {
      for (const item of childElements(child, 'list-item')) {
        const start = blocks.length;
        collect(item, blocks, listDepth + 1);
        if (blocks[start]) blocks[start]!.text = `${'  '.repeat(listDepth)}- ${blocks[start]!.text}`;
      }
    } else if (child.name === 'table') {
      const rows = childElements(child)
        .flatMap((e) => (e.name === 'table-row' ? [e] : childElements(e, 'table-row')))
        .map((row) => childElements(row, 'table-cell').map((cell) => odfParagraphs(cell).join(' ')));
      const table = markdownTable(rows);
      if (table !== '') blocks.push({ text: table });
    } else collect(child, blocks, listDepth);
  }
}

/**
 * ODT: headings (`text:h` with their outline level), paragraphs, lists and tables (as Markdown) in order, one
 * section per heading with its heading path; lines are paragraphs, as for DOCX.
 */
export function parseOdt(buf: Buffer, ctx: ParseContext): ParsedDocument {
  const { body, title } = readOdfBody(buf, ctx, WHAT, 'text');
  const raw: Omit<TextBlock, 'lineStart' | 'lineEnd'>[] = [];
  collect(body, raw);
  const blocks: TextBlock[] = raw
    .filter((b) => b.text !== '')
    .map((b, n) => ({ ...b, lineStart: n + 1, lineEnd: n + 1 }));
  const doc: ParsedDocument = { type: 'odt', sections: headingSections(blocks) };
  const heading = title ?? blocks.find((b) => b.level === 1)?.text;
  if (heading !== undefined) doc.title = heading;
  return doc;
}
