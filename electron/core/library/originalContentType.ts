/**
 * What a client is told an original is. Only PDFs are shown as themselves; everything else is plain text or a
 * download, so an HTML or SVG document from the library can never run as a page of Hearth's origin.
 */
/** Originals offered as downloads under their own type (never shown inline: they are not text or a PDF). */
const DOWNLOADS: Record<string, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  odt: 'application/vnd.oasis.opendocument.text',
  epub: 'application/epub+zip',
  rtf: 'application/rtf',
  zip: 'application/zip',
  // Scans read by OCR: which image format is not kept, and a download is safe whatever it is.
  image: 'application/octet-stream',
};

export function originalContentType(type: string): { contentType: string; inline: boolean } {
  if (type === 'pdf') return { contentType: 'application/pdf', inline: true };
  const download = DOWNLOADS[type];
  if (download !== undefined) return { contentType: download, inline: false };
  // Emails (.eml, .mbox) are text, shown as such like the other text kinds.
  return { contentType: 'text/plain; charset=utf-8', inline: true };
}
