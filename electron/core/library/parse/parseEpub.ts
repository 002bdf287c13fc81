import { posix } from 'node:path';
import { HearthError } from '../../../shared/errors';
import { headingSections, type TextBlock } from './headingSections';
import { htmlToBlocks } from './htmlToBlocks';
import { boundsLeft, type ParseContext } from './ParseContext';
import type { ParsedDocument } from './ParsedDocument';
import { readZip, resolvePart, type ZipPackage } from './readZip';
import { childElements, findElement, findElements, parseXml, textContent, type XmlElement } from './xmlTree';

const WHAT = 'e-book';

/** A manifest href resolved against the package document, without its #fragment. */
function partOf(opfPath: string, href: string): string {
  return resolvePart(opfPath, href.replace(/#.*$/, ''));
}

/** Chapter titles by part name, from the EPUB 3 navigation document or else the EPUB 2 NCX. */
function tocTitles(zip: ZipPackage, opfPath: string, manifest: XmlElement[], spineToc: string): Map<string, string> {
  const titles = new Map<string, string>();
  const put = (from: string, href: string, title: string): void => {
    const part = partOf(from, href);
    const clean = title.replace(/\s+/g, ' ').trim();
    if (clean !== '' && !titles.has(part)) titles.set(part, clean);
  };
  const nav = manifest.find((m) => (m.attrs.properties ?? '').split(/\s+/).includes('nav'));
  const navPart = nav ? partOf(opfPath, nav.attrs.href ?? '') : undefined;
  const navXml = navPart === undefined ? undefined : zip.text(navPart);
  if (navPart !== undefined && navXml !== undefined) {
    const navEl = findElements(parseXml(navXml, WHAT), 'nav').find((n) => n.attrs['epub:type'] !== 'landmarks');
    for (const a of navEl ? findElements(navEl, 'a') : []) put(navPart, a.attrs.href ?? '', textContent(a));
    if (titles.size > 0) return titles;
  }
  const ncx = manifest.find((m) => m.attrs.id === spineToc || m.attrs['media-type'] === 'application/x-dtbncx+xml');
  const ncxPart = ncx ? partOf(opfPath, ncx.attrs.href ?? '') : undefined;
  const ncxXml = ncxPart === undefined ? undefined : zip.text(ncxPart);
  if (ncxPart !== undefined && ncxXml !== undefined) {
    for (const point of findElements(parseXml(ncxXml, WHAT), 'navPoint')) {
      const label = findElement(point, 'text');
      put(ncxPart, findElement(point, 'content')?.attrs.src ?? '', label ? textContent(label) : '');
      // Nested navPoints (sections of a chapter) are not searched by findElements; the chapter's title wins.
    }
  }
  return titles;
}

/**
 * EPUB 2 and 3: the package document (from META-INF/container.xml) gives the spine; each spine document's XHTML
 * goes through the HTML reader, under its chapter title (from the table of contents, else its first heading, else
 * "Chapter N") as the outermost heading. Lines are paragraphs across the book, as for DOCX.
 */
export function parseEpub(buf: Buffer, ctx: ParseContext): ParsedDocument {
  const zip = readZip(
    buf,
    boundsLeft(ctx),
    WHAT,
    (name) => !/\.(png|jpe?g|gif|svg|webp|ttf|otf|woff2?|mp3|mp4)$/i.test(name),
  );
  ctx.budget.bytesLeft -= zip.inflated;
  const container = zip.text('META-INF/container.xml');
  const opfPath =
    container === undefined ? undefined : findElement(parseXml(container, WHAT), 'rootfile')?.attrs['full-path'];
  const opfXml = opfPath === undefined ? undefined : zip.text(opfPath);
  if (opfPath === undefined || opfXml === undefined) {
    throw new HearthError('UNSUPPORTED_FILE', `This ${WHAT} has no package document (META-INF/container.xml).`);
  }
  const opf = parseXml(opfXml, WHAT);
  const manifestEl = findElement(opf, 'manifest');
  const manifest = manifestEl ? childElements(manifestEl, 'item') : [];
  const byId = new Map(manifest.map((m) => [m.attrs.id ?? '', m]));
  const spine = findElement(opf, 'spine');
  const titles = tocTitles(zip, opfPath, manifest, spine?.attrs.toc ?? '');

  const blocks: TextBlock[] = [];
  let chapter = 0;
  for (const ref of spine ? childElements(spine, 'itemref') : []) {
    const item = byId.get(ref.attrs.idref ?? '');
    if (!item || !/html|xml/i.test(item.attrs['media-type'] ?? '')) continue;
    const part = partOf(opfPath, item.attrs.href ?? '');
    const xhtml = zip.text(part);
    if (xhtml === undefined) continue;
    const { title: docTitle, blocks: inner } = htmlToBlocks(xhtml);
    if (inner.length === 0) continue;
    chapter++;
    const firstHeading = inner.find((b) => b.level !== undefined);
    const name =
      titles.get(part) ?? firstHeading?.text ?? docTitle ?? `Chapter ${String(chapter)} (${posix.basename(part)})`;
    // The chapter title is the outermost heading; the chapter's own heading with the same words is not repeated.
    blocks.push({ text: name, level: 0, lineStart: 0, lineEnd: 0 });
    for (const b of inner) {
      if (b === firstHeading && b.text === name) continue;
      blocks.push(b);
    }
  }
  blocks.forEach((b, n) => {
    b.lineStart = n + 1;
    b.lineEnd = n + 1;
  });
  const titleEl = findElement(opf, 'title');
  const title = titleEl ? textContent(titleEl).trim() : '';
  const doc: ParsedDocument = { type: 'epub', sections: headingSections(blocks) };
  if (title !== '') doc.title = title;
  return doc;
}
