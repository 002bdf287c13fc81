import { HearthError } from '../../../shared/errors';
import { markdownTable } from './markdownTable';
import { boundsLeft, type ParseContext } from './ParseContext';
import type { ParsedDocument, ParsedSection } from './ParsedDocument';
import { readZip, relsPath, resolvePart, type ZipPackage } from './readZip';
import { childElements, findElement, findElements, parseXml, type XmlElement } from './xmlTree';

const WHAT = 'presentation';

/** Text of DrawingML runs: only `t` elements hold text (the rest is layout), `br` is a line break. */
function runText(el: XmlElement): string {
  let out = '';
  for (const child of el.children) {
    if (typeof child === 'string') continue;
    if (child.name === 't') out += child.children.filter((c) => typeof c === 'string').join('');
    else if (child.name === 'br') out += '\n';
    else out += runText(child);
  }
  return out;
}

/** Each paragraph of a text body as a line, each table as a Markdown table, in document order. */
function drawingLines(el: XmlElement, out: string[] = []): string[] {
  for (const child of childElements(el)) {
    if (child.name === 'txBody') {
      for (const p of childElements(child, 'p')) {
        const line = runText(p).trim();
        if (line !== '') out.push(line);
      }
    } else if (child.name === 'tbl') {
      const rows = childElements(child, 'tr').map((tr) =>
        childElements(tr, 'tc').map((tc) =>
          findElements(tc, 'p')
            .map((p) => runText(p))
            .join(' '),
        ),
      );
      const table = markdownTable(rows);
      if (table !== '') out.push(table);
    } else drawingLines(child, out);
  }
  return out;
}

/** The placeholder type of a shape (`title`, `body`, …), if it is one. */
function placeholderType(sp: XmlElement): string | undefined {
  const ph = findElement(sp, 'ph');
  return ph ? (ph.attrs.type ?? 'body') : undefined;
}

/** Relationship targets of a part by type suffix (`slide`, `notesSlide`), resolved to part names. */
function relationships(zip: ZipPackage, part: string): { id: string; type: string; target: string }[] {
  const xml = zip.text(relsPath(part));
  if (xml === undefined) return [];
  return findElements(parseXml(xml, WHAT), 'Relationship').map((r) => ({
    id: r.attrs.Id ?? '',
    type: (r.attrs.Type ?? '').replace(/^.*\//, ''),
    target: resolvePart(part, r.attrs.Target ?? ''),
  }));
}

/**
 * PPTX: one section per slide in presentation order, with the slide's text (title first, then shapes and tables as
 * Markdown) and its speaker notes, the slide number as the location. The package is read within the zip-bomb bounds.
 */
export function parsePptx(buf: Buffer, ctx: ParseContext): ParsedDocument {
  const zip = readZip(buf, boundsLeft(ctx), WHAT, (name) => name.endsWith('.xml') || name.endsWith('.rels'));
  ctx.budget.bytesLeft -= zip.inflated;
  const presentationXml = zip.text('ppt/presentation.xml');
  if (presentationXml === undefined) throw new HearthError('UNSUPPORTED_FILE', `This ${WHAT} has no slide list.`);
  const rels = new Map(relationships(zip, 'ppt/presentation.xml').map((r) => [r.id, r.target]));
  const slideParts = findElements(parseXml(presentationXml, WHAT), 'sldId')
    .map((s) => rels.get(s.attrs['r:id'] ?? ''))
    .filter((part): part is string => part !== undefined);

  const sections: ParsedSection[] = [];
  let title: string | undefined;
  slideParts.forEach((part, n) => {
    const xml = zip.text(part);
    if (xml === undefined) return;
    const tree = parseXml(xml, WHAT);
    const spTree = findElement(tree, 'spTree');
    const titleShape = spTree
      ? findElements(spTree, 'sp').find((sp) => ['title', 'ctrTitle'].includes(placeholderType(sp) ?? ''))
      : undefined;
    const slideTitle = titleShape ? drawingLines(titleShape).join(' ') : '';
    if (title === undefined && slideTitle !== '') title = slideTitle;
    const lines = slideTitle === '' ? [] : [slideTitle];
    for (const shape of spTree ? childElements(spTree) : []) {
      if (shape === titleShape || placeholderType(shape) === 'sldNum') continue;
      lines.push(...drawingLines(shape));
    }
    const notesPart = relationships(zip, part).find((r) => r.type === 'notesSlide')?.target;
    const notesXml = notesPart === undefined ? undefined : zip.text(notesPart);
    if (notesXml !== undefined) {
      const notes = findElements(parseXml(notesXml, WHAT), 'sp')
        .filter((sp) => placeholderType(sp) === 'body')
        .flatMap((sp) => drawingLines(sp));
      if (notes.length > 0) lines.push(`Notes: ${notes.join('\n')}`);
    }
    const text = lines.join('\n').trim();
    if (text !== '') sections.push({ text, provenance: { slide: n + 1 } });
  });
  return title === undefined ? { type: 'pptx', sections } : { type: 'pptx', title, sections };
}
