import type { DocumentType } from './ParsedDocument';
import { listZip } from './readZip';

/** Largest `mimetype` or `[Content_Types].xml` entry read to tell ZIP-based formats apart. */
const MAX_MARKER_BYTES = 256 * 1024;

const ODF_TYPES: [string, DocumentType][] = [
  ['application/vnd.oasis.opendocument.text', 'odt'],
  ['application/vnd.oasis.opendocument.spreadsheet', 'ods'],
  ['application/epub+zip', 'epub'],
];
/** Main-part content types of [Content_Types].xml (plain, template, macro-enabled and slideshow variants). */
const OOXML_TYPES: [RegExp, DocumentType][] = [
  [/wordprocessingml\.(document|template)\.main\+xml|ms-word\.(document|template)\.macroEnabled/i, 'docx'],
  [/presentationml\.(presentation|slideshow|template)\.main\+xml|ms-powerpoint\.\w+\.macroEnabled/i, 'pptx'],
  [/spreadsheetml\.(sheet|template)\.main\+xml|ms-excel\.\w+\.macroEnabled/i, 'xlsx'],
];
/** Main parts by name, for packages whose [Content_Types].xml says nothing useful. */
const OOXML_PARTS: [string, DocumentType][] = [
  ['word/document.xml', 'docx'],
  ['ppt/presentation.xml', 'pptx'],
  ['xl/workbook.xml', 'xlsx'],
];

/**
 * Tells ZIP-based formats apart by what the archive says it is, never by the file name: an ODF or EPUB `mimetype`
 * entry, else the main part's content type in an OOXML `[Content_Types].xml`, else a known main part; any other
 * archive is a 'zip' of documents. Only the two small marker entries are inflated (declared size checked first);
 * null when the archive's directory cannot be read at all.
 */
export function sniffZip(bytes: Uint8Array): DocumentType | null {
  const names: string[] = [];
  const markers = listZip(bytes, (info) => {
    names.push(info.name);
    return (
      (info.name === 'mimetype' || info.name === '[Content_Types].xml') &&
      info.originalSize <= MAX_MARKER_BYTES &&
      info.size <= MAX_MARKER_BYTES
    );
  });
  if (markers === null) return null;
  const decoder = new TextDecoder('utf-8');
  const mimetype = markers.mimetype ? decoder.decode(markers.mimetype).trim() : '';
  for (const [type, kind] of ODF_TYPES) if (mimetype === type || mimetype.startsWith(`${type}-`)) return kind;
  const contentTypes = markers['[Content_Types].xml'] ? decoder.decode(markers['[Content_Types].xml']) : '';
  for (const [pattern, kind] of OOXML_TYPES) if (pattern.test(contentTypes)) return kind;
  if (names.includes('[Content_Types].xml')) {
    for (const [part, kind] of OOXML_PARTS) if (names.includes(part)) return kind;
  }
  return 'zip';
}
