import { HearthError } from '../../../shared/errors';
import { boundsLeft, type ParseContext } from './ParseContext';
import { readZip } from './readZip';
import { childElements, findElement, parseXml, textContent, type XmlElement } from './xmlTree';

/**
 * Text of an ODF paragraph or heading: `text:s` is spaces (`text:c` of them), `text:tab` a tab, `text:line-break` a
 * space; annotations (comments) are left out, footnote bodies kept in place.
 */
export function odfText(el: XmlElement): string {
  return textContent(el, (child) => {
    if (child.name === 's') return ' '.repeat(Math.min(Number(child.attrs['text:c'] ?? 1) || 1, 100));
    if (child.name === 'tab') return '\t';
    if (child.name === 'line-break') return ' ';
    if (child.name === 'annotation') return '';
    return undefined;
  });
}

/** The paragraphs of an ODF element (a table cell, say), each `text:p`/`text:h` as one line of text. */
export function odfParagraphs(el: XmlElement): string[] {
  const out: string[] = [];
  for (const child of childElements(el)) {
    if (child.name === 'p' || child.name === 'h') out.push(odfText(child));
    else out.push(...odfParagraphs(child));
  }
  return out;
}

/**
 * An ODF package's body (`office:text`, `office:spreadsheet`) and its title from meta.xml, read within the zip-bomb
 * bounds; `what` names the file in messages.
 */
export function readOdfBody(
  buf: Buffer,
  ctx: ParseContext,
  what: string,
  bodyName: string,
): { body: XmlElement; title?: string } {
  const zip = readZip(buf, boundsLeft(ctx), what, (name) => name === 'content.xml' || name === 'meta.xml');
  ctx.budget.bytesLeft -= zip.inflated;
  const content = zip.text('content.xml');
  const body = content === undefined ? undefined : findElement(parseXml(content, what), bodyName);
  if (body === undefined) throw new HearthError('UNSUPPORTED_FILE', `This ${what} has no content.`);
  const meta = zip.text('meta.xml');
  const titleEl = meta === undefined ? undefined : findElement(parseXml(meta, what), 'title');
  const title = titleEl ? textContent(titleEl).trim() : '';
  return title === '' ? { body } : { body, title };
}
