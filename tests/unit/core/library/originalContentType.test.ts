import { describe, expect, it } from 'vitest';
import { originalContentType } from '../../../../electron/core/library/originalContentType';

describe('originalContentType', () => {
  it('offers an image read by OCR as a download, never as text', () => {
    expect(originalContentType('image')).toEqual({ contentType: 'application/octet-stream', inline: false });
  });

  it('shows PDFs (scanned ones too) inline and text kinds as plain text', () => {
    expect(originalContentType('pdf')).toEqual({ contentType: 'application/pdf', inline: true });
    expect(originalContentType('markdown')).toEqual({ contentType: 'text/plain; charset=utf-8', inline: true });
  });
});
