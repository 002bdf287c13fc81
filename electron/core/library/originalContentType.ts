/**
 * What a client is told an original is. Only PDFs are shown as themselves; everything else is plain text or a
 * download, so an HTML or SVG document from the library can never run as a page of Hearth's origin.
 */
export function originalContentType(type: string): { contentType: string; inline: boolean } {
  if (type === 'pdf') return { contentType: 'application/pdf', inline: true };
  if (type === 'docx') {
    return {
      contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      inline: false,
    };
  }
  return { contentType: 'text/plain; charset=utf-8', inline: true };
}
